// Where a command's words go. With --json, stdout holds exactly one JSON object and every
// human line goes to stderr; without it, the result goes to stdout and notes to stderr.

/** A command's output channel; `json` picks the mode. */
export class Output {
  constructor({ stdout, stderr, json }) {
    this.stdout = stdout;
    this.stderr = stderr;
    this.json = json;
    this.emitted = false;
  }

  /** A line of the result for a person: stdout, or stderr in --json mode. */
  say(line) {
    (this.json ? this.stderr : this.stdout).write(`${line}\n`);
  }

  /** A note, warning or error for a person: always stderr. */
  note(line) {
    this.stderr.write(`${line}\n`);
  }

  /** The one JSON object of a --json run; a second call is a bug and throws. */
  result(value) {
    if (!this.json) return;
    if (this.emitted) throw new Error("a --json run prints one JSON object only");
    this.emitted = true;
    this.stdout.write(`${JSON.stringify(value)}\n`);
  }
}

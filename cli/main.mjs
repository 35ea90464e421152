// The `codearts-deploy` command: picks the subcommand, reads its flags, runs it and returns the
// exit code. The package (and its .wasm) is loaded only for a subcommand, not for --help.
import { readFileSync } from "node:fs";
import { readFlags } from "./argv.mjs";
import { EXIT, UsageError } from "./exit-codes.mjs";
import { helpText } from "./help.mjs";
import { Output } from "./output.mjs";
import { reportError } from "./report-error.mjs";

const COMMANDS = {
  start: () => import("./commands/start.mjs"),
  status: () => import("./commands/status.mjs"),
  validate: () => import("./commands/validate.mjs"),
};

/** The package's version, from its package.json. */
function version() {
  return JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;
}

/**
 * Runs the command line `argv` (without `node` and the script) with `io`: `{ env, stdin,
 * stdout, stderr, signal }`, where `signal` aborts on Ctrl-C. Resolves with the exit code.
 */
export async function main(argv, io) {
  const [name, ...args] = argv;
  if (name === "--version" || name === "-V") {
    io.stdout.write(`${version()}\n`);
    return EXIT.OK;
  }
  if (name === "--help" || name === "-h" || (name === "help" && args.length === 0)) {
    io.stdout.write(helpText());
    return EXIT.OK;
  }
  if (name === "help" && Object.hasOwn(COMMANDS, args[0])) {
    io.stdout.write(helpText(args[0]));
    return EXIT.OK;
  }

  const output = new Output({ ...io, json: argv.includes("--json") });
  if (!Object.hasOwn(COMMANDS, name ?? "")) {
    const problem = name === undefined || name.startsWith("-") ? "give a command first: start, status or validate" : `unknown command${/^[a-z-]{1,20}$/.test(name) ? ` "${name}"` : ""}: use start, status or validate`;
    return reportError(new UsageError(problem, { command: "" }), output, { command: "", phase: "read" });
  }
  const command = await COMMANDS[name]();
  let flags;
  try {
    flags = readFlags(args, command.spec);
  } catch (error) {
    return reportError(error, output, { command: name, phase: "read" });
  }
  if (flags.values.help) {
    io.stdout.write(helpText(name));
    return EXIT.OK;
  }
  return command.run(flags, { ...io, output });
}

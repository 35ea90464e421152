// Runs the `codearts-deploy` bin as a separate process, as a CI job would, and collects what
// it printed and how it exited.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The bin of this checkout. */
export const BIN = fileURLToPath(new URL("../../../bin/codearts-deploy.mjs", import.meta.url));

/** The parent's environment without any CODEARTS_* variable, plus `extra`. */
export function cliEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("CODEARTS_")));
  return { ...env, ...extra };
}

/**
 * Starts `command args` (by default `node <BIN> args`) and returns `{ child, done }`: `done`
 * resolves with `{ code, signal, stdout, stderr }` once it has exited. `stdin`, when given, is
 * written and closed; otherwise stdin is closed at once. `onStderr(text)` sees stderr as it comes.
 */
export function spawnCli(args, { env = cliEnv(), stdin, cwd, command = [process.execPath, BIN], onStderr } = {}) {
  const child = spawn(command[0], [...command.slice(1), ...args], { env, cwd, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk) => {
    stderr += chunk;
    onStderr?.(stderr);
  });
  child.stdin.end(stdin);
  const done = new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs the bin to its end; resolves with `{ code, signal, stdout, stderr }`. */
export function runCli(args, options) {
  return spawnCli(args, options).done;
}

/**
 * The one JSON object a --json run printed: stdout must be exactly one JSON text (one line)
 * and an object. Throws otherwise.
 */
export function onlyJson(stdout) {
  const lines = stdout.split("\n");
  if (lines.length !== 2 || lines[1] !== "") throw new Error(`stdout is not exactly one line: ${JSON.stringify(stdout.slice(0, 500))}`);
  const value = JSON.parse(lines[0]);
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error(`stdout is not a JSON object: ${lines[0].slice(0, 200)}`);
  return value;
}

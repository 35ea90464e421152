#!/usr/bin/env node
// The `codearts-deploy` command line (see `codearts-deploy --help`). Ctrl-C (SIGINT) or SIGTERM
// (a cancelled CI job) aborts what is in flight: a wait stops, the deployment goes on. A second
// signal exits at once.
import { main } from "../cli/main.mjs";

const controller = new AbortController();
const interrupt = () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort(new Error("interrupted"));
};
process.on("SIGINT", interrupt);
process.on("SIGTERM", interrupt);
// A reader that went away (`| head -1`) is no failure of the command.
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
});

const code = await main(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
// Exit once both streams have handed over what was written (pipes may be asynchronous).
let pending = 2;
const done = () => {
  pending -= 1;
  if (pending === 0) process.exit(code);
};
process.stdout.write("", done);
process.stderr.write("", done);

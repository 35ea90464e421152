#!/usr/bin/env node
/**
 * Runs the local CodeArts Deploy service from the command line.
 *
 *   node tests/service/cli.mjs [--port N] [--token T]... [--ak A --sk S]... [--task ID]...
 *                              [--any-task] [--deploying-ms N] [--running-ms N] [--failing-task ID]...
 *                              [--quiet]
 *
 * Prints ONE JSON line `{"url": ..., "port": ...}` on stdout once listening; one log line per
 * request goes to stderr (unless --quiet). SIGINT / SIGTERM stop it cleanly (exit code 0).
 * `--token` / `--ak --sk` replace the defaults; `--task` adds to the default task ids;
 * `--failing-task` adds to FAILING_TASK_ID (runs of these tasks end `failed`; they exist too).
 */
import { parseArgs } from "node:util";
import { EXAMPLE_TASK_IDS, FAILING_TASK_ID, SPEC_EXAMPLE_TASK_ID, startService } from "./service.mjs";

const USAGE = "usage: node tests/service/cli.mjs [--port N] [--token T]... [--ak A --sk S]... " +
  "[--task ID]... [--any-task] [--deploying-ms N] [--running-ms N] [--failing-task ID]... [--quiet]";

/** Parses the command line into startService options; throws with a usage message on errors. */
function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      token: { type: "string", multiple: true },
      ak: { type: "string", multiple: true },
      sk: { type: "string", multiple: true },
      task: { type: "string", multiple: true },
      "any-task": { type: "boolean" },
      "deploying-ms": { type: "string" },
      "running-ms": { type: "string" },
      "failing-task": { type: "string", multiple: true },
      quiet: { type: "boolean" },
      help: { type: "boolean" },
    },
    strict: true,
  });
  if (values.help) return null;
  const number = (text, name) => {
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text)) throw new Error(`--${name} needs a whole number`);
    return Number(text);
  };
  const aks = values.ak ?? [];
  const sks = values.sk ?? [];
  if (aks.length !== sks.length) throw new Error("give each --ak its --sk");
  return {
    port: number(values.port, "port") ?? 0,
    tokens: values.token,
    credentials: aks.length > 0 ? aks.map((accessKey, i) => ({ accessKey, secretKey: sks[i] })) : undefined,
    tasks: values.task ? [SPEC_EXAMPLE_TASK_ID, ...EXAMPLE_TASK_IDS, ...values.task] : undefined,
    anyTask: values["any-task"] ?? false,
    deployingMs: number(values["deploying-ms"], "deploying-ms") ?? 0,
    runningMs: number(values["running-ms"], "running-ms"),
    failingTasks: values["failing-task"] ? [FAILING_TASK_ID, ...values["failing-task"]] : undefined,
    log: values.quiet ? undefined : (line) => process.stderr.write(`[codearts-service] ${line}\n`),
  };
}

let options;
try {
  options = readOptions(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error.message}\n${USAGE}\n`);
  process.exit(2);
}
if (options === null) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const starting = startService(options);
let stopping = false;
/** Closes the server once (even when the signal came during start-up), then exits 0. */
async function stop() {
  if (stopping) return;
  stopping = true;
  await (await starting).close();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

const service = await starting;
process.stdout.write(`${JSON.stringify({ url: service.url, port: service.port })}\n`);

// `codearts-deploy status`: reads a run's status (the task's latest without --record) and,
// with --wait, follows it to its end. It never starts or stops anything.
import { CodeArtsDeployClient } from "../../pkg/node.js";
import { readClientConfig } from "../config.mjs";
import { readDeadline } from "../deadline.mjs";
import { EXIT, UsageError } from "../exit-codes.mjs";
import { follow, statusLine } from "../follow.mjs";
import { reportError } from "../report-error.mjs";

/** The flags of `status`. */
export const spec = {
  command: "status",
  strings: ["task", "record", "timeout", "interval", "region", "endpoint", "project-id", "locale"],
  booleans: ["wait", "json", "help"],
  repeated: [],
  positionals: 0,
};

/** The statuses a run ends with. */
const ENDED = ["succeeded", "failed"];

/** Runs `status`; resolves with the exit code (1 when the run failed). */
export async function run({ values }, { env, output, signal }) {
  const context = { command: "status", phase: "read", taskId: values.task };
  try {
    if (values.task === undefined) throw new UsageError("give --task ID");
    const deadline = readDeadline(values);
    const client = new CodeArtsDeployClient(readClientConfig(values, env));
    const read = (ids) => client.getDeployStatus(ids, { signal, timeoutMs: deadline.callMs() });

    // Without --record, the task's latest run; with --wait, followed unless it has ended.
    const ids = values.record === undefined ? { taskId: values.task } : { taskId: values.task, recordId: values.record };
    let status = values.record === undefined || !values.wait ? await read(ids) : undefined;
    if (values.wait && !ENDED.includes(status?.status)) {
      const run = { taskId: values.task, recordId: status?.recordId ?? values.record };
      Object.assign(context, { phase: "wait", recordId: run.recordId });
      status = await follow(client, run, { signal, timeoutMs: deadline.waitMs(), intervalMs: deadline.intervalMs, output, env });
    }
    output.say(statusLine(status));
    output.result(status);
    return status.status === "failed" || (values.wait && status.status !== "succeeded") ? EXIT.FAILED : EXIT.OK;
  } catch (error) {
    return reportError(error, output, context);
  }
}

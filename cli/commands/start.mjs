// `codearts-deploy start`: starts a deployment with the package's client and, with --wait,
// follows it to its end.
import { CodeArtsDeployClient, ValidationError, validateStartDeployTask } from "../../pkg/node.js";
import { readClientConfig } from "../config.mjs";
import { readDeadline } from "../deadline.mjs";
import { EXIT, UsageError } from "../exit-codes.mjs";
import { follow, statusLine } from "../follow.mjs";
import { readStartInput } from "../input.mjs";
import { reportError } from "../report-error.mjs";

/** The flags of `start`. */
export const spec = {
  command: "start",
  strings: ["task", "record", "trigger-source", "input", "timeout", "interval", "region", "endpoint", "project-id", "locale"],
  booleans: ["wait", "reconcile", "json", "help"],
  repeated: ["param", "param-env"],
  positionals: 0,
};

/** Runs `start`; resolves with the exit code. */
export async function run(flags, { env, stdin, output, signal }) {
  const { values } = flags;
  const context = { command: "start", phase: "prepare", taskId: values.task };
  try {
    if (values.task === undefined && values.input === undefined) throw new UsageError("give --task ID (or --input FILE with a taskId)");
    const deadline = readDeadline(values);
    const config = readClientConfig(values, env);
    const { input, origins } = await readStartInput(values.input, flags, { env, stdin, signal });
    context.origins = origins;
    context.taskId = typeof input?.taskId === "string" ? input.taskId : values.task;
    const checked = validateStartDeployTask(input, { locale: config.locale });
    if (!checked.ok) throw new ValidationError("The input breaks the API's rules.", checked.issues);
    const client = new CodeArtsDeployClient(config);

    context.phase = "start";
    const record = await client.startDeployTask(input, { signal, timeoutMs: deadline.callMs() });
    Object.assign(context, { phase: "wait", record, recordId: record.id });
    const about = [
      record.jobName && `job ${record.jobName}`,
      record.requestId && `request id ${record.requestId}`,
      record.reconciled && "its answer was lost; confirmed from the task's latest run",
    ].filter(Boolean);
    output.say(`Started deployment ${record.id} of task ${record.taskId}${about.length ? ` (${about.join(", ")})` : ""}.`);
    if (!values.wait) {
      output.note(`Follow it with: codearts-deploy status --task ${record.taskId} --record ${record.id} --wait`);
      output.result(record);
      return EXIT.OK;
    }

    const final = await follow(client, { taskId: record.taskId, recordId: record.id }, {
      signal,
      timeoutMs: deadline.waitMs(),
      intervalMs: deadline.intervalMs,
      output,
      env,
    });
    output.say(statusLine(final));
    output.result(final);
    return final.status === "succeeded" ? EXIT.OK : EXIT.FAILED;
  } catch (error) {
    return reportError(error, output, context);
  }
}

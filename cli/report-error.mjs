// Turns whatever stopped a command into its exit code, the lines a person reads and, with
// --json, the one JSON object on stdout. Every text shown comes from the package's errors
// (which never hold a secret) or from this file; no input value is ever echoed.
import { EXIT, exitCodeOf } from "./exit-codes.mjs";
import { configHint } from "./config.mjs";
import { issueLines, issuesJson } from "./issues.mjs";

const PREFIX = "codearts-deploy:";

/** The error fields worth passing on in --json output (never `cause`). */
const FIELDS = ["status", "errorCode", "errorMsg", "requestId", "encodedAuthorizationMessage", "kind", "reason", "timeoutMs", "attempts", "$metadata"];

/**
 * Whether the service may have acted on a start that ended in `error`: the error's own
 * `mayHaveStarted` when it has one, otherwise what its class allows.
 */
export function mayHaveStarted(error) {
  if (typeof error?.mayHaveStarted === "boolean") return error.mayHaveStarted;
  switch (error?.name) {
    case "UsageError":
    case "ValidationError":
    case "ConfigError":
      return false;
    case "DeployApiError":
      return error.status === 502 || error.status === 503 || error.status === 504;
    default:
      return true; // a timeout, a lost connection, an unreadable answer: nobody can tell
  }
}

/**
 * Reports `error` for a command and returns the exit code. `context`: `{ command, phase,
 * taskId, recordId, record, origins }` where `phase` is `"prepare"` (reading the input: nothing
 * sent yet), `"start"` (sending the start), `"wait"` (the deployment was started and is being
 * followed) or `"read"` (status, validate: nothing starts).
 */
export function reportError(error, output, context) {
  const code = exitCodeOf(error);
  const lines = code === EXIT.INTERRUPTED ? interruptLines(error, context) : [...whatLines(error, context), ...consequenceLines(error, code, context)];
  for (const line of lines) output.note(line);
  output.result(errorJson(error, code, context));
  return code;
}

/** What went wrong. */
function whatLines(error, context) {
  switch (error?.name) {
    case "UsageError":
      return [`${PREFIX} ${error.message}`, `Run "${["codearts-deploy", error.command ?? context.command].filter(Boolean).join(" ")} --help" for usage.`];
    case "ValidationError":
      return [`${PREFIX} the input is invalid (nothing was sent):`, ...issueLines(error.issues ?? [], context.origins).map((line) => `  ${line}`)];
    case "ConfigError": {
      const hint = configHint(error);
      return [`${PREFIX} ${error.message}`, ...(hint ? [`  ${hint}`] : []), "Nothing was sent."];
    }
    case "DeployApiError":
      return [
        `${PREFIX} the API answered ${error.status ?? "an error"}: ${error.errorCode ?? "(no code)"}: ${error.errorMsg ?? error.message}`,
        `  request id: ${error.requestId ?? "(none)"}`,
      ];
    default:
      return [`${PREFIX} ${error?.message ?? String(error)}`];
  }
}

/** What it means for the deployment: whether it may have started, or that it goes on. */
function consequenceLines(error, code, context) {
  if (code === EXIT.USAGE) return [];
  if (context.phase === "prepare") return ["Nothing was sent."];
  if (context.phase === "wait") return goesOn(context);
  if (context.phase === "start") {
    return mayHaveStarted(error)
      ? [`The deployment may have started: check with "codearts-deploy status --task ${context.taskId}" before starting it again.`]
      : ["The deployment was not started."];
  }
  return ["This command only reads: it started nothing."];
}

/** Ctrl-C: what stopped, and what did not. */
function interruptLines(error, context) {
  if (context.phase === "wait") return [`${PREFIX} stopped waiting; the deployment goes on.`, ...goesOn(context)];
  if (context.phase === "prepare") return [`${PREFIX} interrupted; nothing was sent.`];
  if (context.phase === "start") {
    return mayHaveStarted(error)
      ? [`${PREFIX} interrupted; the deployment may have started: check with "codearts-deploy status --task ${context.taskId}".`]
      : [`${PREFIX} interrupted before the start was sent; nothing was started.`];
  }
  return [`${PREFIX} interrupted.`];
}

function goesOn({ taskId, recordId }) {
  return [
    `The deployment (task ${taskId}, record ${recordId}) goes on; follow it with:`,
    `  codearts-deploy status --task ${taskId} --record ${recordId} --wait`,
  ];
}

/** The --json form: `{ error: {…}, taskId?, recordId?, record? }`. */
function errorJson(error, exitCode, context) {
  const out = { name: error?.name ?? "Error", code: error?.code, message: error?.message ?? String(error), exitCode };
  for (const field of FIELDS) if (error?.[field] !== undefined) out[field] = error[field];
  if (Array.isArray(error?.issues)) out.issues = issuesJson(error.issues, context.origins);
  if (context.phase === "start") out.mayHaveStarted = mayHaveStarted(error);
  if (context.phase === "read" || context.phase === "prepare") out.mayHaveStarted = false;
  if (context.phase === "wait") out.deploymentGoesOn = true;
  const where = { taskId: context.taskId, recordId: context.recordId, record: context.record };
  return { error: out, ...Object.fromEntries(Object.entries(where).filter(([, value]) => value !== undefined)) };
}

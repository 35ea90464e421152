/**
 * The read endpoints (shared/spec/follow-a-run.md):
 * `GET /v2/tasks/{task_id}/state?record_id=&step_state=` (ShowDeployStatus) and
 * `GET /v2/history/tasks/{task_id}/params?record_id=` (ShowExecutionParams), behind the same
 * gateway as the start. They never start anything.
 */
import { FAILURE_OUTCOMES, sendBodyOutcome, sendFailureBody } from "./faults.mjs";
import { passGateway } from "./gateway.mjs";
import { headerNames } from "./request.mjs";
import { sendJson, sendServiceError, sendUnknownTask } from "./responses.mjs";
import { formatIssues, validateTaskId } from "./rules.mjs";
import { paramsBody, statusBody } from "./run.mjs";
import { percentDecode } from "./signature.mjs";

/** The read routes: a raw API path → which read and the raw `task_id` segment. */
const READ_PATHS = [
  { kind: "status", pattern: /^\/v2\/tasks\/([^/]+)\/state$/ },
  { kind: "params", pattern: /^\/v2\/history\/tasks\/([^/]+)\/params$/ },
];
/** R5: a record id is 32 ASCII letters or digits. */
const RECORD_ID = /^[A-Za-z0-9]{32}$/;

/** The read `apiPath` names for `method`, or null when it is not a read route. */
export function matchRead(method, apiPath) {
  if (method !== "GET") return null;
  for (const { kind, pattern } of READ_PATHS) {
    const match = pattern.exec(apiPath);
    if (match) return { kind, taskSegment: match[1] };
  }
  return null;
}

/**
 * Reads `record_id` and `step_state` from a raw query string.
 * @returns {{ recordId: string | null, withSteps: boolean, issues: object[] }}
 */
function readQuery(rawQuery, kind) {
  const query = new URLSearchParams(rawQuery);
  const issues = [];
  const recordId = query.get("record_id");
  if (recordId !== null && !RECORD_ID.test(recordId)) {
    issues.push({ path: ["record_id"], rule: "R5", message: "must be exactly 32 ASCII letters or digits" });
  }
  const stepState = query.get("step_state");
  if (kind === "status" && stepState !== null && stepState !== "true" && stepState !== "false") {
    issues.push({ path: ["step_state"], rule: "query", message: "must be true or false" });
  }
  return { recordId, withSteps: stepState !== "false", issues };
}

/**
 * Serves one read request that {@link matchRead} matched. Returns a short note for the log.
 * @param {{ kind: "status" | "params", taskSegment: string, spec: string | null, apiPath: string,
 *           rawPath: string, rawQuery: string }} target
 * @param {{ state: import("./state.mjs").ServiceState, config: object }} context
 */
export async function serveRead(req, res, target, context) {
  const { state, config } = context;
  state.countRead(target.kind);
  const gate = await passGateway(req, res, target, context);
  if (!gate.passed) return gate.result;

  const taskId = percentDecode(target.taskSegment);
  const query = readQuery(target.rawQuery, target.kind);
  const issues = [...validateTaskId(taskId), ...query.issues];
  if (issues.length > 0) {
    sendServiceError(res, 400, "Deploy.00011001", formatIssues(issues));
    return { note: `invalid: ${issues.map((issue) => issue.rule).join(",")}` };
  }
  state.lastRead = {
    kind: target.kind, taskId, recordId: query.recordId, auth: gate.auth.method, headersSeen: headerNames(req),
  };
  if (!config.knowsTask(taskId)) {
    sendUnknownTask(res);
    return { note: "unknown task" };
  }
  const run = state.findRun(taskId, query.recordId);
  if (run === null && query.recordId !== null) {
    sendServiceError(res, 404, "Deploy.00021534", "The deployment record does not exist");
    return { note: "unknown record" };
  }
  if (run === null) {
    sendServiceError(res, 400, "Deploy.00011303", "The application has no execution record");
    return { note: "no run yet" };
  }
  const outcome = gate.outcome;
  if (outcome && FAILURE_OUTCOMES.includes(outcome.name)) {
    sendFailureBody(res, outcome.name);
    return { note: `fault ${outcome.name}` };
  }
  const body = target.kind === "status"
    ? statusBody(run, config.now(), config.runningMs, query.withSteps)
    : paramsBody(run);
  if (outcome) sendBodyOutcome(res, outcome, body, `run ${run.recordId} read`);
  else sendJson(res, 200, body);
  return { note: outcome ? `${target.kind}, fault ${outcome.name}` : target.kind };
}

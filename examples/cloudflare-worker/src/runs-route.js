// GET /runs/{taskId}/{recordId}?sig=…: the status of a run the webhook started, for its caller
// to poll. Backed by `getDeployStatus`; answers
//
//   { "taskId", "recordId", "status": "running" | "succeeded" | "failed" | …, "done": false,
//     "step", "startTime", "endTime", "requestId" }
//
// with `Retry-After` (seconds) while the run goes on. The ids are checked by the package (400
// with issues), the signature by run-link.js (401).
import { CodeArtsDeployClient } from "codearts-deploy-wasm";
import { clientConfig, webhookSecret } from "./config.js";
import { WorkerError } from "./error-response.js";
import { json } from "./json.js";
import { verifyRunSignature } from "./run-link.js";

/** The path of this route: `/runs/{taskId}/{recordId}`. */
export const RUNS_PATH = /^\/runs\/([^/]+)\/([^/]+)$/;
/** Statuses after which a run changes no more. */
const FINAL = ["succeeded", "failed"];
/** How long a caller should wait before asking again while the run goes on. */
const RETRY_AFTER_S = 5;

/** Decodes a path segment; `null` when it is not valid percent-encoding. */
function segment(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

export async function handleRun(request, env, match) {
  const taskId = segment(match[1]);
  const recordId = segment(match[2]);
  const sig = new URL(request.url).searchParams.get("sig");
  if (taskId === null || recordId === null || !(await verifyRunSignature(webhookSecret(env), taskId, recordId, sig))) {
    throw new WorkerError(401, "ERR_RUN_SIGNATURE", "missing or wrong sig: use the statusUrl the webhook answered with");
  }
  const client = new CodeArtsDeployClient(clientConfig(env));
  try {
    const run = await client.getDeployStatus({ taskId, recordId });
    const done = FINAL.includes(run.status);
    const body = {
      taskId: run.taskId,
      recordId: run.recordId,
      status: run.status,
      done,
      step: run.step ?? null,
      startTime: run.startTime ?? null,
      endTime: run.endTime ?? null,
      requestId: run.requestId ?? null,
    };
    return json(body, 200, done ? {} : { "Retry-After": String(RETRY_AFTER_S) });
  } finally {
    client.free();
  }
}

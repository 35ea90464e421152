// POST /deploy: the webhook trigger. The body, signed (see webhook-auth.js), names a task of
// DEPLOY_TASKS and may add parameters and a record id:
//
//   { "task": "web-prod", "params": [{ "key": "version", "value": "1.4.2", "type": "text" }] }
//
// The payload's parameters come first (so an issue's path points into the payload as sent) and
// replace the mapping's defaults of the same key. The answer comes as soon as the deployment
// started: 202 with its record id and a status URL (also in `Location`) the caller polls
// (runs-route.js) to learn how it ends — or the error as JSON (400 with every issue for an
// invalid input).
import { CodeArtsDeployClient, ValidationError, validateStartDeployTask } from "codearts-deploy-wasm";
import { clientConfig, deployTasks, webhookSecret } from "./config.js";
import { WorkerError } from "./error-response.js";
import { json, parseJson, readBody } from "./json.js";
import { runStatusUrl } from "./run-link.js";
import { verifyWebhookSignature } from "./webhook-auth.js";

const MAX_BODY_BYTES = 64 * 1024;

/** The payload's parameters, then the mapping's defaults whose key the payload does not set. */
function mergeParams(defaults, given) {
  if (given === undefined || given === null) return defaults;
  if (!Array.isArray(given) || !Array.isArray(defaults)) return given;
  const keys = new Set(given.map((param) => param?.key));
  return [...given, ...defaults.filter((param) => !keys.has(param?.key))];
}

/** The `StartDeployTaskInput` a payload asks for. */
function inputFor(payload, tasks) {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    throw new WorkerError(400, "ERR_BAD_PAYLOAD", "the body must be a JSON object such as {\"task\": \"web-prod\"}");
  }
  const { task, taskId, ...rest } = payload;
  if (taskId !== undefined) {
    throw new WorkerError(400, "ERR_BAD_PAYLOAD", "name the task with \"task\" (one of DEPLOY_TASKS), not by its taskId");
  }
  if (typeof task !== "string" || !tasks.has(task)) {
    throw new WorkerError(404, "ERR_UNKNOWN_TASK", `unknown task; expected one of: ${[...tasks.keys()].join(", ")}`);
  }
  const { params: defaults, ...mapped } = tasks.get(task);
  const input = { ...mapped, ...rest };
  const params = mergeParams(defaults, rest.params);
  if (params !== undefined) input.params = params;
  return input;
}

export async function handleDeploy(request, env) {
  const body = await readBody(request, MAX_BODY_BYTES);
  if (body === null) throw new WorkerError(413, "ERR_TOO_LARGE", `the body is larger than ${MAX_BODY_BYTES} bytes`);
  const secret = webhookSecret(env);
  if (!(await verifyWebhookSignature(request, body, secret))) {
    throw new WorkerError(401, "ERR_WEBHOOK_SIGNATURE", "missing or wrong X-Signature-256 (sha256=<HMAC-SHA256 of the body>)");
  }
  const payload = parseJson(body);
  if (payload === null) throw new WorkerError(400, "ERR_BAD_JSON", "the body is not JSON");
  const input = inputFor(payload, deployTasks(env));

  const { ok, issues } = validateStartDeployTask(input);
  if (!ok) throw new ValidationError("the deployment input breaks the API's rules", issues);

  const client = new CodeArtsDeployClient(clientConfig(env));
  try {
    const record = await client.startDeployTask(input);
    const statusUrl = await runStatusUrl(request, secret, record.taskId, record.id);
    return json(
      { recordId: record.id, taskId: record.taskId, jobName: record.jobName, requestId: record.requestId ?? null, statusUrl },
      202,
      { Location: statusUrl },
    );
  } finally {
    client.free();
  }
}

// POST /api/deployments: the backend of a web console. The console's page posts the unsigned
// `StartDeployTaskInput`; the Worker checks the origin, validates the input (messages in the
// page's language), checks that the task is one of DEPLOY_TASKS, signs with its own AK/SK (or
// token) and forwards it. The keys stay in the Worker: the page only ever sees the record or the
// error.
import { CodeArtsDeployClient, ValidationError, validateStartDeployTask } from "codearts-deploy-wasm";
import { clientConfig, consoleOrigin, deployTasks } from "./config.js";
import { corsHeaders, fromConsole, preflight } from "./cors.js";
import { WorkerError, errorResponse } from "./error-response.js";
import { json, parseJson, readBody } from "./json.js";

const MAX_BODY_BYTES = 256 * 1024;

/** `zh-CN` when the page prefers Chinese, else English. */
function localeOf(request) {
  return /^\s*zh\b/i.test(request.headers.get("Accept-Language") ?? "") ? "zh-CN" : "en";
}

async function startFromConsole(request, env) {
  const body = await readBody(request, MAX_BODY_BYTES);
  if (body === null) throw new WorkerError(413, "ERR_TOO_LARGE", `the body is larger than ${MAX_BODY_BYTES} bytes`);
  const input = parseJson(body);
  if (input === null) throw new WorkerError(400, "ERR_BAD_JSON", "the body is not JSON");

  const { ok, issues } = validateStartDeployTask(input, { locale: localeOf(request) });
  if (!ok) throw new ValidationError("the deployment input breaks the API's rules", issues);
  const allowed = [...deployTasks(env).values()].some((task) => task.taskId === input.taskId);
  if (!allowed) throw new WorkerError(403, "ERR_TASK_NOT_ALLOWED", "this task is not one of the Worker's DEPLOY_TASKS");

  const client = new CodeArtsDeployClient(clientConfig(env));
  try {
    return await client.startDeployTask(input);
  } finally {
    client.free();
  }
}

export async function handleConsole(request, env) {
  const origin = consoleOrigin(env);
  if (request.method === "OPTIONS") return preflight(request, origin);
  if (!fromConsole(request, origin)) {
    return json({ error: { name: "WorkerError", code: "ERR_ORIGIN", message: "origin not allowed" } }, 403, { Vary: "Origin" });
  }
  const cors = corsHeaders(origin);
  if (request.method !== "POST") {
    return errorResponse(new WorkerError(405, "ERR_METHOD", "use POST"), { ...cors, Allow: "POST, OPTIONS" });
  }
  try {
    return json(await startFromConsole(request, env), 200, cors);
  } catch (error) {
    return errorResponse(error, cors);
  }
}

// The Worker's configuration, from its bindings (wrangler.toml `[vars]` and secrets):
//
// | binding | kind | meaning |
// |---|---|---|
// | `CODEARTS_ACCESS_KEY`, `CODEARTS_SECRET_KEY` | secrets | the AK/SK pair that signs every request (preferred) |
// | `CODEARTS_SECURITY_TOKEN` | secret, optional | for temporary AK/SK |
// | `CODEARTS_TOKEN` | secret | an IAM token instead of AK/SK (it expires after 24 h) |
// | `WEBHOOK_SECRET` | secret | the shared secret of the webhook's HMAC |
// | `CODEARTS_REGION` or `CODEARTS_ENDPOINT` | var | where CodeArts Deploy is |
// | `CODEARTS_PROJECT_ID` | var, optional | sent as `X-Project-Id` |
// | `CONSOLE_ORIGIN` | var | the one origin allowed to use `/api/deployments`, e.g. `https://deploy.example.com` |
// | `DEPLOY_TASKS` | var (TOML table or JSON string) | task name → `{ taskId, params?, triggerSource? }` |
// | `DEPLOY_TIMEOUT_MS` | var, optional | per-call deadline (default 15000) |
import { WorkerError } from "./error-response.js";

const DEFAULT_TIMEOUT_MS = 15_000;

function misconfigured(message) {
  return new WorkerError(500, "ERR_WORKER_CONFIG", `the Worker is misconfigured: ${message}`);
}

/** The `ClientConfig` for `CodeArtsDeployClient`: where to send and the Worker's own credentials. */
export function clientConfig(env) {
  const config = {};
  if (env.CODEARTS_ENDPOINT) config.endpoint = env.CODEARTS_ENDPOINT;
  else if (env.CODEARTS_REGION) config.region = env.CODEARTS_REGION;
  else throw misconfigured("set CODEARTS_REGION or CODEARTS_ENDPOINT");
  if (env.CODEARTS_PROJECT_ID) config.projectId = env.CODEARTS_PROJECT_ID;
  if (env.CODEARTS_ACCESS_KEY && env.CODEARTS_SECRET_KEY) {
    config.accessKey = env.CODEARTS_ACCESS_KEY;
    config.secretKey = env.CODEARTS_SECRET_KEY;
    if (env.CODEARTS_SECURITY_TOKEN) config.securityToken = env.CODEARTS_SECURITY_TOKEN;
    config.auth = "aksk";
  } else if (env.CODEARTS_TOKEN) {
    config.token = env.CODEARTS_TOKEN;
  } else {
    throw misconfigured("set the secrets CODEARTS_ACCESS_KEY and CODEARTS_SECRET_KEY (or CODEARTS_TOKEN)");
  }
  const timeoutMs = env.DEPLOY_TIMEOUT_MS === undefined ? DEFAULT_TIMEOUT_MS : Number(env.DEPLOY_TIMEOUT_MS);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw misconfigured("DEPLOY_TIMEOUT_MS must be a positive integer");
  config.timeoutMs = timeoutMs;
  return config;
}

/** The task mapping: a `Map` from a task's name to its `{ taskId, params?, triggerSource? }`. */
export function deployTasks(env) {
  let tasks = env.DEPLOY_TASKS ?? {};
  if (typeof tasks === "string") {
    try {
      tasks = JSON.parse(tasks);
    } catch {
      throw misconfigured("DEPLOY_TASKS is not valid JSON");
    }
  }
  if (tasks === null || typeof tasks !== "object" || Array.isArray(tasks)) {
    throw misconfigured("DEPLOY_TASKS must map task names to { taskId, params?, triggerSource? }");
  }
  for (const [name, task] of Object.entries(tasks)) {
    if (task === null || typeof task !== "object" || typeof task.taskId !== "string") {
      throw misconfigured(`DEPLOY_TASKS["${name}"] needs a taskId`);
    }
  }
  return new Map(Object.entries(tasks));
}

/** The webhook's shared secret. */
export function webhookSecret(env) {
  if (!env.WEBHOOK_SECRET) throw misconfigured("set the secret WEBHOOK_SECRET");
  return env.WEBHOOK_SECRET;
}

/** The web console's origin, normalised (`https://host[:port]`). */
export function consoleOrigin(env) {
  try {
    const origin = new URL(env.CONSOLE_ORIGIN).origin;
    if (origin !== "null") return origin;
  } catch {
    // falls through
  }
  throw misconfigured("CONSOLE_ORIGIN must be an origin such as https://deploy.example.com");
}

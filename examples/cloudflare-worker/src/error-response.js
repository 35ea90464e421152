// Every failure becomes a JSON answer `{ "error": { name, code, message, ...details } }` with a
// fitting HTTP status. The package's errors carry no secret (no token, key, signature or
// `encrypt` value); only the fields listed here are copied, so nothing else can leak either.
import {
  CodeArtsDeployError,
  ValidationError,
  ConfigError,
  DeployApiError,
  TimeoutError,
  AbortError,
  NetworkError,
  ResponseFormatError,
} from "codearts-deploy-wasm";
import { json } from "./json.js";

/** A failure this Worker itself detects (bad signature, bad JSON, unknown task, wrong origin…). */
export class WorkerError extends Error {
  constructor(status, code, message, details = {}) {
    super(message);
    this.name = "WorkerError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * The HTTP status for a `DeployApiError`, by its `kind`. The service's opinion of the Worker's
 * own credentials (`unauthorized`, `forbidden`) is not the caller's fault: that is a 502, so a
 * caller never mistakes it for its own webhook signature being refused.
 */
const STATUS_BY_KIND = {
  conflict: 409, // Deploy.00011027: the application is already deploying
  draft: 409, // Deploy.00011042: a draft application cannot run
  not_found: 404, // Deploy.00011020
  bad_request: 400,
  throttled: 429,
  unauthorized: 502, // APIGW.0301: the Worker's AK/SK or token is wrong
  forbidden: 502, // Deploy.00011154: the Worker's identity lacks the permission
  server: 502,
};

/** Maps any thrown value to `[status, body]`. */
export function describeError(error) {
  const base = { name: error?.name ?? "Error", code: error?.code ?? "ERR_INTERNAL", message: error?.message ?? "" };
  if (error instanceof WorkerError) return [error.status, { ...base, ...error.details }];
  // The package says on every error whether the service may have acted (so a retry could start
  // a second deployment): pass it on, whatever the class.
  if (error instanceof CodeArtsDeployError) base.mayHaveStarted = error.mayHaveStarted;
  if (error instanceof ValidationError) return [400, { ...base, issues: error.issues }];
  if (error instanceof ConfigError) return [500, { ...base, reason: error.reason }];
  if (error instanceof DeployApiError) {
    const { status, errorCode, errorMsg, requestId, kind, attempts } = error;
    return [STATUS_BY_KIND[kind] ?? 502, { ...base, kind, upstreamStatus: status, errorCode, errorMsg, requestId, attempts }];
  }
  if (error instanceof TimeoutError) return [504, { ...base, timeoutMs: error.timeoutMs, attempts: error.attempts }];
  if (error instanceof AbortError) return [503, { ...base, attempts: error.attempts }];
  if (error instanceof NetworkError) return [502, { ...base, attempts: error.attempts }];
  if (error instanceof ResponseFormatError) {
    // The service answered 2xx: the deployment may well have started (mayHaveStarted: true).
    return [502, { ...base, upstreamStatus: error.status, requestId: error.requestId }];
  }
  if (error instanceof CodeArtsDeployError) return [500, base];
  return [500, { name: "Error", code: "ERR_INTERNAL", message: "internal error" }];
}

/** The JSON error response for `error`, with extra `headers` (e.g. CORS). */
export function errorResponse(error, headers = {}) {
  const [status, body] = describeError(error);
  if (status >= 500) console.error(`${body.code}: ${body.message}`);
  return json({ error: body }, status, headers);
}

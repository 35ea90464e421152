/**
 * HTTP answers of the local CodeArts Deploy service: request ids, CORS headers and the JSON
 * error shapes the real service (`{"error_code","error_msg"}`) and its API gateway
 * (`{"error_code":"APIGW.…","error_msg","request_id"}`) send.
 *
 * Every writer relies on {@link prepareAnswer} having set `X-Request-Id` and the CORS headers on
 * `res` first, so that no answer can leave without them.
 */
import { randomBytes } from "node:crypto";

/** Request headers a cross-origin page may send (answered in every preflight). */
export const ALLOWED_REQUEST_HEADERS = [
  "content-type",
  "x-auth-token",
  "x-project-id",
  "x-sdk-date",
  "authorization",
  "x-security-token",
  "x-sdk-content-sha256",
  "x-request-id",
];

/** Response headers a cross-origin page may read. */
export const EXPOSED_RESPONSE_HEADERS = ["X-Request-Id", "Retry-After"];

/** How long (seconds) a browser may cache a preflight answer. */
export const PREFLIGHT_MAX_AGE_S = 600;

/** A fresh request id: 32 lowercase hex characters, like the gateway's. */
export function newRequestId() {
  return randomBytes(16).toString("hex");
}

/**
 * Sets the headers every answer carries (`X-Request-Id`, CORS) and returns the request id.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 */
export function prepareAnswer(req, res) {
  const requestId = newRequestId();
  res.setHeader("X-Request-Id", requestId);
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin ?? "*");
  res.setHeader("Access-Control-Expose-Headers", EXPOSED_RESPONSE_HEADERS.join(", "));
  res.setHeader("Vary", "Origin");
  return requestId;
}

/** Answers a CORS preflight (`OPTIONS`) with 204. */
export function sendPreflight(res) {
  res.writeHead(204, {
    "Access-Control-Allow-Methods": "POST, GET, OPTIONS",
    "Access-Control-Allow-Headers": ALLOWED_REQUEST_HEADERS.join(", "),
    "Access-Control-Max-Age": String(PREFLIGHT_MAX_AGE_S),
    "Content-Length": "0",
  });
  res.end();
}

/** Sends `value` as a JSON body with `status`. */
export function sendJson(res, status, value, headers = {}) {
  const body = Buffer.from(JSON.stringify(value), "utf8");
  res.writeHead(status, {
    "Content-Type": "application/json;charset=UTF-8",
    "Content-Length": String(body.length),
    ...headers,
  });
  res.end(body);
}

/** Sends a service error: `{"error_code", "error_msg"}`. */
export function sendServiceError(res, status, errorCode, errorMsg) {
  sendJson(res, status, { error_code: errorCode, error_msg: errorMsg });
}

/** `Deploy.00011020`: the task (application) does not exist; answered by the start and the reads. */
export function sendUnknownTask(res) {
  sendServiceError(res, 404, "Deploy.00011020", "The application does not exist (application not found)");
}

/** Sends a gateway error: `{"error_code", "error_msg", "request_id"}` (request id = header). */
export function sendGatewayError(res, status, errorCode, errorMsg, headers = {}) {
  const requestId = String(res.getHeader("X-Request-Id"));
  sendJson(res, status, { error_code: errorCode, error_msg: errorMsg, request_id: requestId }, headers);
}

/** Sends a raw body with the given status and content type. */
export function sendText(res, status, contentType, text) {
  const body = Buffer.from(text, "utf8");
  res.writeHead(status, { "Content-Type": contentType, "Content-Length": String(body.length) });
  res.end(body);
}

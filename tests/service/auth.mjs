/**
 * The gateway's authentication step: an IAM token (`X-Auth-Token`) when one is sent, otherwise an
 * AK/SK signature (see signature.mjs). Failures become 401 `APIGW.0301`.
 */
import { verifySignature } from "./signature.mjs";

/** Gateway error code for a bad token or signature. */
export const AUTH_ERROR_CODE = "APIGW.0301";
/** Prefix of every authentication `error_msg`, as the gateway writes it. */
export const AUTH_ERROR_PREFIX = "Incorrect IAM authentication information: ";

/**
 * Authenticates one request.
 * @param {{ method: string, rawPath: string, rawQuery: string, headers: object, body: Buffer }} request
 * @param {{ tokens: Set<string>, credentials: object[], nowMs: number }} accepted
 * @returns {{ ok: true, method: "token" | "aksk", accessKey?: string } | { ok: false, message: string }}
 *   `message` is a complete `error_msg` and never holds a token, a key or a signature.
 */
export function authenticate(request, { tokens, credentials, nowMs }) {
  const token = request.headers["x-auth-token"];
  if (token !== undefined) {
    return tokens.has(token) ? { ok: true, method: "token" } : { ok: false, message: `${AUTH_ERROR_PREFIX}decrypt token fail` };
  }
  if (request.headers.authorization === undefined) {
    return { ok: false, message: `${AUTH_ERROR_PREFIX}no X-Auth-Token and no Authorization header` };
  }
  const verdict = verifySignature(request, credentials, nowMs);
  return verdict.ok
    ? { ok: true, method: "aksk", accessKey: verdict.accessKey }
    : { ok: false, message: `${AUTH_ERROR_PREFIX}${verdict.reason}` };
}

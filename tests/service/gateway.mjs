/**
 * What the API gateway does before any endpoint sees a request, the same for the start and the
 * reads: parse the fault spec, read the body (413 when too big), `delay`, `throttle`, the gateway
 * fault outcomes, then authenticate (token or AK/SK).
 */
import { authenticate, AUTH_ERROR_CODE } from "./auth.mjs";
import { GATEWAY_OUTCOMES, parseFaultSpec, sendGatewayOutcome, sendThrottled, waitUnlessGone } from "./faults.mjs";
import { readBody } from "./request.mjs";
import { sendGatewayError, sendServiceError } from "./responses.mjs";

/**
 * Runs the gateway's steps for one request routed to an endpoint.
 * @param {{ spec: string | null, apiPath: string, rawPath: string, rawQuery: string }} target
 * @param {{ state: import("./state.mjs").ServiceState, config: object }} context
 * @returns {Promise<{ passed: true, outcome: { name: string, value: number | null } | null, body: Buffer,
 *                     auth: { method: string } } | { passed: false, result: { note: string, aborted?: boolean } }>}
 *   `passed: false`: the gateway answered (or the client left); `result` is for the log and stats.
 */
export async function passGateway(req, res, { spec, apiPath, rawPath, rawQuery }, { state, config }) {
  const stop = (note, aborted = false) => ({ passed: false, result: aborted ? { note, aborted } : { note } });
  const faults = spec === null ? null : parseFaultSpec(spec);
  if (faults && !faults.ok) {
    sendServiceError(res, 400, "Service.BadFaultSpec", faults.message);
    return stop("bad fault spec");
  }
  const body = await readBody(req);
  if (body === null) return stop("client left while sending", true);
  if (body.tooLarge) {
    sendGatewayError(res, 413, "APIGW.0201", "Request entity too large");
    return stop("body too large");
  }
  if (faults?.delayMs > 0 && !(await waitUnlessGone(res, faults.delayMs))) {
    return stop("client left during delay", true);
  }
  if (faults?.throttle && state.takeThrottle(faults.spec, faults.throttle.limit)) {
    sendThrottled(res, faults.throttle.retryAfterS);
    return stop("throttled");
  }
  const outcome = faults?.outcome ?? null;
  if (outcome && GATEWAY_OUTCOMES.includes(outcome.name)) {
    sendGatewayOutcome(res, outcome.name, `${apiPath}${rawQuery ? `?${rawQuery}` : ""}`);
    return stop(`fault ${outcome.name}`);
  }
  const auth = authenticate(
    { method: req.method, rawPath, rawQuery, headers: req.headers, body: body.bytes },
    { tokens: config.tokens, credentials: config.credentials, nowMs: config.now() },
  );
  if (!auth.ok) {
    sendGatewayError(res, 401, AUTH_ERROR_CODE, auth.message);
    return stop(auth.message);
  }
  return { passed: true, outcome, body: body.bytes, auth };
}

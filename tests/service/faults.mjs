/**
 * Fault modes, chosen per request by a path prefix: `/__fault/<spec>/v2/tasks/{id}/start` (or
 * any other API path, e.g. `/__fault/503/v2/tasks/{id}/state`), where `<spec>` is `name` or `name=value` items joined by `,` (e.g. `throttle=2,retry-after=1`).
 *
 * A spec holds at most one *outcome* and any of the *modifiers* `delay` and `throttle`:
 * - gateway outcomes answer before authentication and never start a deployment:
 *   `drop`, `html500`, `empty502`, `503`, `redirect`;
 * - service outcomes apply once the request passed every check:
 *   `failed200` and `error200` (a 200 failure body, no start), `truncated`, `nonjson200`, `huge`,
 *   `trickle` (a broken body; on the start, started).
 */
import { sendGatewayError, sendText } from "./responses.mjs";

/** Path prefix that selects a fault spec. */
export const FAULT_PREFIX = "/__fault/";

/** Outcomes decided by the gateway, before authentication. */
export const GATEWAY_OUTCOMES = ["drop", "html500", "empty502", "503", "redirect"];
/** Outcomes decided by the service, after every check passed. */
export const SERVICE_OUTCOMES = ["failed200", "error200", "truncated", "nonjson200", "huge", "trickle"];
/** Service outcomes that answer a 200 failure body and start nothing. */
export const FAILURE_OUTCOMES = ["failed200", "error200"];
/** Longest `delay` / `trickle` run, so a forgotten request cannot keep the process alive. */
export const MAX_FAULT_MS = 10 * 60 * 1000;
/** Largest `huge` body in MB. */
export const MAX_HUGE_MB = 512;

/** name → how its value is read (`null`: the name takes no value). */
const VALUE_PARSERS = {
  delay: (text) => boundedInteger(text, 0, MAX_FAULT_MS),
  throttle: (text) => boundedInteger(text, 1, 1_000_000),
  "retry-after": (text) => boundedInteger(text, 0, 86_400),
  huge: (text) => (/^\d+(\.\d+)?$/.test(text) && Number(text) > 0 && Number(text) <= MAX_HUGE_MB ? Number(text) : null),
  trickle: (text) => boundedInteger(text, 1, MAX_FAULT_MS),
  drop: null,
  html500: null,
  empty502: null,
  503: null,
  redirect: null,
  failed200: null,
  error200: null,
  truncated: null,
  nonjson200: null,
};

/** `text` as an integer in [min, max], or null. */
function boundedInteger(text, min, max) {
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

/**
 * Parses a fault spec.
 * @returns {{ ok: true, spec: string, delayMs: number, throttle: { limit: number, retryAfterS: number } | null,
 *             outcome: { name: string, value: number | null } | null } | { ok: false, message: string }}
 */
export function parseFaultSpec(spec) {
  const items = new Map();
  for (const item of spec.split(",")) {
    const eq = item.indexOf("=");
    const name = eq < 0 ? item : item.slice(0, eq);
    const text = eq < 0 ? null : item.slice(eq + 1);
    if (!(name in VALUE_PARSERS)) return { ok: false, message: `unknown fault ${JSON.stringify(name)}` };
    if (items.has(name)) return { ok: false, message: `fault ${name} given twice` };
    const parse = VALUE_PARSERS[name];
    if (parse === null && text !== null) return { ok: false, message: `fault ${name} takes no value` };
    const value = parse === null ? null : text === null ? null : parse(text);
    if (parse !== null && value === null) return { ok: false, message: `fault ${name} needs a valid value (${name}=<number>)` };
    items.set(name, value);
  }
  const outcomes = [...items.keys()].filter((name) => GATEWAY_OUTCOMES.includes(name) || SERVICE_OUTCOMES.includes(name));
  if (outcomes.length > 1) return { ok: false, message: `faults ${outcomes.join(" and ")} exclude each other` };
  if (items.has("retry-after") && !items.has("throttle")) return { ok: false, message: "retry-after needs throttle" };
  return {
    ok: true,
    spec,
    delayMs: items.get("delay") ?? 0,
    throttle: items.has("throttle") ? { limit: items.get("throttle"), retryAfterS: items.get("retry-after") ?? 0 } : null,
    outcome: outcomes.length === 1 ? { name: outcomes[0], value: items.get(outcomes[0]) } : null,
  };
}

/**
 * Waits `ms` before answering; resolves true when the time passed, false when the client went
 * away first (the connection closed while nothing had been answered yet).
 */
export function waitUnlessGone(res, ms) {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off("close", onClose);
      resolve(true);
    }, ms);
    res.once("close", onClose);
  });
}

/** `throttle`: 429 with `Retry-After` and the gateway's throttling body. */
export function sendThrottled(res, retryAfterS) {
  sendGatewayError(res, 429, "APIGW.0308", "The throttling threshold has been reached: policy user over ratelimit", {
    "Retry-After": String(retryAfterS),
  });
}

/**
 * Answers a gateway outcome (`drop`, `html500`, `empty502`, `503`, `redirect`).
 * @param {string} name
 * @param {string} location where `redirect` points (the path without the fault prefix)
 */
export function sendGatewayOutcome(res, name, location) {
  switch (name) {
    case "drop":
      res.socket?.destroy();
      return;
    case "html500":
      sendText(res, 500, "text/html;charset=UTF-8",
        "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>" +
          "<body><h1>500 Internal Server Error</h1><hr><p>gateway</p></body></html>\n");
      return;
    case "empty502":
      res.writeHead(502, { "Content-Length": "0" });
      res.end();
      return;
    case "503":
      sendGatewayError(res, 503, "APIGW.0202", "Backend unavailable");
      return;
    case "redirect":
      res.writeHead(302, { Location: location, "Content-Length": "0" });
      res.end();
      return;
    default:
      throw new Error(`not a gateway outcome: ${name}`);
  }
}

/** The 200 failure bodies: `failed200` (as a start may answer) and `error200` (as a read may). */
const FAILURE_BODIES = {
  failed200: { status: "failed", error: { code: "Deploy.00011042", message: "The application is a draft and cannot be deployed" } },
  error200: { status: "error", error: { code: "Deploy.00021534", message: "The deployment record does not exist" } },
};

/** `failed200` / `error200`: a 200 whose body says the call failed (nothing started). */
export function sendFailureBody(res, name) {
  sendText(res, 200, "application/json;charset=UTF-8", JSON.stringify(FAILURE_BODIES[name]));
}

/**
 * Answers through a body outcome (`truncated`, `nonjson200`, `huge`, `trickle`): `value` is what
 * the normal answer would carry (a record, a status, a params list), `plainText` what
 * `nonjson200` says instead.
 */
export function sendBodyOutcome(res, outcome, value, plainText) {
  const json = JSON.stringify(value);
  switch (outcome.name) {
    case "truncated":
      sendText(res, 200, "application/json;charset=UTF-8", json.slice(0, Math.floor(json.length / 2)));
      return;
    case "nonjson200":
      sendText(res, 200, "text/plain;charset=UTF-8", `${plainText}\n`);
      return;
    case "huge":
      sendHuge(res, json, Math.floor(outcome.value * 1024 * 1024));
      return;
    case "trickle":
      trickle(res, outcome.value, json);
      return;
    default:
      throw new Error(`not a body outcome: ${outcome.name}`);
  }
}

/**
 * `huge`: the JSON padded to `totalBytes`, streamed in chunks: an object gets a `padding`
 * string, an array trailing spaces (JSON whitespace).
 */
function sendHuge(res, json, totalBytes) {
  const object = json.endsWith("}");
  const head = Buffer.from(object ? `${json.slice(0, -1)},"padding":"` : json);
  const tail = Buffer.from(object ? '"}' : "");
  let left = Math.max(0, totalBytes - head.length - tail.length);
  const chunk = Buffer.alloc(64 * 1024, object ? "x" : " ");
  res.writeHead(200, {
    "Content-Type": "application/json;charset=UTF-8",
    "Content-Length": String(head.length + left + tail.length),
  });
  res.write(head);
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const size = Math.min(left, chunk.length);
      left -= size;
      if (!res.write(size === chunk.length ? chunk : chunk.subarray(0, size))) {
        res.once("drain", pump);
        return;
      }
    }
    if (!res.destroyed) res.end(tail);
  };
  pump();
}

/**
 * `trickle`: headers at once, then one space (JSON whitespace) every `everyMs` until the client
 * leaves; after {@link MAX_FAULT_MS} the record is sent so the answer ends as valid JSON.
 */
function trickle(res, everyMs, json) {
  res.writeHead(200, { "Content-Type": "application/json;charset=UTF-8" });
  res.flushHeaders();
  const timer = setInterval(() => res.destroyed || res.write(" "), everyMs);
  const stop = setTimeout(() => res.end(json), MAX_FAULT_MS);
  res.once("close", () => {
    clearInterval(timer);
    clearTimeout(stop);
  });
}

// One StartDeployTask call from the page: a client per call, an AbortController for Cancel,
// the latency, and the result as a plain "outcome" the response panel and the history show.
import { CodeArtsDeployClient } from "codearts-deploy-wasm";

/** The fields of the package's error classes worth showing (never a secret: the package keeps them out). */
const ERROR_FIELDS = ["name", "code", "message", "status", "errorCode", "errorMsg", "requestId", "kind", "reason",
  "attempts", "timeoutMs", "encodedAuthorizationMessage"];

/** A thrown value as plain data. */
export function describeError(error) {
  const described = {};
  for (const field of ERROR_FIELDS) {
    const value = error?.[field];
    if (value === undefined || value === null) continue;
    // AbortError.reason is the signal's reason (an Error): show its message.
    described[field] = typeof value === "object" ? String(value.message ?? value) : value;
  }
  if (!described.name) described.name = "Error";
  if (!described.message) described.message = String(error);
  return described;
}

/**
 * Starts calls, one at a time.
 * @returns {{ start(input, config): Promise<Outcome>, cancel(): void, busy(): boolean }}
 * @typedef {{ n: number, at: Date, taskId: string, url: string, ok: boolean, latencyMs: number,
 *             record?: import("codearts-deploy-wasm").DeployRecord, error?: Record<string, unknown> }} Outcome
 */
export function createCaller() {
  let controller = null;
  let count = 0;

  async function start(input, config, url) {
    if (controller) throw new Error("a call is already running");
    controller = new AbortController();
    const n = ++count;
    const at = new Date();
    const began = performance.now();
    let client = null;
    try {
      client = new CodeArtsDeployClient(config);
      const record = await client.startDeployTask(input, { signal: controller.signal });
      return { n, at, taskId: input.taskId, url, ok: true, latencyMs: performance.now() - began, record };
    } catch (error) {
      return { n, at, taskId: input.taskId, url, ok: false, latencyMs: performance.now() - began, error: describeError(error) };
    } finally {
      client?.free();
      controller = null;
    }
  }

  return {
    start,
    cancel: () => controller?.abort(new DOMException("Cancelled from the page", "AbortError")),
    busy: () => controller !== null,
  };
}

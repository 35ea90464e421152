// The status URL of a started run: `/runs/{taskId}/{recordId}?sig=<hex>`, where `sig` is the
// HMAC-SHA256 of `runs/{taskId}/{recordId}` under WEBHOOK_SECRET. Only whoever got the URL from
// the webhook's answer (or holds the secret) can read the run; the Worker's keys never leave it.
import { hmacSha256, timingSafeEqual } from "./webhook-auth.js";

const encoder = new TextEncoder();

/** Lowercase hex of bytes. */
function hex(bytes) {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The signature of one run's status URL. */
async function runSignature(secret, taskId, recordId) {
  return hmacSha256(secret, encoder.encode(`runs/${taskId}/${recordId}`));
}

/** The absolute status URL of a run, on the Worker that `request` reached. */
export async function runStatusUrl(request, secret, taskId, recordId) {
  const sig = hex(await runSignature(secret, taskId, recordId));
  const path = `/runs/${encodeURIComponent(taskId)}/${encodeURIComponent(recordId)}?sig=${sig}`;
  return new URL(path, request.url).href;
}

/** `true` when `sig` (hex) is the signature of the run's status URL. */
export async function verifyRunSignature(secret, taskId, recordId, sig) {
  if (typeof sig !== "string" || !/^[0-9a-f]{64}$/.test(sig)) return false;
  return timingSafeEqual(encoder.encode(sig), encoder.encode(hex(await runSignature(secret, taskId, recordId))));
}

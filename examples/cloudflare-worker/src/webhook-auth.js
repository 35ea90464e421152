// Webhook authentication: the sender signs the raw body with HMAC-SHA256 and a shared secret and
// sends `X-Signature-256: sha256=<hex>` (GitHub's `X-Hub-Signature-256` is accepted too, so a
// GitHub webhook can call the Worker directly). The Worker recomputes the HMAC with WebCrypto
// and compares in constant time before it even parses the body.

const encoder = new TextEncoder();
const HEADERS = ["X-Signature-256", "X-Hub-Signature-256"];

/** Compares two byte arrays in time that depends only on their lengths, never on their contents. */
export function timingSafeEqual(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  let difference = 0;
  for (let i = 0; i < a.byteLength; i += 1) difference |= a[i] ^ b[i];
  return difference === 0;
}

/** The HMAC-SHA256 of `bytes` keyed with `secret`, as bytes. */
export async function hmacSha256(secret, bytes) {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, bytes));
}

/** `sha256=<64 hex digits>` → the 32 bytes, or `null` when the header is not of that form. */
function parseSignature(header) {
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header?.trim() ?? "");
  if (!match) return null;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i += 1) bytes[i] = parseInt(match[1].slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** `true` when the request's signature header is the HMAC of `body` under `secret`. */
export async function verifyWebhookSignature(request, body, secret) {
  const header = HEADERS.map((name) => request.headers.get(name)).find((value) => value !== null);
  const claimed = parseSignature(header);
  if (!claimed) return false;
  return timingSafeEqual(claimed, await hmacSha256(secret, body));
}

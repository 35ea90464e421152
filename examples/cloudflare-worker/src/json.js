// JSON in and out.

/** A JSON response; `headers` are added to `Content-Type`. */
export function json(body, status = 200, headers = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

/** Parses a request body already read as bytes; `null` when it is not UTF-8 JSON. */
export function parseJson(bytes) {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
}

/**
 * Reads the whole body, refusing more than `limit` bytes (by `Content-Length` first, then by
 * what arrived). Resolves to the bytes, or to `null` when the body is too large.
 */
export async function readBody(request, limit) {
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > limit) return null;
  const bytes = new Uint8Array(await request.arrayBuffer());
  return bytes.byteLength > limit ? null : bytes;
}

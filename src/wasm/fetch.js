// The JavaScript half of fetch.rs (one HTTP attempt): the global `fetch` called with a plain
// init, the parts of its answer read in one call, and the body read to its end in one call. Each
// saves crossings: a property set or read from the module makes its key string anew, and each
// await from the module costs a promise, two closures and a wake-up.

/**
 * The global `fetch(url, init)`, looked up at each call: `body` undefined for GET and HEAD,
 * redirects manual, the call's `signal`.
 */
export function fetchOnce(url, method, headers, body, signal) {
  const init = { signal, method, headers };
  if (body !== undefined) init.body = body;
  init.redirect = "manual";
  return fetch(url, init);
}

/** `headers.get(name)` when it is a string; `undefined` when absent or when reading it threw. */
function header(headers, name) {
  try {
    const get = headers.get;
    if (typeof get !== "function") return undefined;
    const value = get.call(headers, name);
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The parts of `response` (a `Response`, checked by the module) the client reads, each getter
 * once and a throwing one caught: `[status, type, body, X-Request-Id, Content-Length,
 * Retry-After]` (`type` "" and a header `undefined` when unreadable, `body` a `ReadableStream` or
 * `null`), or `null` when the status, headers or body cannot be read.
 */
export function answerParts(response) {
  let status;
  let kind;
  let headers;
  let body;
  try {
    status = response.status;
  } catch {
    return null;
  }
  if (typeof status !== "number" || !Number.isInteger(status) || status < 0 || status > 999) return null;
  try {
    kind = response.type;
  } catch {
    kind = "";
  }
  try {
    headers = response.headers;
  } catch {
    return null;
  }
  if (!(headers instanceof Headers)) return null;
  try {
    body = response.body ?? null;
  } catch {
    return null;
  }
  if (body !== null && !(body instanceof ReadableStream)) return null;
  return [
    status,
    typeof kind === "string" ? kind : "",
    body,
    header(headers, "x-request-id"),
    header(headers, "content-length"),
    header(headers, "retry-after"),
  ];
}

/**
 * Reads `reader` to its end: the bytes, or `null` as soon as they pass `max` (the module then
 * cancels the rest). Rejects with what a read threw or rejected with, or when a chunk is not a
 * `Uint8Array`.
 */
export async function readBody(reader, max) {
  const chunks = [];
  let length = 0;
  for (;;) {
    const read = reader.read;
    if (typeof read !== "function") throw new Error("read is not a function");
    // Through `Reflect`, as the module read them before: the same errors for a result that is
    // not an object.
    const result = await read.call(reader);
    if (Reflect.get(result, "done")) break;
    const chunk = Reflect.get(result, "value");
    if (!(chunk instanceof Uint8Array)) throw new Error("the answer body is not a byte stream");
    length += chunk.length;
    if (length > max) return null;
    chunks.push(chunk);
  }
  if (chunks.length === 1) return chunks[0];
  const body = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
}

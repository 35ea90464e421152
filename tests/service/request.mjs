/**
 * Reading what arrived: the whole body (bounded), the header names in order, the JSON media
 * type and UTF-8 JSON. Shared by the start and the read endpoints.
 */

/** Largest request body read (bigger → 413). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Reads the whole request body.
 * @returns {Promise<{ bytes: Buffer, tooLarge: boolean } | null>} null when the client went away
 */
export function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve({ bytes: Buffer.concat(chunks), tooLarge: size > MAX_BODY_BYTES }));
    req.on("error", () => resolve(null));
    req.on("close", () => resolve(req.complete ? { bytes: Buffer.concat(chunks), tooLarge: size > MAX_BODY_BYTES } : null));
  });
}

/** The header names that arrived, lowercased, in order, once each. */
export function headerNames(req) {
  const names = req.rawHeaders.filter((_, index) => index % 2 === 0).map((name) => name.toLowerCase());
  return [...new Set(names)];
}

/** R2: the media type (parameters ignored) must be `application/json`. */
export function isJsonContentType(value) {
  return typeof value === "string" && value.split(";")[0].trim().toLowerCase() === "application/json";
}

/** Parses a body as UTF-8 JSON; `undefined` when it is not. */
export function parseJson(bytes) {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Verification of `SDK-HMAC-SHA256` (AK/SK) signatures, rebuilt from what actually arrived on
 * the wire, following shared/spec/start-deploy-task.md "AK/SK signing" and the official Python
 * SDK (`huaweicloudsdkcore.signer.Signer`), which is the reference.
 *
 * Written independently of the Rust signer in src/; only node:crypto is used.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** The only algorithm accepted. */
export const ALGORITHM = "SDK-HMAC-SHA256";
/** `X-Sdk-Content-Sha256` value that replaces the body hash. */
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
/** How far `X-Sdk-Date` may be from the service clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const UNRESERVED_BYTE = /[A-Za-z0-9\-_.~]/;
const utf8 = new TextDecoder("utf-8");

/** Lowercase hex SHA-256 of a string or bytes. */
export function sha256Hex(data) {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Percent-decodes like Python's `urllib.parse.unquote`: valid `%XX` become bytes, anything
 * else stays as is, and the bytes are read as UTF-8 (invalid sequences become U+FFFD).
 * `+` is not a space.
 */
export function percentDecode(text) {
  const bytes = [];
  for (let i = 0; i < text.length; i += 1) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === "%" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      const codePoint = text.codePointAt(i);
      const char = String.fromCodePoint(codePoint);
      bytes.push(...Buffer.from(char, "utf8"));
      i += char.length - 1;
    }
  }
  return utf8.decode(Uint8Array.from(bytes));
}

/** Percent-encodes the UTF-8 bytes of `text`, keeping only `A-Za-z0-9-_.~` (uppercase hex). */
export function percentEncode(text) {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const char = String.fromCharCode(byte);
    out += UNRESERVED_BYTE.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/**
 * Canonical URI of a raw request path: decoded (as the SDK does, a `%2F` therefore splits a
 * segment), split on `/`, each segment re-encoded, always ending in `/`.
 */
export function canonicalUri(rawPath) {
  const uri = percentDecode(rawPath).split("/").map(percentEncode).join("/");
  return uri.endsWith("/") ? uri : `${uri}/`;
}

/** Orders strings by Unicode code point (Python's order), not by UTF-16 unit. */
function compareCodePoints(a, b) {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** Canonical query of a raw query string (without `?`): pairs decoded, sorted, re-encoded. */
export function canonicalQuery(rawQuery) {
  const pairs = rawQuery
    .split("&")
    .filter((part) => part !== "")
    .map((part) => {
      const eq = part.indexOf("=");
      return eq < 0 ? [percentDecode(part), ""] : [percentDecode(part.slice(0, eq)), percentDecode(part.slice(eq + 1))];
    });
  pairs.sort((x, y) => compareCodePoints(x[0], y[0]) || compareCodePoints(x[1], y[1]));
  return pairs.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`).join("&");
}

/**
 * Parses `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`.
 * @returns {{ accessKey: string, signedHeaders: string[], signature: string } | null}
 */
export function parseAuthorization(header) {
  if (typeof header !== "string" || !header.startsWith(`${ALGORITHM} `)) return null;
  const fields = new Map();
  for (const part of header.slice(ALGORITHM.length + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) return null;
    const name = part.slice(0, eq).trim();
    if (fields.has(name)) return null;
    fields.set(name, part.slice(eq + 1).trim());
  }
  const accessKey = fields.get("Access");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (fields.size !== 3 || !accessKey || !signedHeaders || !signature) return null;
  const names = signedHeaders.split(";");
  if (names.some((name) => name === "")) return null;
  return { accessKey, signedHeaders: names, signature };
}

/** Parses a `YYYYMMDDTHHMMSSZ` date to epoch ms, or null. */
export function parseSdkDate(text) {
  const match = SDK_DATE.exec(text ?? "");
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  const valid = back.getUTCMonth() === month - 1 && back.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  return valid ? ms : null;
}

/**
 * The canonical request, as bytes. Header values are taken as received (Node hands them over
 * as latin1, i.e. one char per byte, so the wire bytes are hashed unchanged) and trimmed.
 * @param {{ method: string, rawPath: string, rawQuery: string, headers: Record<string, string|string[]|undefined>,
 *           signedHeaders: string[], body: Buffer }} request
 * @returns {Buffer | null} null when a signed header is missing
 */
export function canonicalRequest({ method, rawPath, rawQuery, headers, signedHeaders, body }) {
  const lines = [];
  for (const name of signedHeaders) {
    const value = headers[name.toLowerCase()];
    if (value === undefined) return null;
    const text = Array.isArray(value) ? value.join(",") : value;
    lines.push(Buffer.from(`${name}:${text.replace(/^[ \t]+|[ \t]+$/g, "")}\n`, "latin1"));
  }
  const unsigned = body.length > 0 && headers["x-sdk-content-sha256"] === UNSIGNED_PAYLOAD;
  const payloadHash = unsigned ? UNSIGNED_PAYLOAD : sha256Hex(body);
  return Buffer.concat([
    Buffer.from(`${method.toUpperCase()}\n${canonicalUri(rawPath)}\n${canonicalQuery(rawQuery)}\n`, "utf8"),
    ...lines,
    Buffer.from(`\n${signedHeaders.join(";")}\n${payloadHash}`, "utf8"),
  ]);
}

/** `SDK-HMAC-SHA256\n{date}\n{hex sha256(canonical request)}`. */
export function stringToSign(sdkDate, canonical) {
  return `${ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

/** Lowercase hex HMAC-SHA256 of the string to sign, keyed with the SK. */
export function hmacHex(secretKey, text) {
  return createHmac("sha256", secretKey).update(text, "utf8").digest("hex");
}

/** Constant-time comparison of two strings. */
function sameText(a, b) {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Verifies a signed request.
 * @param {{ method: string, rawPath: string, rawQuery: string, headers: object, body: Buffer }} request
 * @param {{ accessKey: string, secretKey: string, securityToken?: string }[]} credentials
 * @param {number} nowMs the service clock
 * @returns {{ ok: true, accessKey: string } | { ok: false, reason: string }}
 *   `reason` never holds a secret, a signature or a header value.
 */
export function verifySignature(request, credentials, nowMs) {
  const auth = parseAuthorization(request.headers.authorization);
  if (!auth) return { ok: false, reason: "malformed or missing SDK-HMAC-SHA256 Authorization header" };
  for (const required of ["host", "x-sdk-date"]) {
    if (!auth.signedHeaders.includes(required)) return { ok: false, reason: `${required} is not a signed header` };
  }
  const sdkDate = request.headers["x-sdk-date"];
  const dateMs = parseSdkDate(sdkDate);
  if (dateMs === null) return { ok: false, reason: "X-Sdk-Date is not YYYYMMDDTHHMMSSZ" };
  if (Math.abs(nowMs - dateMs) > MAX_CLOCK_SKEW_MS) return { ok: false, reason: "X-Sdk-Date is more than 15 minutes off" };
  const credential = credentials.find((entry) => entry.accessKey === auth.accessKey);
  if (!credential) return { ok: false, reason: "unknown access key" };
  if (credential.securityToken !== undefined) {
    const token = request.headers["x-security-token"];
    if (typeof token !== "string" || !sameText(token, credential.securityToken) || !auth.signedHeaders.includes("x-security-token")) {
      return { ok: false, reason: "missing, wrong or unsigned X-Security-Token" };
    }
  }
  const canonical = canonicalRequest({ ...request, signedHeaders: auth.signedHeaders });
  if (!canonical) return { ok: false, reason: "a signed header is missing from the request" };
  const expected = hmacHex(credential.secretKey, stringToSign(sdkDate, canonical));
  if (!sameText(expected, auth.signature)) return { ok: false, reason: "verify aksk signature fail" };
  return { ok: true, accessKey: credential.accessKey };
}

// The reading half of src/wasm/view.rs: one object's or array's entries per call, and facts
// about each value written into the module's memory (3 numbers: the key's index in the known
// names or -1; kind + 16 × flags + 1024 × UTF-16 length; a number, a boolean as 0 / 1, or a
// short string's index in the known names or -1). Strings stay here until the module needs one.

const NULL = 0, BOOL = 1, NUMBER = 2, STRING = 3, ARRAY = 4, OBJECT = 5, OTHER = 6, BAD_ARRAY = 7, THREW = 8;
// Flags: {{ {% {#, an unpaired surrogate, and for short strings the charsets they fit.
const CURLY = 1, PERCENT = 2, HASH = 4, LONE = 8, LETTERS_DIGITS = 16, KEY_CHARS = 32;
const SHORT = 128;
const LETTERS_DIGITS_ONLY = /^[A-Za-z0-9]*$/;
const KEY_CHARS_ONLY = /^[A-Za-z0-9._-]*$/;
// isWellFormed (where it exists) answers at once for a one-byte string and scans the others.
const wellFormed = typeof "".isWellFormed === "function" ? (s) => s.isWellFormed() : (s) => loneAt(s) === 0;
const threw = {};
let names = new Map();
let nameFlags = [];

/** Sets the names the module recognises without copying them (field names, enum values). */
export function viewNames(list) {
  names = new Map(list.map((name, index) => [name, index]));
  nameFlags = list.map((name) => (KEY_CHARS_ONLY.test(name) ? KEY_CHARS : 0) | (LETTERS_DIGITS_ONLY.test(name) ? LETTERS_DIGITS : 0));
}

function stringCode(s, name) {
  const n = s.length;
  let flags = 0;
  if (s.indexOf("{") !== -1) {
    if (s.includes("{{")) flags |= CURLY;
    if (s.includes("{%")) flags |= PERCENT;
    if (s.includes("{#")) flags |= HASH;
  }
  if (!wellFormed(s)) flags |= LONE;
  if (name >= 0) flags |= nameFlags[name];
  else if (n <= SHORT && KEY_CHARS_ONLY.test(s)) flags |= KEY_CHARS | (LETTERS_DIGITS_ONLY.test(s) ? LETTERS_DIGITS : 0);
  return n * 1024 + flags * 16 + STRING;
}

/** Writes the kind code and the extra number of `v` at `out[at]`, `out[at + 1]`. */
function describe(v, out, at) {
  let code = OTHER;
  let extra = 0;
  if (v === threw) code = THREW;
  else if (v === undefined || v === null) code = NULL;
  else {
    switch (typeof v) {
      case "boolean":
        code = BOOL;
        extra = v ? 1 : 0;
        break;
      case "number":
        code = NUMBER;
        extra = v;
        break;
      case "string":
        extra = v.length <= SHORT ? names.get(v) ?? -1 : -1;
        code = stringCode(v, extra);
        break;
      default:
        if (!ArrayBuffer.isView(v)) {
          try {
            if (Array.isArray(v)) code = ARRAY;
            else if (typeof v === "object") code = OBJECT;
          } catch {
            code = BAD_ARRAY;
          }
        }
    }
  }
  out[at] = code;
  out[at + 1] = extra;
}

/** The facts of `root` alone, into `out[1..3]`; returns `[root]`, the entries it stands in. */
export function viewRoot(root, out) {
  describe(root, out, 1);
  return [root];
}

/** Facts of entries `from…` into `out[2…]`, as many as fit (from 0: with count and more first). */
export function viewFacts(entries, isArray, from, out) {
  const stride = isArray ? 1 : 2;
  const count = entries.length / stride;
  if (from === 0) {
    out[0] = count;
    out[1] = entries.more ? 1 : 0;
  }
  let at = 2;
  for (let i = from; i < count && at + 3 <= out.length; i++, at += 3) {
    const key = isArray ? -1 : names.get(entries[2 * i]) ?? -1;
    out[at] = key;
    describe(entries[i * stride + stride - 1], out, at + 1);
  }
}

/**
 * The entries of an array (items) or object (`[key, value, …]`, own enumerable string keys),
 * at most `limit` values read (a throw leaves a marker; `entries.more` if some were left), with
 * the first facts in `out`; `null` if the length or keys could not be read. `out[0]` stays -2 if
 * a getter's call into the module detached `out`: the module then asks `viewFacts`.
 */
export function viewRead(value, isArray, limit, out) {
  const entries = [];
  let read = 0;
  let more = false;
  try {
    if (isArray) {
      let n = value.length;
      n = typeof n === "number" && n > 0 ? Math.min(Math.floor(n), 4294967295) : 0;
      for (let i = 0; i < n; i++) {
        if (read === limit) {
          more = true;
          break;
        }
        let item = threw;
        try {
          item = value[i];
          read++;
        } catch {}
        entries.push(item);
      }
    } else {
      const keys = Object.keys(value);
      for (const key of keys) {
        if (read === limit) {
          more = true;
          break;
        }
        let item = threw;
        try {
          item = value[key];
          read++;
        } catch {}
        entries.push(key, item);
      }
    }
  } catch {
    return null;
  }
  if (more) entries.more = true;
  if (out.length !== 0) viewFacts(entries, isArray, 0, out);
  return entries;
}

/** The text of entry `index` of `entries` (its value, or its key with `key`). */
export function viewText(entries, index) {
  const v = entries[index];
  return typeof v === "string" ? v : undefined;
}

/** The 1-based position (UTF-16 units) of the first unpaired surrogate of `s`, or 0. */
function loneAt(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) return i + 1;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return i + 1;
      i++;
    }
  }
  return 0;
}

/** `loneAt` of a string entry. */
export function viewLoneSurrogate(entries, index) {
  return loneAt(entries[index]);
}

/** `options.locale` if it is a string; `undefined` otherwise or when reading it throws. */
export function viewLocale(options) {
  try {
    const locale = typeof options === "object" && options !== null ? options.locale : undefined;
    return typeof locale === "string" ? locale : undefined;
  } catch {
    return undefined;
  }
}

// The reading half of src/wasm/view.rs: the whole input read in one call, in key order, each
// container's entries read before any of them is looked into (as getters were always called),
// and its facts written as a tape of numbers the module decodes without calling back:
//   header: tape length, whether the read stopped early, whether some value was unreadable,
//           how many values and how many object keys follow;
//   a value: kind + 16 × flags + 4096 × UTF-16 length (or entry count), then a number, a
//           boolean as 0 / 1, or a string's index in the known names or -1; a string adds its
//           index in the strings list; an object's entry starts with its key (index in the known
//           names, or -1 - index in the strings list).
// Strings stay here until the module needs one. Also, in this file rather than modules of their
// own (each snippet module is one more file the headless-Chromium page of the wasm-bindgen tests
// loads, and from four on that page stalls before the module runs in about one run in three):
// the copy of long strings for the module's scan (the `scan` feature), and the result validation
// answers with, built in one call from the module.

const NULL = 0, BOOL = 1, NUMBER = 2, STRING = 3, ARRAY = 4, OBJECT = 5, OTHER = 6, BAD = 7, THREW = 8;
// Flags: {{ {% {#, an unpaired surrogate, for short strings the charsets they fit, and "left to
// the module's scan".
const CURLY = 1, PERCENT = 2, HASH = 4, LONE = 8, LETTERS_DIGITS = 16, KEY_CHARS = 32, SCAN = 64;
const SHORT = 128;
// isWellFormed (where it exists) answers at once for a one-byte string and scans the others.
const wellFormed = typeof "".isWellFormed === "function" ? (s) => s.isWellFormed() : (s) => loneAt(s) === 0;
const threw = {};
let names = new Map();
let nameFlags = [];
// The longest known name: a longer string is none of them (no lookup).
let longestName = 0;
// The tape is written here, then copied into the module's buffer; kept for the next read (a
// getter's nested read, while this one is in use, writes into one of its own).
let spareTape = new Float64Array(4096);

/** Sets the names the module recognises without copying them (field names, enum values). */
export function viewNames(list) {
  names = new Map(list.map((name, index) => [name, index]));
  nameFlags = list.map(charsets);
  longestName = Math.max(0, ...list.map((name) => name.length));
}

/** The charsets short string `s` fits: letters and digits, and those with `.`, `_`, `-`. */
function charsets(s) {
  let flags = KEY_CHARS | LETTERS_DIGITS;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const letter = c | 32;
    if ((c >= 48 && c <= 57) || (letter >= 97 && letter <= 122)) continue;
    if (c !== 46 && c !== 95 && c !== 45) return 0;
    flags = KEY_CHARS;
  }
  return flags;
}

/** The code of string `s` (`name`: its index in the names or -1). */
function stringCode(w, s, name) {
  const n = s.length;
  let flags = 0;
  if (name >= 0) flags = nameFlags[name];
  else if (n <= SHORT) flags = charsets(s);
  if (flags === 0) {
    if (n > SHORT && n <= w.scan) {
      flags = SCAN;
      w.long.push(s);
    } else {
      if (s.indexOf("{") !== -1) {
        if (s.includes("{{")) flags |= CURLY;
        if (s.includes("{%")) flags |= PERCENT;
        if (s.includes("{#")) flags |= HASH;
      }
      if (!wellFormed(s)) flags |= LONE;
    }
  }
  return n * 4096 + flags * 16 + STRING;
}

/** Makes room for `count` more numbers on the tape of read `w`; returns the tape. */
function room(w, count) {
  let t = w.t;
  if (w.n + count > t.length) {
    const bigger = new Float64Array(Math.max(2 * t.length, w.n + count));
    bigger.set(t);
    t = w.t = bigger;
  }
  return t;
}

/** Appends `a`, `b` to the tape of read `w`. */
function put2(w, a, b) {
  const t = room(w, 2);
  const n = w.n;
  t[n] = a;
  t[n + 1] = b;
  w.n = n + 2;
  w.values++;
}

/** Writes value `v` (read already) to the tape, with its entries if `depth` allows. */
function put(w, v, depth) {
  if (w.left === 0) {
    w.more = true;
    return;
  }
  if (v === threw) {
    w.bad = true;
    put2(w, THREW, 0);
    return;
  }
  w.left--;
  let code = OTHER;
  let extra = 0;
  if (v === undefined || v === null) code = NULL;
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
      case "string": {
        const name = v.length <= longestName ? names.get(v) ?? -1 : -1;
        const string = stringCode(w, v, name);
        const t = room(w, 3);
        const n = w.n;
        t[n] = string;
        t[n + 1] = name;
        t[n + 2] = w.strings.push(v) - 1;
        w.n = n + 3;
        w.values++;
        return;
      }
      default:
        if (!ArrayBuffer.isView(v)) {
          try {
            if (Array.isArray(v)) code = ARRAY;
            else if (typeof v === "object") code = OBJECT;
          } catch {
            code = BAD;
            w.bad = true;
          }
        }
    }
  }
  if (code === ARRAY || code === OBJECT) entries(w, v, code === ARRAY, depth);
  else put2(w, code, extra);
}

/**
 * Writes an array's items or an object's fields (own enumerable string keys): all read first, at
 * most `w.left` (a throw leaves a marker), then written; none below `depth` 0.
 */
function entries(w, v, isArray, depth) {
  if (depth === 0) {
    put2(w, isArray ? ARRAY : OBJECT, 0);
    return;
  }
  const items = [];
  let keys = null;
  let more = false;
  try {
    let n = 0;
    if (isArray) {
      n = v.length;
      n = typeof n === "number" && n > 0 ? Math.min(Math.floor(n), 4294967295) : 0;
    } else {
      keys = Object.keys(v);
      n = keys.length;
    }
    for (let i = 0, read = 0; i < n; i++) {
      if (read === w.left) {
        more = true;
        break;
      }
      let item = threw;
      try {
        item = isArray ? v[i] : v[keys[i]];
        read++;
      } catch {}
      items.push(item);
    }
  } catch {
    w.bad = true;
    put2(w, BAD, 0);
    return;
  }
  put2(w, items.length * 4096 + (isArray ? ARRAY : OBJECT), 0);
  for (let i = 0; i < items.length && !w.more; i++) {
    if (keys !== null) {
      w.keys++;
      const key = keys[i];
      const name = names.get(key);
      const t = room(w, 1);
      t[w.n++] = name ?? -w.strings.push(key);
    }
    put(w, items[i], depth - 1);
  }
  if (more) w.more = true;
}

/**
 * Reads `root` whole (at most `limit` values, `depth` levels) and writes its tape into `out` if it
 * fits; `scan`: the most UTF-16 units the
 * module scans at once (0: none). Returns the read, for `viewTape`, `viewText` and `scanCopy`.
 */
export function viewWalk(root, limit, depth, scan, out) {
  const spare = spareTape;
  spareTape = null;
  const w = {
    t: spare ?? new Float64Array(1024),
    n: 5,
    values: 0,
    keys: 0,
    tape: null,
    strings: [],
    long: [],
    next: 0,
    left: limit,
    more: false,
    bad: false,
    scan,
  };
  try {
    put(w, root, depth);
    const t = w.t;
    t[0] = w.n;
    t[1] = +w.more;
    t[2] = +w.bad;
    t[3] = w.values;
    t[4] = w.keys;
    if (w.n <= out.length) out.set(t.subarray(0, w.n));
    else w.tape = t.slice(0, w.n);
  } finally {
    if (spare !== null) spareTape = w.t;
  }
  w.t = null;
  return w;
}

/** Copies the tape of read `w` into `out` if it fits; returns its length. */
export function viewTape(w, out) {
  const t = w.tape;
  if (t === null) return 0;
  if (t.length <= out.length) out.set(t);
  return t.length;
}

/** String `index` of read `w`. */
export function viewText(w, index) {
  return w.strings[index];
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

/** `loneAt` of string `index` of read `w`. */
export function viewLoneSurrogate(w, index) {
  return loneAt(w.strings[index]);
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

// The `scan` feature: Node's Buffer copies a string's UTF-16 units as they are (a memcpy) into
// the module, whose SIMD scan of the copy (src/utf16_scan.rs) beats Node 20's scalar
// isWellFormed and indexOf many times over. Without Buffer, the walk above answers itself.

const copier = typeof Buffer === "function" && typeof Buffer.from === "function" ? Buffer : null;

// The Buffer over the module's scratch area of the last copy, kept while the area stays.
let view = null;

/** Whether long strings can be copied into the module here. */
export function scanCopies() {
  return copier !== null;
}

/**
 * Copies the UTF-16 units of the next long strings of read `w` (view.js) that fit, one after the
 * other, into `out` (the first always fits); returns how many units.
 */
export function scanCopy(w, out) {
  let bytes = view;
  if (bytes === null || bytes.buffer !== out.buffer || bytes.byteOffset !== out.byteOffset || bytes.length !== out.byteLength) {
    bytes = view = copier.from(out.buffer, out.byteOffset, out.byteLength);
  }
  const long = w.long;
  let at = 0;
  while (w.next < long.length && at + 2 * long[w.next].length <= bytes.length) at += bytes.write(long[w.next++], at, "utf16le");
  return at / 2;
}

/**
 * `{ ok, issues }`: the result, each issue `{ path, code, rule, message }`. Their strings are one
 * after the other in `text`; `shape` holds, per issue, its path's length, each segment (an index,
 * or -1 - the UTF-16 length of a key), then the lengths of its code, rule and message.
 */
export function validationResult(text, shape) {
  const issues = [];
  let at = 0;
  const next = (units) => text.slice(at, (at += units));
  for (let i = 0; i < shape.length; ) {
    const path = [];
    const end = i + 1 + shape[i];
    for (i++; i < end; i++) path.push(shape[i] < 0 ? next(-1 - shape[i]) : shape[i]);
    const code = next(shape[i++]);
    const rule = next(shape[i++]);
    issues.push({ path, code, rule, message: next(shape[i++]) });
  }
  return { ok: issues.length === 0, issues };
}

/** `{ ok: true, issues: [] }`: the result without issues. */
export function validationPassed() {
  return { ok: true, issues: [] };
}

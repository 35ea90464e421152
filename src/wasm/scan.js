// The `scan` feature's half of view.js: Node's Buffer copies a string's UTF-16 units as they are
// (a memcpy) into the module, whose SIMD scan of the copy (src/utf16_scan.rs) beats Node 20's
// scalar isWellFormed and indexOf many times over. Without Buffer, view.js answers itself.

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

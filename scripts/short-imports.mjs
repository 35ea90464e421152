// Shortens the names by which the .wasm imports the glue's functions. wasm-bindgen names each
// `__wbg_<name>_<16 hex digits>` and puts them all under the module "./<out>_bg.js": over a
// hundred such names are written twice in the .wasm's import section and again as the keys of
// the glue's import object, and their random digits do not compress. Each becomes a short
// unique name (`a`, `b`, … `aa`, …) under the module "a", in the .wasm and in the glue alike.
// Imports of other modules (the snippets) are left as they are. Used by scripts/build.mjs.
import { readFileSync, writeFileSync } from "node:fs";

/** Shortens the glue module's imports of `wasmFile` and renames them in `glueFile`. */
export function shortenImports(wasmFile, glueFile, glueModule) {
  const wasm = readFileSync(wasmFile);
  const renames = new Map();
  const out = rewriteImports(wasm, (module, name) => {
    if (module !== glueModule) return [module, name];
    if (!renames.has(name)) renames.set(name, shortName(renames.size));
    return [SHORT_MODULE, renames.get(name)];
  });
  let glue = readFileSync(glueFile, "utf8");
  glue = replaceOnce(glue, JSON.stringify(glueModule), JSON.stringify(SHORT_MODULE));
  for (const [name, short] of renames) {
    const pattern = new RegExp(`(?<![\\w$])${name}(?![\\w$])`, "g");
    const uses = glue.match(pattern)?.length ?? 0;
    if (uses === 0) throw new Error(`the glue does not name the import ${name}`);
    glue = glue.replace(pattern, short);
  }
  writeFileSync(wasmFile, out);
  writeFileSync(glueFile, glue);
}

const SHORT_MODULE = "a";

/** The `i`-th short name: a…z, A…Z, then two letters and more (valid identifiers). */
function shortName(i) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let name = "";
  let n = i;
  do {
    name = letters[n % letters.length] + name;
    n = Math.floor(n / letters.length) - 1;
  } while (n >= 0);
  return name;
}

function replaceOnce(text, from, to) {
  const parts = text.split(from);
  if (parts.length !== 2) throw new Error(`expected the glue to name ${from} once, found ${parts.length - 1}`);
  return parts.join(to);
}

/** `wasm` with its import section's (module, name) pairs mapped by `rename`; the rest as is. */
function rewriteImports(wasm, rename) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error("not a WebAssembly module");
  const chunks = [wasm.subarray(0, 8)];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, sizeEnd] = readU32(wasm, at + 1);
    const end = sizeEnd + size;
    if (id === 2) {
      const body = importSection(wasm.subarray(sizeEnd, end), rename);
      chunks.push(Buffer.from([2]), u32(body.length), body);
    } else {
      chunks.push(wasm.subarray(at, end));
    }
    at = end;
  }
  return Buffer.concat(chunks);
}

function importSection(section, rename) {
  const [count, first] = readU32(section, 0);
  const out = [u32(count)];
  let at = first;
  for (let i = 0; i < count; i++) {
    const [module, afterModule] = readName(section, at);
    const [name, afterName] = readName(section, afterModule);
    const descEnd = skipImportDesc(section, afterName);
    const [newModule, newName] = rename(module, name);
    out.push(name_(newModule), name_(newName), section.subarray(afterName, descEnd));
    at = descEnd;
  }
  if (at !== section.length) throw new Error("unexpected bytes after the imports");
  return Buffer.concat(out);
}

/** The offset after an import's description (function, table, memory, global or tag). */
function skipImportDesc(bytes, at) {
  const kind = bytes[at];
  switch (kind) {
    case 0: // function: type index
      return readU32(bytes, at + 1)[1];
    case 1: // table: reference type, limits
      return skipLimits(bytes, at + 2);
    case 2: // memory: limits
      return skipLimits(bytes, at + 1);
    case 3: // global: value type, mutability
      return at + 3;
    case 4: // tag: attribute, type index
      return readU32(bytes, at + 2)[1];
    default:
      throw new Error(`unknown import kind ${kind}`);
  }
}

function skipLimits(bytes, at) {
  const flags = bytes[at];
  if (flags > 3) throw new Error(`unsupported limits flags ${flags}`);
  let next = readU32(bytes, at + 1)[1];
  if (flags & 1) next = readU32(bytes, next)[1];
  return next;
}

function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    const byte = bytes[i++];
    value += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return [value, i];
    shift += 7;
  }
}

function readName(bytes, at) {
  const [length, start] = readU32(bytes, at);
  return [bytes.subarray(start, start + length).toString("utf8"), start + length];
}

function u32(value) {
  const out = [];
  let n = value;
  do {
    const byte = n & 0x7f;
    n = Math.floor(n / 128);
    out.push(n ? byte | 0x80 : byte);
  } while (n);
  return Buffer.from(out);
}

function name_(text) {
  const bytes = Buffer.from(text, "utf8");
  return Buffer.concat([u32(bytes.length), bytes]);
}

// The package's runtime files — what runs, not types or docs — found by following the imports
// of each runtime's entry file, and their sizes raw, gzip and brotli. Shared by the bench and by
// tests/js/size-budget.test.mjs, so that both count the same bytes.
//
// Compression settings are fixed so that a figure is deterministic for a given Node (zlib)
// version: gzip level 9, brotli quality 11 with the text or generic mode by file type.

import { readFileSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The entry file of each runtime, as the package.json `exports` map names them. */
export function entries(root = ROOT) {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const conditions = pkg.exports["."];
  const out = {};
  for (const runtime of ["browser", "node", "workerd"]) {
    if (typeof conditions[runtime] === "string") out[runtime] = join(root, conditions[runtime]);
  }
  return out;
}

// Relative module specifiers and .wasm URLs in hand-written entries and wasm-bindgen glue.
const SPECIFIERS = [
  /\bfrom\s*["'](\.{1,2}\/[^"']+)["']/g,
  /\bimport\s*["'](\.{1,2}\/[^"']+)["']/g,
  /\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g,
  /new URL\(\s*["']([^"':]+\.wasm)["']\s*,\s*import\.meta\.url\s*\)/g,
];

/** Every file reachable from `entry` through relative imports and `.wasm` URLs. */
export function reachable(entry) {
  const seen = new Set();
  const queue = [resolve(entry)];
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    if (!existsSync(file)) throw new Error(`${relative(ROOT, file)} is missing: run \`npm run build\` first`);
    seen.add(file);
    if (!file.endsWith(".js") && !file.endsWith(".mjs")) continue;
    const source = readFileSync(file, "utf8");
    for (const pattern of SPECIFIERS) {
      for (const match of source.matchAll(pattern)) {
        const spec = match[1].startsWith(".") ? match[1] : `./${match[1]}`;
        queue.push(resolve(dirname(file), spec));
      }
    }
  }
  return [...seen].sort();
}

/** Compressed sizes of one file's bytes, with fixed settings. */
export function sizes(bytes, isText) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_MODE]: isText ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

/**
 * The runtime files of every runtime (their union) with per-file sizes and totals. Each file is
 * compressed on its own, as a server or CDN serves it. `perRuntime` gives each entry's totals.
 */
export function measureRuntimeFiles(root = ROOT) {
  const byRuntime = Object.fromEntries(Object.entries(entries(root)).map(([runtime, entry]) => [runtime, reachable(entry)]));
  const union = [...new Set(Object.values(byRuntime).flat())].sort();
  const files = union.map((file) => {
    const bytes = readFileSync(file);
    return { file: relative(root, file), ...sizes(bytes, !file.endsWith(".wasm")) };
  });
  const sum = (list) =>
    list.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const byName = new Map(files.map((f) => [f.file, f]));
  const perRuntime = Object.fromEntries(
    Object.entries(byRuntime).map(([runtime, list]) => [runtime, sum(list.map((file) => byName.get(relative(root, file))))]),
  );
  return {
    files,
    total: sum(files),
    wasm: sum(files.filter((f) => f.file.endsWith(".wasm"))),
    js: sum(files.filter((f) => !f.file.endsWith(".wasm"))),
    perRuntime,
  };
}

// Builds the npm package in place: the release .wasm, the wasm-bindgen glue in pkg/, wasm-opt
// for size, and pkg/errors.js (the one copy of the error classes every entry re-exports); then
// the validate-only module (the same crate without its `client` feature) into pkg/validate/;
// then each Node entry with the JavaScript it imports as one module (pkg/node.js,
// pkg/validate/node.js).
// declarations.mjs finishes every declaration file wasm-bindgen wrote.
// Usage: node scripts/build.mjs
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from "node:fs";
import { dirname, relative, resolve as resolvePath } from "node:path";
import { gzipSync, brotliCompressSync } from "node:zlib";
import { build, buildSync, transformSync } from "esbuild";
import { finishDeclarations } from "./declarations.mjs";
import { shortenImports } from "./short-imports.mjs";

const root = new URL("..", import.meta.url);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });
const pkg = new URL("pkg/", root);
const wasmPath = new URL("codearts_deploy_wasm_bg.wasm", pkg);

const wasmOpt = new URL("node_modules/.bin/wasm-opt", root);
mkdirSync(new URL("pkg/validate/", root), { recursive: true });
if (!existsSync(wasmOpt)) throw new Error("wasm-opt missing: run `npm ci` (package binaryen)");

/** Builds the crate with `features` into `outDir` as `<outName>.js` + `<outName>_bg.wasm`. */
function buildModule(cargoArgs, outDir, outName, { keepNames }) {
  // wasm-bindgen leaves files of earlier builds (snippets) in place: start from an empty folder.
  for (const stale of readdirSync(new URL(`${outDir}/`, root), { withFileTypes: true })) {
    if (stale.isDirectory() ? stale.name === "snippets" : stale.name.startsWith(outName)) {
      rmSync(new URL(`${outDir}/${stale.name}`, root), { recursive: true, force: true });
    }
  }
  run("cargo", ["build", "--release", "--target", "wasm32-unknown-unknown", "--quiet", ...cargoArgs]);
  run("wasm-bindgen", [
    "--target", "web",
    "--out-dir", outDir,
    "--out-name", outName,
    "target/wasm32-unknown-unknown/release/codearts_deploy_wasm.wasm",
  ]);
  const wasm = `${outDir}/${outName}_bg.wasm`;
  // -Oz to a fixed point; no producers/target-features sections (read by nothing at run time);
  // a fresh instance's memory is zero-filled (zero runs of data segments dropped), and its first
  // kilobyte (the far end of Rust's 1 MiB stack) is taken as unused, which shortens address sums.
  run(wasmOpt.pathname, [
    "-Oz", "--converge",
    "--strip-producers", "--strip-target-features",
    "--zero-filled-memory", "--low-memory-unused",
    wasm, "-o", wasm,
  ]);
  mergeStarImports(new URL(`${outDir}/${outName}.js`, root));
  // Short import names in the .wasm and the glue (see short-imports.mjs).
  shortenImports(new URL(wasm, root), new URL(`${outDir}/${outName}.js`, root), `./${outName}_bg.js`);
  // The glue and its snippets, minified: what every page and cold start downloads and parses.
  const dir = new URL(`${outDir}/`, root);
  minify(new URL(`${outName}.js`, dir), keepNames);
  for (const entry of readdirSync(new URL("snippets/", dir), { recursive: true })) {
    if (String(entry).endsWith(".js")) minify(new URL(`snippets/${entry}`, dir), keepNames);
  }
  inlineSnippets(new URL(`${outName}.js`, dir), keepNames);
}

/**
 * wasm-bindgen imports a snippet once per function the .wasm imports from it directly
 * (`import * as import1 from "…/view.js"`, `import2`, …) and lists each under the same key of the
 * imports object; every bundler that reads the glue then warns of a duplicate key. Keeps the
 * first namespace of each module (they are the same module) and drops the others.
 */
function mergeStarImports(glue) {
  const text = readFileSync(glue, "utf8");
  const first = new Map();
  const drop = [];
  for (const [line, name, module] of text.matchAll(/^import \* as (\w+) from ("[^"]+");?\n/gm)) {
    if (first.has(module)) drop.push(line, `${module}: ${name},`);
    else first.set(module, name);
  }
  let merged = text;
  for (const part of drop) {
    const at = merged.indexOf(part);
    if (at === -1) throw new Error(`the glue does not hold ${part.trim()}`);
    merged = merged.slice(0, at) + merged.slice(at + part.length);
  }
  writeFileSync(glue, merged);
}

/**
 * Bundles the glue with the snippets it imports, one module fewer to load per snippet (each
 * costs a cold start a fraction of a millisecond). The error classes stay in their own module:
 * pkg/errors.js re-exports them, and every entry must see the same classes.
 */
function inlineSnippets(glue, keepNames) {
  const { outputFiles } = buildSync({
    entryPoints: [glue.pathname],
    bundle: true,
    write: false,
    external: ["./snippets/*/js/errors.js"],
    format: "esm",
    platform: "neutral",
    ...minifyOptions(keepNames),
    target: "es2022",
    logLevel: "error",
  });
  writeFileSync(glue, outputFiles[0].text);
}

/**
 * Minifies one JavaScript module in place; `keepNames` where classes and functions must show
 * theirs (the main module's client class, functions and error classes; the validate-only module
 * has none and a bundler renames freely).
 */
function minify(file, keepNames) {
  const code = readFileSync(file, "utf8");
  writeFileSync(file, transformSync(code, { ...minifyOptions(keepNames), format: "esm", target: "es2022" }).code);
}

/**
 * esbuild's options for `minify`: names kept by not renaming identifiers at all, rather than by
 * `keepNames`, which wraps every function in a naming call (the glue's hundred-odd import
 * functions included) that bundlers then ship as it is.
 */
function minifyOptions(keepNames) {
  return keepNames ? { minifyWhitespace: true, minifySyntax: true } : { minify: true };
}

buildModule([], "pkg", "codearts_deploy_wasm", { keepNames: true });

// wasm-bindgen copies js/errors.js into pkg/snippets/<crate>-<hash>/. Its classes go to one stable
// path, pkg/errors.js, which the glue and every entry import: one module, one set of classes.
const snippets = readdirSync(new URL("snippets/", pkg));
if (snippets.length !== 1) throw new Error(`expected one snippet folder, found ${snippets.join(", ")}`);
const errorsSnippet = `./snippets/${snippets[0]}/js/errors.js`;
writeFileSync(
  new URL("errors.js", pkg),
  `// Generated by scripts/build.mjs: the error classes the WebAssembly module throws.\n${readFileSync(new URL(errorsSnippet, pkg), "utf8")}`,
);
{
  const gluePath = new URL("codearts_deploy_wasm.js", pkg);
  const parts = readFileSync(gluePath, "utf8").split(`"${errorsSnippet}"`);
  if (parts.length !== 2) throw new Error(`expected the glue to import ${errorsSnippet} once`);
  writeFileSync(gluePath, parts.join(`"./errors.js"`));
}

// The validate-only module at opt-level 2, not the crate's "z": after wasm-opt -Oz it comes out
// smaller (20,867 against 21,343 B gzip) and runs the rules without a call per iterator step.
buildModule(["--no-default-features", "--config", "profile.release.opt-level=2"], "pkg/validate", "validate", {
  keepNames: false,
});

/**
 * Bundles a Node entry (js/node.js with the API list and the Standard Schema helpers) into one
 * module at `out`: each module Node loads costs a cold start a fraction of a millisecond. Two
 * modules stay their own: the glue (`glue`), whose one instance every importer of it shares,
 * and pkg/errors.js, imported by both Node entries so that `.` and `./validate` share one set
 * of error classes. `out` lies as deep under pkg/ as the entry under js/, so the entry's
 * `new URL("../pkg/….wasm", import.meta.url)` still finds the module.
 */
async function bundleNodeEntry(entry, glue, out) {
  const outDir = dirname(new URL(out, root).pathname);
  const shared = new Set([glue, "pkg/errors.js"].map((file) => new URL(file, root).pathname));
  await build({
    // The error classes re-exported here too: esbuild keeps an `export *` of an external module
    // only in the entry itself (the one in exports.js becomes a namespace object, not exports).
    stdin: {
      contents: `export * from "./${entry}";\nexport * from "./pkg/errors.js";\n`,
      resolveDir: root.pathname,
      sourcefile: `${entry} + pkg/errors.js`,
    },
    outfile: new URL(out, root).pathname,
    bundle: true,
    format: "esm",
    platform: "node",
    minify: true,
    keepNames: true,
    target: "es2022",
    logLevel: "error",
    plugins: [
      {
        name: "shared-modules",
        setup(b) {
          b.onResolve({ filter: /\.js$/ }, ({ path, resolveDir }) => {
            const file = resolvePath(resolveDir, path);
            return shared.has(file) ? { path: relativeSpecifier(outDir, file), external: true } : undefined;
          });
        },
      },
    ],
  });
}

/** The relative import specifier of `file` from a module in `dir`. */
function relativeSpecifier(dir, file) {
  const path = relative(dir, file);
  return path.startsWith("../") ? path : `./${path}`;
}

await bundleNodeEntry("js/node.js", "pkg/codearts_deploy_wasm.js", "pkg/node.js");
await bundleNodeEntry("js/validate/node.js", "pkg/validate/validate.js", "pkg/validate/node.js");

// Every declaration file wasm-bindgen wrote (one per module built), finished the same way.
for (const file of readdirSync(pkg, { recursive: true }).map(String)) {
  if (file.endsWith(".d.ts") && !file.split("/").includes("snippets")) finishDeclarations(new URL(file, pkg));
}

const bytes = readFileSync(wasmPath);
const glue = readFileSync(new URL("codearts_deploy_wasm.js", pkg));
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(
  `build: wasm ${kib(bytes.length)} raw, ${kib(gzipSync(bytes, { level: 9 }).length)} gzip, ` +
    `${kib(brotliCompressSync(bytes).length)} brotli; glue ${kib(statSync(new URL("codearts_deploy_wasm.js", pkg)).size)} ` +
    `(${kib(gzipSync(glue, { level: 9 }).length)} gzip)`,
);
const validateWasm = readFileSync(new URL("validate/validate_bg.wasm", pkg));
console.log(`build: validate-only wasm ${kib(validateWasm.length)} raw, ${kib(gzipSync(validateWasm, { level: 9 }).length)} gzip`);

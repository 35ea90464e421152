// Builds a profiling copy of the package, never the package itself: the crate is copied to
// target/bench-profile/crate/, bench/profile/prototype.rs is added as src/wasm/bench_proto.rs
// (benchmark-only exports that split validation into parts and prototype a JSON-string path),
// and the result keeps its function names (wasm-bindgen --keep-debug, wasm-opt -Oz -g) so that
// twiggy and V8's CPU profiler can name functions.
//
// Usage: node bench/profile/build.mjs      → prints the output folder
// Output: target/bench-profile/pkg/ (glue + named .wasm), target/bench-profile/named-shipped.wasm
// (the unmodified crate built the same way as the package, names kept, for twiggy).
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const work = `${root}target/bench-profile/`;
const wasmOpt = `${root}node_modules/.bin/wasm-opt`;
const run = (cmd, args, options = {}) => execFileSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"], ...options });

function copyCrate(into, withPrototype) {
  rmSync(into, { recursive: true, force: true });
  mkdirSync(into, { recursive: true });
  for (const entry of ["Cargo.toml", "Cargo.lock", "src", "js"]) cpSync(`${root}${entry}`, `${into}${entry}`, { recursive: true });
  if (withPrototype) {
    cpSync(`${root}bench/profile/prototype.rs`, `${into}src/wasm/bench_proto.rs`);
    const mod = `${into}src/wasm/mod.rs`;
    writeFileSync(mod, `${readFileSync(mod, "utf8")}pub mod bench_proto;\n`);
  }
}

function build(crate, outDir, name) {
  run("cargo", ["build", "--release", "--target", "wasm32-unknown-unknown", "--quiet"], {
    cwd: crate,
    env: { ...process.env, CARGO_TARGET_DIR: `${work}target` },
  });
  const raw = `${work}target/wasm32-unknown-unknown/release/codearts_deploy_wasm.wasm`;
  run("wasm-bindgen", ["--target", "web", "--keep-debug", "--out-dir", outDir, raw]);
  const wasm = `${outDir}codearts_deploy_wasm_bg.wasm`;
  run(wasmOpt, ["-Oz", "-g", "--strip-dwarf", wasm, "-o", name ?? wasm]);
}

if (!existsSync(wasmOpt)) throw new Error("wasm-opt missing: run `npm ci` (package binaryen)");
mkdirSync(work, { recursive: true });

// 1. The crate as it is, names kept: what twiggy reads.
copyCrate(`${work}crate-shipped/`, false);
build(`${work}crate-shipped/`, `${work}pkg-shipped/`, `${work}named-shipped.wasm`);

// 2. The crate plus the benchmark-only exports, names kept: what the validation profile loads.
copyCrate(`${work}crate/`, true);
build(`${work}crate/`, `${work}pkg/`);

console.log(work);

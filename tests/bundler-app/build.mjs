// Builds the app into an output folder (default dist/):  node build.mjs [outdir]
//
//   dist/index.html
//   dist/assets/main.js                    the bundle (esbuild, minified)
//   dist/pkg/codearts_deploy_wasm_bg.wasm  the package's WebAssembly module
//
// esbuild bundles `codearts-deploy-wasm` under its `browser` condition. That entry fetches its
// module with `new URL("../pkg/codearts_deploy_wasm_bg.wasm", import.meta.url)`, a pattern
// esbuild leaves as it is (evanw/esbuild#795), so the .wasm is copied to `../pkg/` next to the
// bundle's folder. Vite, webpack 5 and Parcel follow the pattern and emit the file themselves.
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const outdir = resolve(process.argv[2] ?? join(here, "dist"));

await build({
  entryPoints: [join(here, "src/main.js")],
  bundle: true,
  format: "esm", // the package's browser entry uses top-level await
  platform: "browser",
  target: "es2022",
  minify: true,
  outdir: join(outdir, "assets"),
  logLevel: "warning",
});
await copyFile(join(here, "index.html"), join(outdir, "index.html"));
await mkdir(join(outdir, "pkg"), { recursive: true });
await copyFile(
  fileURLToPath(import.meta.resolve("codearts-deploy-wasm/codearts_deploy_wasm_bg.wasm")),
  join(outdir, "pkg/codearts_deploy_wasm_bg.wasm"),
);

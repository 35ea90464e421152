// e. Size: the package's runtime files (bench/lib/runtime-files.mjs) vs what a user of the
// alternatives ships for the same job, bundled with esbuild (minified):
//  - signing + one request: the official Node SDK core (HcClient + BasicCredentials + axios …),
//    and the smallest SDK route (its AKSKSigner module + fetch);
//  - validation only: Ajv 8 + the bench schema (runtime compile), and Ajv's standalone output.
// Each bundle is run once first (the SDK ones against the local service) to prove it does the
// job. Also the installed footprint (node_modules closure) of the SDK core.

import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import { measureRuntimeFiles, sizes, ROOT } from "../lib/runtime-files.mjs";
import { measureValidateBundle } from "../lib/validate-bundle.mjs";
import { schema } from "./validation.mjs";
import { startServiceProcess } from "./overhead.mjs";
import { TASK_ID } from "../corpus.mjs";

const BUNDLES = fileURLToPath(new URL("../bundles/", import.meta.url));

async function bundle(entry, outfile, extra = {}) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    outfile,
    metafile: true,
    logLevel: "warning",
    ...extra,
  });
  const bytes = readFileSync(outfile);
  const inputs = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.inputs ?? {};
  const byPackage = {};
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const parts = path.replace(/^.*node_modules\//, "").split("/");
    const name = path.includes("node_modules/") ? (parts[0].startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]) : "(bench entry)";
    byPackage[name] = (byPackage[name] ?? 0) + bytesInOutput;
  }
  return { ...sizes(bytes, true), byPackage };
}

/**
 * An app's bundle of one of the package's entries, as the issue's size targets define it:
 * esbuild, `browser` condition, minified, plus every .wasm the bundled files load by URL
 * (`new URL("….wasm", import.meta.url)`, which bundlers copy as an asset). `null` when the
 * entry does not exist in this build.
 */
async function appBundle(entry, outfile) {
  let result;
  try {
    result = await build({
      entryPoints: [entry], bundle: true, minify: true, outfile, metafile: true, logLevel: "silent",
      format: "esm", platform: "browser", conditions: ["browser"], supported: { "top-level-await": true },
    });
  } catch {
    return null;
  }
  const js = sizes(readFileSync(outfile), true);
  const wasmFiles = new Set();
  for (const input of Object.keys(result.metafile.inputs)) {
    const path = join(ROOT, input);
    if (!existsSync(path)) continue;
    for (const [, rel] of readFileSync(path, "utf8").matchAll(/new URL\(\s*["']([^"']+\.wasm)["']/g)) {
      wasmFiles.add(fileURLToPath(new URL(rel, pathToFileURL(path))));
    }
  }
  const total = { ...js };
  for (const file of wasmFiles) {
    const w = sizes(readFileSync(file), true);
    for (const k of ["raw", "gzip", "brotli"]) total[k] += w[k];
  }
  return { ...total, js, wasmFiles: [...wasmFiles].map((f) => f.slice(ROOT.length)) };
}

/** Bytes on disk of a package and every dependency it pulls in (as installed here). */
function installedFootprint(name) {
  const require = createRequire(join(ROOT, "package.json"));
  const seen = new Map();
  const visit = (pkgName, fromDir) => {
    let manifest;
    try {
      manifest = createRequire(join(fromDir, "noop.js")).resolve(`${pkgName}/package.json`);
    } catch {
      // Packages whose exports map hides package.json: find the folder by walking up.
      let dir = fromDir;
      for (;;) {
        const candidate = join(dir, "node_modules", pkgName, "package.json");
        if (existsSync(candidate)) {
          manifest = candidate;
          break;
        }
        const parent = join(dir, "..");
        if (parent === dir) return;
        dir = parent;
      }
    }
    const dir = manifest.slice(0, -"/package.json".length);
    if (seen.has(dir)) return;
    const json = JSON.parse(readFileSync(manifest, "utf8"));
    seen.set(dir, json.name);
    for (const dep of Object.keys(json.dependencies ?? {})) visit(dep, dir);
  };
  visit(name, ROOT);
  void require;
  const du = (dir) => {
    let total = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") total += du(path);
      } else total += statSync(path).size;
    }
    return total;
  };
  let bytes = 0;
  for (const dir of seen.keys()) bytes += du(dir);
  return { bytes, packages: seen.size };
}

export async function run() {
  const ours = measureRuntimeFiles();
  const out = mkdtempSync(join(tmpdir(), "codearts-bench-size-"));
  const notes = {};
  try {
    // The package itself bundled and minified for a browser, as an app's bundler would ship it.
    const oursBundled = await bundle(join(ROOT, "js/browser.js"), join(out, "package-browser.js"), {
      format: "esm",
      platform: "browser",
      // The .wasm is fetched by URL (new URL(…, import.meta.url)), not bundled: counted apart.
      supported: { "top-level-await": true },
    });
    const wasm = ours.wasm;
    const oursMinified = {
      raw: oursBundled.raw + wasm.raw,
      gzip: oursBundled.gzip + wasm.gzip,
      brotli: oursBundled.brotli + wasm.brotli,
    };

    const fullClient = await appBundle(join(BUNDLES, "full-client.mjs"), join(out, "full-client.js"));
    notes.appBundles = { fullClient };

    const sdkCore = await bundle(join(BUNDLES, "sdk-core-job.mjs"), join(out, "sdk-core-job.cjs"), { format: "cjs", platform: "node" });
    const sdkSigner = await bundle(join(BUNDLES, "sdk-signer-fetch.mjs"), join(out, "sdk-signer-fetch.cjs"), { format: "cjs", platform: "node" });
    const ajvRuntime = await bundle(join(BUNDLES, "ajv-runtime.mjs"), join(out, "ajv-runtime.mjs"), { format: "esm", platform: "neutral", mainFields: ["module", "main"] });
    const ajv = new Ajv({ allErrors: true, unicode: false, code: { source: true, esm: true }, logger: false });
    writeFileSync(join(out, "ajv-standalone-src.mjs"), standaloneCode(ajv, ajv.compile(schema)));
    const ajvStandalone = await bundle(join(out, "ajv-standalone-src.mjs"), join(out, "ajv-standalone.mjs"), { format: "esm", platform: "neutral" });

    // Prove the SDK bundles do the job: one AK/SK start each on the local service.
    const service = await startServiceProcess();
    try {
      const require = createRequire(import.meta.url);
      const args = { endpoint: service.url, accessKey: "TESTAK0000000000EXAMP", secretKey: "test-secret-key-0123456789abcdef", taskId: TASK_ID, body: { trigger_source: "0" } };
      const core = await require(join(out, "sdk-core-job.cjs")).startDeployTask(args);
      const signer = await require(join(out, "sdk-signer-fetch.cjs")).startDeployTask(args);
      notes.sdkJobs = { sdkCore: core.httpStatusCode, sdkSigner: Boolean(signer.id) };
    } finally {
      await service.stop();
    }
    const ajvCheck = await import(pathToFileURL(join(out, "ajv-runtime.mjs")).href);
    notes.ajvBundle = ajvCheck.validateStartDeployTask({ taskId: "x" }).issues.length > 0;

    notes.sdkCoreByPackage = sdkCore.byPackage;
    notes.files = ours.files;
    notes.perRuntime = ours.perRuntime;
    const installed = installedFootprint("@huaweicloud/huaweicloud-sdk-core");
    notes.installed = installed;

    const rows = [];
    const row = (name, a, b) => ({ group: "Size", name: `${name} (raw / gzip / brotli)`, ours: a, theirs: b, unit: "bytes3" });
    rows.push(row("signing + one request: runtime files vs SDK core bundled (esbuild, minified)", ours.total, sdkCore));
    rows.push(row("same, with the package's JS also bundled + minified by esbuild", oursMinified, sdkCore));
    rows.push(row("full client (CodeArtsDeployClient, validateStartDeployTask, signRequest from the main entry; esbuild, browser condition, minified) + its .wasm vs SDK core bundled", fullClient, sdkCore));
    rows.push(row("signing + fetch: runtime files vs the SDK's AKSKSigner module + fetch, bundled", ours.total, sdkSigner));
    rows.push(row("validation only: runtime files vs Ajv 8 + schema bundled (runtime compile)", ours.total, ajvRuntime));
    rows.push(row("validation only: runtime files vs Ajv standalone code (build-time compile)", ours.total, ajvStandalone));
    // What a page that only validates downloads with the validate-only entry.
    const validateOnly = (await measureValidateBundle()).total;
    notes.validateOnly = validateOnly;
    rows.push(row("validation only: `codearts-deploy-wasm/validate` bundled (esbuild, browser, minified) + its .wasm vs Ajv 8 + schema bundled", validateOnly, ajvRuntime));
    rows.push(row("validation only: `codearts-deploy-wasm/validate` bundled + its .wasm vs Ajv standalone code", validateOnly, ajvStandalone));
    rows.push({ group: "Size", name: `installed on disk: package files vs SDK core + its ${installed.packages - 1} dependencies`, ours: installedPackageBytes(), theirs: installed.bytes, unit: "bytes" });
    return { rows, notes, ours };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Bytes of the files package.json's `files` list ships (what `npm install` puts on disk). */
function installedPackageBytes() {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const du = (path) => {
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.size;
    return readdirSync(path).reduce((t, name) => t + du(join(path, name)), 0);
  };
  const extra = ["package.json", "README.md", "LICENSE"].filter((f) => existsSync(join(ROOT, f)));
  return [...pkg.files, ...extra].filter((f) => existsSync(join(ROOT, f))).reduce((t, f) => t + du(join(ROOT, f)), 0);
}

// Runs a Worker the way Cloudflare does, in workerd through Miniflare: `bundleWorker` bundles its
// entry with esbuild under the `workerd` export condition (as wrangler does), keeping each .wasm
// as a separate file; `startWorker` loads that bundle with every .wasm imported as a precompiled
// WebAssembly.Module (wrangler's CompiledWasm rule).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";

/** The compatibility date the tests run Workers with (the examples' wrangler.toml uses the same). */
export const COMPATIBILITY_DATE = "2026-04-01";

/**
 * Bundles `entry` (a path) into a fresh temporary folder. Returns `{ outdir, scriptPath, dispose }`.
 * `nodePaths` adds folders to look for packages in (like a `node_modules` the entry does not sit in).
 */
export async function bundleWorker(entry, { nodePaths = [] } = {}) {
  const outdir = mkdtempSync(join(tmpdir(), "codearts-worker-"));
  await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    loader: { ".wasm": "copy" },
    nodePaths,
    outdir,
    logLevel: "warning",
  });
  const scriptPath = join(outdir, basename(entry).replace(/\.[mc]?[jt]s$/, ".js"));
  return { outdir, scriptPath, dispose: () => rmSync(outdir, { recursive: true, force: true }) };
}

/**
 * Starts workerd on a bundle (from `bundleWorker` or `wrangler deploy --dry-run --outdir`) with
 * `bindings` (vars and secrets) and `serviceBindings` (name → a Node function answering the
 * Worker's `env.NAME.fetch`). Resolves to the ready Miniflare; `dispose()` it.
 */
export async function startWorker({ outdir, scriptPath, bindings = {}, serviceBindings = {} }) {
  const mf = new Miniflare({
    modules: true,
    modulesRoot: outdir,
    scriptPath,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: COMPATIBILITY_DATE,
    bindings,
    serviceBindings,
  });
  await mf.ready;
  return mf;
}

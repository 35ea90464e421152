// workerd (Cloudflare Workers' runtime) through Miniflare, in the bench's own process:
//  - whether Ajv can compile there (it cannot: no code generation from strings) and whether its
//    build-time "standalone" output runs;
//  - start-up: a fresh workerd with the package's Worker vs a bare Worker, to the first answer;
//  - validation inside workerd, package vs Ajv standalone, timed from outside: the time of a
//    request that validates N times minus one that validates 0 times, divided by N (a Worker's
//    own clock does not advance while it computes); over several fresh workerd processes, since
//    each engine settles at one of two speeds per process.
//
// Workers are bundled with esbuild as wrangler does (workerd export condition, .wasm imported
// precompiled), like tests/js/workerd.test.mjs.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import { schema } from "./validation.mjs";
import { summarize } from "../lib/measure.mjs";

const WORKERS = fileURLToPath(new URL("../workers/", import.meta.url));

/** Bundles every bench Worker into its own folder; returns `{ name: folder }` and a cleanup. */
export async function bundleWorkers() {
  const outdir = mkdtempSync(join(tmpdir(), "codearts-bench-workers-"));
  const standalone = join(outdir, "ajv-standalone-validator.mjs");
  const ajv = new Ajv({ allErrors: true, unicode: false, code: { source: true, esm: true }, logger: false });
  writeFileSync(standalone, standaloneCode(ajv, ajv.compile(schema)));
  const folders = {};
  for (const name of ["bare", "package", "ajv-runtime", "ajv-standalone"]) {
    const dir = join(outdir, name);
    await build({
      entryPoints: [join(WORKERS, `${name}.js`)],
      bundle: true,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      conditions: ["workerd", "worker", "browser"],
      loader: { ".wasm": "copy", ".json": "json" },
      outdir: dir,
      logLevel: "warning",
      plugins: [
        {
          name: "ajv-standalone-validator",
          setup(b) {
            b.onResolve({ filter: /^ajv-standalone-validator$/ }, () => ({ path: standalone }));
          },
        },
      ],
    });
    folders[name] = dir;
  }
  return { folders, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}

function options(dir, name) {
  return {
    modules: true,
    modulesRoot: dir,
    scriptPath: join(dir, `${name}.js`),
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2026-04-01",
  };
}

async function startAndAsk(dir, name) {
  const start = performance.now();
  const mf = new Miniflare(options(dir, name));
  try {
    await mf.ready;
    const response = await mf.dispatchFetch("http://worker/");
    const body = await response.text();
    return { ms: performance.now() - start, body };
  } finally {
    await mf.dispose();
  }
}

/** Start-up: fresh workerd per sample, the package's Worker and a bare one interleaved. */
async function startup(folders, rounds) {
  const ours = [];
  const bare = [];
  await startAndAsk(folders.bare, "bare");
  for (let i = 0; i < rounds; i++) {
    const pair = i % 2 === 0 ? ["package", "bare"] : ["bare", "package"];
    for (const name of pair) {
      const { ms, body } = await startAndAsk(folders[name], name);
      if (name === "package" && !JSON.parse(body).signed) throw new Error(`package Worker answered ${body}`);
      (name === "package" ? ours : bare).push(ms);
    }
  }
  return { ours: summarize(ours), theirs: summarize(bare) };
}

/** Per-validation time inside one running Worker: (t(n) − t(0)) / n, over `rounds` pairs. */
async function loopTime(worker, params, rounds) {
  const ask = async (n) => {
    const start = performance.now();
    const response = await worker.fetch(`http://worker/loop?n=${n}&params=${params}`);
    await response.json();
    return performance.now() - start;
  };
  for (let i = 0; i < 3; i++) await ask(1); // warm up
  let n = 1;
  while ((await ask(n)) - (await ask(0)) < 40 && n < 1 << 20) n *= 2;
  const per = [];
  for (let i = 0; i < rounds; i++) {
    const empty = await ask(0);
    per.push(((await ask(n)) - empty) / n);
  }
  return summarize(per).median;
}

/**
 * Validation inside workerd over `processes` fresh workerd processes. Each engine settles at one
 * of two speeds for a whole process, so one process gives an unsteady figure: each process runs
 * both Workers (the package's and Ajv standalone) and times both, which goes first alternating
 * between processes; a process's figure is the median of its `rounds` rounds. Each parameter
 * count has its own isolates (a Worker of each side per count): a Worker that validated the
 * 3-parameter body first ran the 50-parameter one at Ajv's slow speed in about a third of the
 * processes, one that never saw it did not. Returns, per parameter count, the per-process
 * figures of each side.
 */
async function validationAcrossProcesses(folders, paramCounts, { processes, rounds }) {
  const sides = { ours: "package", theirs: "ajv-standalone" };
  const workerName = (side, params) => `${sides[side]}-${params}`;
  const workers = paramCounts.flatMap((params) =>
    Object.keys(sides).map((side) => ({ ...options(folders[sides[side]], sides[side]), name: workerName(side, params) })),
  );
  const perProcess = Object.fromEntries(paramCounts.map((p) => [p, { ours: [], theirs: [] }]));
  for (let i = 0; i < processes; i++) {
    const mf = new Miniflare({ workers });
    try {
      await mf.ready;
      const order = i % 2 === 0 ? ["ours", "theirs"] : ["theirs", "ours"];
      for (const params of paramCounts) {
        for (const side of order) {
          const worker = await mf.getWorker(workerName(side, params));
          perProcess[params][side].push(await loopTime(worker, params, rounds));
        }
      }
    } finally {
      await mf.dispose();
    }
  }
  return perProcess;
}

export async function run({ rounds = 8, validation = { processes: 5, rounds: 3 } } = {}) {
  const { folders, cleanup } = await bundleWorkers();
  const rows = [];
  const notes = {};
  try {
    const ajvRuntime = JSON.parse((await startAndAsk(folders["ajv-runtime"], "ajv-runtime")).body);
    notes.ajvRuntime = ajvRuntime;
    const standalone = JSON.parse((await startAndAsk(folders["ajv-standalone"], "ajv-standalone")).body);
    notes.ajvStandalone = standalone;

    const start = await startup(folders, rounds);
    rows.push({ group: "Cold start (workerd)", name: "fresh workerd to first answer: package Worker (instantiate, validate, sign) vs bare Worker", ours: start.ours, theirs: start.theirs, note: "the difference is the package" });

    const perProcess = await validationAcrossProcesses(folders, [3, 50], validation);
    notes.validationPerProcess = perProcess;
    for (const [params, { ours, theirs }] of Object.entries(perProcess)) {
      rows.push({ group: "Validation in workerd", name: `${params} params, valid: package vs Ajv standalone (Ajv's runtime compile cannot run), across ${ours.length} fresh workerd processes`, ours: summarize(ours), theirs: summarize(theirs) });
    }
  } finally {
    cleanup();
  }
  return { rows, notes };
}

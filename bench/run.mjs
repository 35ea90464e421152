// `npm run bench`: every comparison of bench/README.md in one process run, printed as a table
// and written to BENCHMARKS.md with the machine and date.
//
// Usage: node bench/run.mjs [--quick] [--no-build] [--only=validation,signing,overhead,coldstart,workerd,size]
//   --quick     fewer rounds and calls (a smoke run; its figures are not for BENCHMARKS.md)
//   --no-build  use pkg/ as it is, even if src/ is newer
//   --only=…    run some suites (BENCHMARKS.md is then not written)
//
// Only Node built-ins are imported statically: on a fresh machine scripts/setup.sh (npm ci,
// the wasm32 target, the wasm-bindgen CLI) runs first, then the package is built if pkg/ is
// missing or older than its sources.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const noBuild = args.includes("--no-build");
const only = args.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");
const wanted = (suite) => !only || only.includes(suite);
const MARKER = "<!-- bench/run.mjs keeps everything below this line: hand-written analysis -->";

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), 0);
}

function prepare() {
  const sh = (cmd, cmdArgs) => execFileSync(cmd, cmdArgs, { cwd: ROOT, stdio: "inherit" });
  if (!existsSync(join(ROOT, "node_modules/.package-lock.json")) || !existsSync(join(ROOT, "pkg/codearts_deploy_wasm_bg.wasm"))) {
    sh("bash", ["scripts/setup.sh"]);
  }
  if (noBuild) return;
  const wasm = join(ROOT, "pkg/codearts_deploy_wasm_bg.wasm");
  const sources = ["src", "js", "Cargo.toml", "Cargo.lock", "scripts/build.mjs"].map((p) => join(ROOT, p)).filter(existsSync);
  const stale = !existsSync(wasm) || sources.some((p) => newestMtime(p) > statSync(wasm).mtimeMs);
  if (stale) {
    console.log("bench: pkg/ is missing or older than its sources; building");
    sh("bash", ["scripts/setup.sh"]);
    sh(process.execPath, ["scripts/build.mjs"]);
  }
}

prepare();
process.env.WRANGLER_SEND_METRICS = "false";

const { settings, timeCell, ratioCell, formatBytes, formatTime } = await import("./lib/measure.mjs");
const { machine } = await import("./lib/machine.mjs");
if (quick) {
  settings.rounds = 5;
  settings.batchMs = 15;
  settings.warmupMs = 60;
}

const info = machine(ROOT);
console.log(`bench: ${info.cpu}, ${info.cores} cores, ${info.memory}, ${info.os}, Node ${info.node}, load ${info.loadavg}`);

const rows = [];
const notes = {};
const step = async (suite, fn) => {
  if (!wanted(suite)) return;
  const start = Date.now();
  process.stdout.write(`bench: ${suite} … `);
  await fn();
  console.log(`${((Date.now() - start) / 1000).toFixed(1)} s`);
};

await step("validation", async () => {
  const validation = await import("./suites/validation.mjs");
  notes.validation = validation.agreement();
  notes.withoutEval = validation.withoutEval();
  rows.push(...validation.run());
  notes.ajvCompile = validation.runCompile();
});
await step("signing", async () => {
  const signing = await import("./suites/signing.mjs");
  notes.signing = signing.agreement();
  rows.push(...signing.run());
});
await step("overhead", async () => {
  const overhead = await import("./suites/overhead.mjs");
  rows.push(...(await overhead.run({ calls: quick ? 400 : 2000 })));
});
await step("coldstart", async () => {
  const coldstart = await import("./suites/coldstart.mjs");
  rows.push(...(await coldstart.run({ rounds: quick ? 4 : 15 })));
});
await step("workerd", async () => {
  const workerd = await import("./suites/workerd.mjs");
  const result = await workerd.run({ rounds: quick ? 3 : 10, validation: { processes: quick ? 2 : 5, rounds: 3 } });
  rows.push(...result.rows);
  notes.workerd = result.notes;
});
await step("size", async () => {
  const size = await import("./suites/size.mjs");
  const result = await size.run();
  rows.push(...result.rows);
  notes.size = result.notes;
  notes.sizeOurs = result.ours;
});
info.loadavgEnd = (await import("node:os")).loadavg().map((x) => x.toFixed(2)).join(" ");

// ---- the table -------------------------------------------------------------------------------

const KINDS = ["raw", "gzip", "brotli"];
const kib = (n) => (n / 1024).toFixed(1);
const cell = (row, side) => {
  const value = row[side];
  if (value === null || value === undefined) return "—";
  if (row.unit === "bytes3") return `${KINDS.map((k) => kib(value[k])).join(" / ")} KiB`;
  return row.unit === "bytes" ? formatBytes(value) : timeCell(value);
};
const ratio = (row) => {
  if (row.ours === null || row.theirs === null || row.theirs === undefined) return "—";
  if (row.unit === "bytes3") return KINDS.map((k) => ratioCell(row.ours[k], row.theirs[k])).join(" / ");
  return row.unit === "bytes" ? ratioCell(row.ours, row.theirs) : ratioCell(row.ours.median, row.theirs.median);
};
const tableLines = [
  "| # | group | comparison | package: median (p25–p75) | alternative: median (p25–p75) | package ÷ alternative |",
  "|---:|---|---|---:|---:|---:|",
  ...rows.map((row, i) => `| ${i + 1} | ${row.group} | ${row.name} | ${cell(row, "ours")} | ${cell(row, "theirs")} | ${ratio(row)} |`),
];
const table = tableLines.join("\n");
console.log(`\n${table}\n`);
console.log("Times are per call; sizes in bytes. package ÷ alternative < 1: the package is faster or smaller.");
const perProcessLines = Object.entries(notes.workerd?.validationPerProcess ?? {}).map(
  ([params, { ours, theirs }]) =>
    `${params} params: package ${ours.map(formatTime).join(", ")}; Ajv standalone ${theirs.map(formatTime).join(", ")}; package ÷ Ajv in each process ${ours.map((o, i) => ratioCell(o, theirs[i])).join(", ")}`,
);
if (perProcessLines.length) console.log(`workerd validation, per process (process order):\n${perProcessLines.map((l) => `  ${l}`).join("\n")}`);

if (only || quick) {
  console.log(`bench: ${only ? "--only" : "--quick"} run, BENCHMARKS.md not written`);
  process.exit(0);
}

// ---- BENCHMARKS.md ---------------------------------------------------------------------------

const perCall = rows.find((r) => r.group === "Per call");
const v = notes.validation;
const sizeNotes = notes.size;
const ours = notes.sizeOurs;
const topSdk = Object.entries(sizeNotes.sdkCoreByPackage)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 8)
  .map(([name, bytes]) => `${name} ${formatBytes(bytes)}`)
  .join(", ");

const generated = `# Benchmarks

Written by \`npm run bench\` (\`node bench/run.mjs\`) on ${info.date}. Every row compares the
package with what a user would pick instead, **measured in the same process run**, round after
round with the order alternating; cells are the median per call and, in brackets, the p25–p75
spread over the rounds (sizes are exact). The last column is package ÷ alternative: **below 1
the package is faster or smaller**, above 1 it is slower or bigger. How each figure is taken:
[bench/README.md](bench/README.md).

| machine | |
|---|---|
| CPU | ${info.cpu}, ${info.cores} cores |
| memory | ${info.memory} |
| OS | ${info.os} |
| Node | ${info.node} |
| Rust | ${info.rustc} |
| compared | Ajv ${info.versions.ajv}, @huaweicloud/huaweicloud-sdk-core ${info.versions["@huaweicloud/huaweicloud-sdk-core"]}, workerd ${info.versions.workerd} (Miniflare ${info.versions.miniflare}), esbuild ${info.versions.esbuild} |
| load average | ${info.loadavg} at start, ${info.loadavgEnd} at the end (2 cores: above ~1 the figures are noisy) |

## Results

${table}

## What each row compares

**Validation (rows "Validation").** \`validateStartDeployTask(input)\` against Ajv ${info.versions.ajv} with
[bench/start-deploy-task-input.schema.json](bench/start-deploy-task-input.schema.json) (R1–R9
written as JSON Schema for the *JavaScript API shape*: \`taskId\`, \`params\`, \`recordId\`,
\`triggerSource\`), compiled once with \`allErrors: true, unicode: false\`. Both return every
issue. The corpus (bench/corpus.mjs) holds bodies of 3, 50 and 500 parameters whose values cycle
through 8192, 32, 512 and 4096 UTF-16 units (ASCII, Chinese and an emoji), valid and invalid
(task id and record id broken, one parameter in ten broken in one of eight ways). Before timing,
the bench checks that both report the same number of issues on every body:
${v.cases.map((c) => `${c.name}: ${c.issues}`).join("; ")}.

What differs between the two:
- *Lengths*: the spec's reading counts UTF-16 code units. Ajv's default (\`unicode: true\`)
  counts code points; with \`unicode: false\` (as here; Ajv 8 prints a deprecation warning but
  honours it) it uses \`.length\`, the same as the package. Checked: 4097 emoji (8194 units) in a
  value fail R8 in the package ${v.edge.package ? "✗" : "✓"}, in Ajv with \`unicode: false\` ${v.edge.ajvUtf16 ? "✗" : "✓"}, and
  **pass** Ajv's default ${v.edge.ajvDefault ? "✓" : "✗"}.
- *Messages*: the package's issues carry a path array, a stable code, the rule id and an English
  or Chinese message naming the field (never the value) and, for unknown fields, the nearest known
  name. Ajv returns JSON-Pointer \`instancePath\`s, keyword names and English messages; an unknown
  field is reported on its parent (\`params.additionalProperty\`), a charset error without the
  offending character's position.
- *Semantics the schema cannot say*: \`null\` as "absent" for a required field (the package says
  \`required\`, Ajv \`type\`); values JSON cannot hold (functions, \`NaN\`, unpaired surrogates) are
  judged by the package and not by JSON Schema. The package also returns the typed input it
  validated; Ajv returns a boolean.
- *Where Ajv cannot run*: Ajv's \`compile\` generates code with \`new Function\`. In workerd it
  throws: \`${notes.workerd?.ajvRuntime?.name}: ${notes.workerd?.ajvRuntime?.message}\` (measured in this run, bench/workers/ajv-runtime.js).
  The same holds on a page whose Content-Security-Policy lacks \`'unsafe-eval'\`; in Node under
  \`--disallow-code-generation-from-strings\` (the same V8 switch) this run got: package
  ${notes.withoutEval?.package}; Ajv ${notes.withoutEval?.ajv}. Ajv's way out is
  *standalone* code generated at build time (it ran in workerd in this run: ${notes.workerd?.ajvStandalone?.valid === true ? "yes" : "no"}), which is what the
  "Validation in workerd" rows compare with. The package needs \`'wasm-unsafe-eval'\` under a
  strict CSP instead (WebAssembly compilation), which CSP allows separately from \`'unsafe-eval'\`.
- Ajv's schema compilation (paid once per process or isolate): ${timeCell(notes.ajvCompile)}.

**Signing.** \`signRequest(request, credentials, { sdkDate, includeHost: true })\` against the
official Node SDK core's \`AKSKSigner.sign\` (the signer its HTTP client calls), on the same
request: a small body and one of about 64 KiB. Both start from the same JS object and end with the
headers to send; the SDK's signer hashes \`JSON.stringify(request.data)\` itself, so the package's
side includes \`JSON.stringify\` too. Same Authorization for the same date, checked first:
${notes.signing.map((s) => `${s.name} ✓`).join(", ")}.

**Per call.** \`client.startDeployTask(input)\` (token auth) against a hand-written \`fetch\` with
\`JSON.stringify\`, the token header and \`res.json()\`, ${perCall ? "2,000 calls each" : ""} on loopback
against the local service running in a child process (tests/service/cli.mjs), interleaved in
blocks of 200; cells are per-call latency over all calls. The package's overhead per call:
**${perCall ? formatTime(perCall.ours.median - perCall.theirs.median) : "—"}** (difference of medians); it validates the input, applies the
retry/timeout/abort policy (an AbortController and a timer per call), reads the body with a size
limit and classifies the answer into a typed record or error.

**Cold start (Node).** Fresh \`node\` processes, interleaved, each importing one thing and making
one first call (bench/suites/coldstart-child.mjs); "import" is measured inside the process (for
the package: read, compile and instantiate the .wasm, as the Node entry \`pkg/node.js\` does at
import), "whole process" from the parent (spawn → exit).

**Cold start and validation in workerd.** Through Miniflare, in this same run. Start-up: a fresh
workerd with the package's Worker (bundled with esbuild under the \`workerd\` condition, .wasm
imported precompiled) to its first answer, against a bare Worker. Validation: inside one running
Worker, the time of a request validating N times minus one validating 0 times, divided by N (a
Worker's clock does not move while it computes, so timing is from outside). Each engine settles
at one of two speeds for a whole isolate, so these rows are taken over ${notes.workerd?.validationPerProcess?.[50]?.ours.length} fresh
workerd processes, each running a Worker of each side per parameter count (which side is timed
first alternates between processes); a cell is the median of the per-process figures and their
p25–p75 across processes.
Per process, in order:
${perProcessLines.map((l) => `- ${l}.`).join("\n")}

**Size.** The package's runtime files are those reachable from the \`browser\`, \`node\` and
\`workerd\` entries (bench/lib/runtime-files.mjs, also used by tests/js/size-budget.test.mjs),
each compressed on its own (gzip level 9, brotli quality 11). The SDK core "for the same job" is
bench/bundles/sdk-core-job.mjs (HcClient + BasicCredentials, AK/SK, one request), bundled for
Node by esbuild, minified; it and the signer-only bundle each started a deployment on the local
service in this run (${sizeNotes.sdkJobs.sdkCore === 200 && sizeNotes.sdkJobs.sdkSigner ? "both succeeded" : "check failed"}). Its biggest parts: ${topSdk}.
The SDK core 3.1.211 cannot use its own \`ClientBuilder\` as installed: it requires \`uuid\`,
which its package.json does not declare ("Cannot find module 'uuid'"); the bundle builds the
HcClient as ClientBuilder does, minus that. Both SDK routes run on Node only (they use
\`node:crypto\`, \`url\`, and the core also \`fs\` and axios' Node adapter); the package's files are
the same in browsers, Node and Workers.

The full-client row is what an app that starts deployments ships, as issue 10's target defines
it: bench/bundles/full-client.mjs (the client, validation and signing from the main entry)
bundled by esbuild with the \`browser\` condition, minified, plus every .wasm the bundled files
load by URL; in this run: ${appBundleNote(sizeNotes.appBundles)}.

The package's runtime files, per file:

| file | raw | gzip | brotli |
|---|---:|---:|---:|
${ours.files.map((f) => `| ${f.file} | ${f.raw} | ${f.gzip} | ${f.brotli} |`).join("\n")}
| **total** | **${ours.total.raw}** | **${ours.total.gzip}** | **${ours.total.brotli}** |

Per runtime (one entry each): ${Object.entries(ours.perRuntime).map(([r, s]) => `${r} ${s.gzip} B gzip`).join(", ")}.
Budget (size-budget.json, checked by the test command): ${JSON.parse(readFileSync(join(ROOT, "size-budget.json"), "utf8")).gzipBytes} B gzip.
`;

const path = join(ROOT, "BENCHMARKS.md");
const previous = existsSync(path) ? readFileSync(path, "utf8") : "";
const kept = previous.includes(MARKER)
  ? previous.slice(previous.indexOf(MARKER))
  : `${MARKER}\n\n## Where the bytes and time go\n\n(hand-written analysis goes here)\n`;
writeFileSync(path, `${generated}\n${kept}`);
console.log("bench: wrote BENCHMARKS.md");

/** The app bundles' JS and .wasm gzip bytes, for the size paragraph. */
function appBundleNote(bundles) {
  const one = (name, b) => (b ? `${name} ${b.gzip.toLocaleString("en-US")} B gzip (JS ${b.js.gzip.toLocaleString("en-US")} + ${b.wasmFiles.join(", ")})` : `${name}: no such entry in this build`);
  return one("full client", bundles?.fullClient);
}

// Where validation time goes, on the bench corpus: the JS → wasm crossing and walk, the rules,
// building the issues, returning them to JS; and a prototyped JSON-string path. Loads the
// profiling build of bench/profile/build.mjs (the crate plus bench/profile/prototype.rs, names
// kept), times each part with the bench's harness, then takes a V8 CPU profile of the object
// path on the 500-parameter body and lists the hottest functions (wasm ones by name).
//
// Usage: node bench/profile/build.mjs && node bench/profile/validation.mjs
import { readFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { fileURLToPath } from "node:url";
import { validationInput } from "../corpus.mjs";
import { compareSync, formatTime, settings } from "../lib/measure.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const pkg = `${root}target/bench-profile/pkg/`;
const glue = await import(`${pkg}codearts_deploy_wasm.js`);
glue.initSync({ module: readFileSync(`${pkg}codearts_deploy_wasm_bg.wasm`) });
settings.rounds = Number(process.env.BENCH_ROUNDS ?? 9);

const time = (fn) => compareSync(fn, null).ours.median;

/** Splits one input's validation into parts; every figure is ms per call. */
function parts(input) {
  const json = JSON.stringify(input);
  glue.benchHold(input);
  glue.benchHoldIssues();
  const issues = glue.validateStartDeployTask(input).issues.length;
  if (glue.validateJson(json).issues.length !== issues) throw new Error("JSON path disagrees with the object path");
  const row = {
    issues,
    full: time(() => glue.validateStartDeployTask(input)),
    walk: time(() => glue.benchWalk(input)),
    walkRules: time(() => glue.benchWalkRules(input)),
    rulesHeld: time(() => glue.benchRulesHeld()),
    issuesToJs: time(() => glue.benchIssuesToJs()),
    walkNoCopy: time(() => glue.benchWalkNoCopy(input)),
    valueChecks: time(() => glue.benchValueChecksHeld()),
    valueChecksOnePass: time(() => glue.benchValueChecksOnePassHeld()),
    stringify: time(() => JSON.stringify(input)),
    passString: time(() => glue.benchPassString(json)),
    parseJson: time(() => glue.benchParseJson(json)),
    jsonPath: time(() => glue.validateJson(JSON.stringify(input))),
    jsonPathBothWays: time(() => JSON.parse(glue.validateJsonToJson(JSON.stringify(input)))),
  };
  return row;
}

/** Self time per function over a CPU profile of `fn` run for about `ms`. */
async function hottest(fn, ms = 1500) {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  const end = performance.now() + ms;
  while (performance.now() < end) fn();
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  let total = 0;
  for (const [id, n] of counts) {
    const frame = byId.get(id).callFrame;
    const name = `${frame.functionName || "(anonymous)"}${frame.url.endsWith(".wasm") || frame.url.startsWith("wasm") ? " [wasm]" : ""}`;
    self.set(name, (self.get(name) ?? 0) + n);
    total += n;
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 22)
    .map(([name, n]) => ({ name: name.replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]{16}\]/g, ""), share: n / total }));
}

const cases = [
  ["3 params, valid", validationInput(3, true)],
  ["500 params, valid", validationInput(500, true)],
  ["500 params, invalid", validationInput(500, false)],
];
const f = formatTime;
console.log("# Validation profile (profiling build, names kept)\n");
console.log("| part | " + cases.map(([n]) => n).join(" | ") + " |");
console.log("|---|" + cases.map(() => "---:").join("|") + "|");
const results = cases.map(([, input]) => parts(input));
const line = (label, pick) => console.log(`| ${label} | ${results.map((r) => pick(r)).join(" | ")} |`);
line("issues", (r) => r.issues);
line("**validateStartDeployTask (object path, all of it)**", (r) => `**${f(r.full)}**`);
line("crossing + walk into `serde_json::Value` (`benchWalk`)", (r) => f(r.walk));
line("rules + issues on a held `Value` (no crossing)", (r) => f(r.rulesHeld));
line("… of which the R8 value checks (`utf16_len` + 3× `contains`)", (r) => f(r.valueChecks));
line("… the same checks in one byte pass (prototype)", (r) => f(r.valueChecksOnePass));
line("issues → JS result object (`to_js`)", (r) => f(r.issuesToJs));
line("walk that never copies values: R8 on the JS string (prototype)", (r) => f(r.walkNoCopy));
line("walk + rules + issues, no result conversion", (r) => f(r.walkRules));
line("`JSON.stringify(input)` in JS", (r) => f(r.stringify));
line("pass that JSON string into wasm (copy only)", (r) => f(r.passString));
line("pass + `serde_json::from_str::<Value>`", (r) => f(r.parseJson));
line("**JSON-string path** (`stringify` → `from_str` → rules → `to_js`)", (r) => `**${f(r.jsonPath)}**`);
line("JSON-string path both ways (result as JSON → `JSON.parse`)", (r) => f(r.jsonPathBothWays));

const big = cases[1][1];
console.log("\n## Hottest functions, object path, 500 params valid (self time)\n");
console.log("| function | self time |\n|---|---:|");
for (const { name, share } of await hottest(() => glue.validateStartDeployTask(big))) {
  console.log(`| \`${name.slice(0, 110)}\` | ${(share * 100).toFixed(1)}% |`);
}

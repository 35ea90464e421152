// Where the per-call time of client.startDeployTask goes: a V8 CPU profile of 2,000 calls
// against the local service (in a child process), with the profiling build's function names,
// next to the same profile of the hand-written fetch. Lists self time by function, both JS and
// wasm, and the split between JS glue, wasm and Node's own fetch (undici) code.
//
// Usage: node bench/profile/build.mjs && node bench/profile/client.mjs
import { readFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { fileURLToPath } from "node:url";
import { startServiceProcess } from "../suites/overhead.mjs";
import { TASK_ID } from "../corpus.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const pkg = `${root}target/bench-profile/pkg/`;
const glue = await import(`${pkg}codearts_deploy_wasm.js`);
glue.initSync({ module: readFileSync(`${pkg}codearts_deploy_wasm_bg.wasm`) });

const input = { taskId: TASK_ID, params: [{ key: "env", value: "prod", type: "text" }], triggerSource: "0" };
const service = await startServiceProcess();

async function profile(label, call, calls = 2000) {
  for (let i = 0; i < 200; i++) await call();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  const start = performance.now();
  for (let i = 0; i < calls; i++) await call();
  const elapsed = performance.now() - start;
  const { profile: p } = await session.post("Profiler.stop");
  session.disconnect();
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const kinds = new Map();
  let total = 0;
  for (const id of p.samples) {
    const { functionName, url } = byId.get(id).callFrame;
    const kind = url.endsWith("codearts_deploy_wasm.js") || url.endsWith("errors.js")
      ? "package JS glue"
      : url.startsWith("wasm:") || /::|^<|dlmalloc/.test(functionName)
        ? "wasm"
        : url.startsWith("node:") || url === ""
          ? functionName === "(idle)" || functionName === "(program)" || functionName === "(garbage collector)"
            ? functionName
            : "Node internals (undici fetch, streams, timers)"
          : "other JS";
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    const name = `${functionName || "(anonymous)"} ${kind === "wasm" ? "[wasm]" : url.replace(/^.*\//, "")}`;
    self.set(name, (self.get(name) ?? 0) + 1);
    total++;
  }
  const ms = (n) => ((n / total) * elapsed / calls * 1000).toFixed(1);
  console.log(`\n## ${label}: ${(elapsed / calls * 1000).toFixed(0)} µs per call\n`);
  console.log("| where | µs per call |\n|---|---:|");
  for (const [kind, n] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`| ${kind} | ${ms(n)} |`);
  console.log("\n| function (self) | µs per call |\n|---|---:|");
  for (const [name, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 18)) {
    console.log(`| \`${name.replace(/::h[0-9a-f]{16}/, "").replace(/\[[0-9a-f]{16}\]/g, "").slice(0, 100)}\` | ${ms(n)} |`);
  }
}

try {
  const client = new glue.CodeArtsDeployClient({ endpoint: service.url, token: "bench-token" });
  const url = `${service.url}/v2/tasks/${TASK_ID}/start`;
  await profile("client.startDeployTask", () => client.startDeployTask(input));
  await profile("hand-written fetch", async () => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Auth-Token": "bench-token" },
      body: JSON.stringify({ params: input.params, trigger_source: "0" }),
    });
    await res.json();
  });
} finally {
  await service.stop();
}

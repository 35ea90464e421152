// Load: 1,000 concurrent startDeployTask calls from one Node process and from one workerd
// Worker against the local service (all succeed; the service counts exactly 1,000 starts); then
// 100,000 sequential validations and 10,000 calls in one module instance with the WebAssembly
// memory read along the way: it must settle (no growth from the second half to the end), not
// grow with the count. The figures are printed as test diagnostics. The whole file stays well
// under a minute on 2 cores.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { CodeArtsDeployClient, validateStartDeployTask } from "codearts-deploy-wasm";
import { startService, DEFAULT_TOKEN, SPEC_EXAMPLE_TASK_ID } from "../service/service.mjs";
import { bundleWorker, startWorker } from "./helpers/worker.mjs";
import { wasmMemoryBytes, mib } from "./helpers/wasm-memory.mjs";

const CONCURRENT = 1000;
const VALIDATIONS = 100_000;
const CALLS = 10_000;
const BATCH = 100;
/** Growth allowed from the halfway reading to the end: one 64 KiB page of slack for allocator jitter. */
const SETTLED_BYTES = 64 * 1024;

let service;
before(async () => {
  service = await startService({ anyTask: true });
});
after(() => service.close());
beforeEach(() => service.reset());

const newTaskId = () => randomBytes(16).toString("hex");

test(`${CONCURRENT} concurrent calls from one Node process all succeed; the service counts ${CONCURRENT} starts`, { timeout: 90_000 }, async (t) => {
  const client = new CodeArtsDeployClient({ endpoint: service.url, token: DEFAULT_TOKEN, timeoutMs: 60_000 });
  const taskIds = Array.from({ length: CONCURRENT }, newTaskId);
  const started = performance.now();
  const results = await Promise.allSettled(taskIds.map((taskId) => client.startDeployTask({ taskId, triggerSource: "0" })));
  const ms = performance.now() - started;
  const failed = results.filter((r) => r.status === "rejected");
  assert.equal(failed.length, 0, failed.slice(0, 3).map((r) => String(r.reason)).join("\n"));
  results.forEach((r, i) => assert.equal(r.value.taskId, taskIds[i]));
  const stats = service.stats();
  assert.equal(stats.starts, CONCURRENT);
  assert.equal(stats.requests, CONCURRENT);
  assert.equal(Object.keys(stats.startsByTask).length, CONCURRENT);
  t.diagnostic(`node: ${CONCURRENT} concurrent calls held, ${stats.starts} starts counted, ${Math.round(ms)} ms`);
});

test(`${CONCURRENT} concurrent calls from one workerd Worker all succeed; the service counts ${CONCURRENT} starts`, { timeout: 90_000 }, async (t) => {
  const bundle = await bundleWorker(fileURLToPath(new URL("../workerd/load-worker.js", import.meta.url)));
  const mf = await startWorker(bundle);
  try {
    const response = await mf.dispatchFetch("http://worker/load", {
      method: "POST",
      body: JSON.stringify({ endpoint: service.url, token: DEFAULT_TOKEN, count: CONCURRENT }),
    });
    const result = await response.json();
    assert.equal(result.failed, 0, result.errors.join("\n"));
    assert.equal(result.succeeded, CONCURRENT);
    const stats = service.stats();
    assert.equal(stats.starts, CONCURRENT);
    assert.equal(stats.requests, CONCURRENT);
    t.diagnostic(`workerd: ${CONCURRENT} concurrent calls held, ${stats.starts} starts counted, ${result.ms} ms, wasm memory ${mib(result.wasmMemoryBytes)}`);
  } finally {
    await mf.dispose();
    bundle.dispose();
  }
});

/** Inputs of every kind: valid, invalid in many ways, hostile. */
function validationInputs() {
  const deep = {};
  let cursor = deep;
  for (let i = 0; i < 1000; i++) cursor = cursor.next = {};
  const cyclic = { taskId: SPEC_EXAMPLE_TASK_ID };
  cyclic.params = [cyclic];
  return [
    { taskId: SPEC_EXAMPLE_TASK_ID, params: [{ key: "env", value: "prod", type: "text" }], triggerSource: 0 },
    { taskId: "x", params: [{ key: "", value: "{{ x }}", type: "?" }], trigger_source: 0 },
    { taskId: SPEC_EXAMPLE_TASK_ID, params: Array.from({ length: 200 }, (_, i) => ({ key: `k${i}`, value: "v".repeat(100), type: "text" })) },
    { taskId: SPEC_EXAMPLE_TASK_ID, params: [{ key: "pw", value: "a\uD800b", type: "encrypt" }] },
    { taskId: 1n, params: deep, recordId: Symbol("r"), triggerSource: () => 1 },
    new Proxy({}, { ownKeys() { throw new Error("boom"); } }),
    cyclic,
    "not an object",
  ];
}

test(`${VALIDATIONS} sequential validations in one instance: the wasm memory settles`, { timeout: 90_000 }, (t) => {
  const inputs = validationInputs();
  const run = (n) => {
    for (let i = 0; i < n; i++) validateStartDeployTask(inputs[i % inputs.length], i % 2 ? { locale: "zh-CN" } : undefined);
  };
  run(1000); // warm up: the first calls size the allocator
  const cold = wasmMemoryBytes();
  const started = performance.now();
  run(VALIDATIONS / 2);
  const half = wasmMemoryBytes();
  run(VALIDATIONS / 2);
  const end = wasmMemoryBytes();
  const ms = performance.now() - started;
  t.diagnostic(`validations: ${VALIDATIONS} in ${Math.round(ms)} ms; wasm memory ${mib(cold)} after warm-up, ${mib(half)} at ${VALIDATIONS / 2}, ${mib(end)} at ${VALIDATIONS}`);
  assert.ok(end - half <= SETTLED_BYTES, `memory grew by ${end - half} bytes in the second half`);
  assert.equal(validateStartDeployTask(inputs[0]).ok, true);
});

test(`${CALLS} calls in one instance (successes and failures): the wasm memory settles`, { timeout: 90_000 }, async (t) => {
  const good = new CodeArtsDeployClient({ endpoint: service.url, token: DEFAULT_TOKEN });
  const clients = [
    good,
    good,
    good,
    new CodeArtsDeployClient({ endpoint: service.url, token: "wrong-token" }),
    new CodeArtsDeployClient({ endpoint: `${service.url}/__fault/503`, token: DEFAULT_TOKEN }),
    new CodeArtsDeployClient({ endpoint: `${service.url}/__fault/nonjson200`, token: DEFAULT_TOKEN }),
    new CodeArtsDeployClient({ endpoint: `${service.url}/__fault/failed200`, token: DEFAULT_TOKEN }),
    good,
  ];
  let succeeded = 0;
  let failed = 0;
  const run = async (n) => {
    for (let done = 0; done < n; done += BATCH) {
      const batch = Array.from({ length: BATCH }, (_, i) => {
        const k = done + i;
        const taskId = k % 50 === 0 ? "bad id" : newTaskId();
        return clients[k % clients.length].startDeployTask({ taskId, params: [{ key: "pw", value: "s3cret", type: "encrypt" }] });
      });
      for (const r of await Promise.allSettled(batch)) r.status === "fulfilled" ? succeeded++ : failed++;
    }
  };
  await run(1000); // warm up
  const cold = wasmMemoryBytes();
  const started = performance.now();
  await run(CALLS / 2);
  const half = wasmMemoryBytes();
  await run(CALLS / 2);
  const end = wasmMemoryBytes();
  const ms = performance.now() - started;
  t.diagnostic(`calls: ${CALLS} in ${Math.round(ms)} ms (${BATCH} at a time; ${succeeded} succeeded, ${failed} failed as intended, warm-up included); wasm memory ${mib(cold)} after warm-up, ${mib(half)} at ${CALLS / 2}, ${mib(end)} at ${CALLS}`);
  assert.ok(end - half <= SETTLED_BYTES, `memory grew by ${end - half} bytes in the second half`);
  assert.ok(succeeded > CALLS / 2);
  const record = await good.startDeployTask({ taskId: newTaskId() });
  assert.match(record.id, /^[0-9a-f]{32}$/);
});

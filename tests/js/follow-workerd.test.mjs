// Following a run inside workerd (Miniflare): a Worker bundled under the `workerd` condition
// follows runs on the local service to `succeeded` and to `failed` with progress seen, reads a
// run's status and parameters, rejects a 200 that reports an error, stops at once when aborted,
// and reconciles a start whose answer was lost (the service's start count as proof).
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { bundleWorker, startWorker } from "./helpers/worker.mjs";
import { startLossyGateway } from "./helpers/lossy-gateway.mjs";
import { startService, DEFAULT_TOKEN, SPEC_EXAMPLE_TASK_ID as TASK, FAILING_TASK_ID } from "../service/service.mjs";

let service, mf, bundle;

before(async () => {
  // Runs end after 50 ms of the service clock; the Worker polls every few ms until they do.
  service = await startService({ anyTask: true, runningMs: 50 });
  bundle = await bundleWorker(fileURLToPath(new URL("../workerd/follow-worker.js", import.meta.url)));
  mf = await startWorker(bundle);
});

after(async () => {
  await mf?.dispose();
  await service?.close();
  bundle?.dispose();
});

beforeEach(() => service.reset());

const config = (extra = {}) => ({ endpoint: service.url, token: DEFAULT_TOKEN, ...extra });
const call = async (action, body) =>
  (await mf.dispatchFetch(`http://worker/${action}`, { method: "POST", body: JSON.stringify(body) })).json();
const wait = { intervalMs: 5, maxIntervalMs: 20, timeoutMs: 60_000 };

test("in a Worker, waitForDeployment follows a run to succeeded with progress seen", async () => {
  const { ok, result, error } = await call("follow", { config: config(), taskId: TASK, wait });
  assert.equal(ok, true, JSON.stringify(error));
  assert.equal(result.final.status, "succeeded");
  assert.equal(result.final.recordId, result.record.id);
  assert.equal(result.progress.at(0), "running");
  assert.equal(result.progress.at(-1), "succeeded");
  assert.equal(result.final.$metadata.attempts, result.progress.length);
  assert.equal(service.stats().statusRequests, result.progress.length);
});

test("in a Worker, waitForDeployment follows a failing run to failed", async () => {
  const { ok, result } = await call("follow", { config: config(), taskId: FAILING_TASK_ID, wait });
  assert.equal(ok, true);
  assert.equal(result.final.status, "failed");
  assert.equal(result.progress.at(-1), "failed");
});

test("in a Worker, getDeployStatus and getExecutionParams read a run; a 200 with status error is a DeployApiError", async () => {
  const started = await call("start", { config: config(), taskId: TASK });
  const ids = { taskId: TASK, recordId: started.result.id };
  const status = await call("status", { config: config(), ids });
  assert.equal(status.result.recordId, ids.recordId);
  assert.equal(status.result.taskId, TASK);
  const params = await call("params", { config: config(), ids });
  assert.deepEqual(params.result, []);
  const refused = await call("status", { config: config({ endpoint: `${service.url}/__fault/error200` }), ids });
  assert.equal(refused.error.name, "DeployApiError");
  assert.equal(refused.error.errorCode, "Deploy.00021534");
  assert.equal(refused.error.status, 200);
  const invalid = await call("status", { config: config(), ids: { taskId: "short" } });
  assert.equal(invalid.error.name, "ValidationError");
  assert.equal(service.stats().statusRequests, 2);
});

test("in a Worker, aborting a wait rejects with AbortError at once and sends no further request", async () => {
  // A service whose runs stay running: the wait can only end by the abort.
  const slow = await startService({ anyTask: true, runningMs: 600_000 });
  try {
    const slowConfig = config({ endpoint: slow.url });
    const started = await call("start", { config: slowConfig, taskId: TASK });
    // The wait pauses ten minutes between polls: only a prompt abort answers this request.
    const { result } = await call("abort", { config: slowConfig, run: started.result });
    assert.equal(result.error.name, "AbortError");
    assert.equal(result.reason, "stop following");
    assert.equal(result.polls, 1);
    assert.equal(slow.stats().statusRequests, 1);
  } finally {
    await slow.close();
  }
});

test("in a Worker, reconcile resolves a start whose answer was lost with that run (1 start)", async () => {
  const gateway = await startLossyGateway(service.url, { mode: "lose-answer" });
  try {
    const taskId = randomBytes(16).toString("hex");
    const { ok, result, error } = await call("start", { config: config({ endpoint: gateway.url, reconcile: true }), taskId });
    assert.equal(ok, true, JSON.stringify(error));
    assert.equal(result.reconciled, true);
    assert.equal(service.stats().starts, 1);
    assert.equal(service.stats().runs[result.id].taskId, taskId);
    assert.equal(gateway.starts(), 1);
  } finally {
    await gateway.close();
  }
});

test("in a Worker, reconcile sends again a start lost before the service (1 start); without it, no retry", async () => {
  for (const reconcile of [true, false]) {
    service.reset();
    const gateway = await startLossyGateway(service.url, { mode: "drop" });
    try {
      const taskId = randomBytes(16).toString("hex");
      const answer = await call("start", { config: config({ endpoint: gateway.url, reconcile }), taskId });
      if (reconcile) {
        assert.equal(answer.ok, true, JSON.stringify(answer.error));
        assert.equal(service.stats().starts, 1);
        assert.equal(gateway.starts(), 2);
      } else {
        assert.equal(answer.error.name, "NetworkError");
        assert.equal(service.stats().starts, 0);
        assert.equal(gateway.starts(), 1);
      }
    } finally {
      await gateway.close();
    }
  }
});

test("in a Worker, without reconcile a lost answer is not retried (at most 1 start)", async () => {
  const gateway = await startLossyGateway(service.url, { mode: "lose-answer" });
  try {
    const answer = await call("start", { config: config({ endpoint: gateway.url }), taskId: randomBytes(16).toString("hex") });
    assert.equal(answer.error.name, "NetworkError");
    assert.equal(service.stats().starts, 1);
    assert.equal(gateway.starts(), 1);
  } finally {
    await gateway.close();
  }
});

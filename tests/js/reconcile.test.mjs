// Reconciling an uncertain start (config `reconcile: true`), in Node, under each fault mode that
// may or may not have started a deployment. A lossy gateway in front of the local service
// spoils the first start only; the service's own count of started deployments is the proof
// that no call ever starts two.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { CodeArtsDeployClient } from "codearts-deploy-wasm";
import { startService, DEFAULT_TOKEN } from "../service/service.mjs";
import { startLossyGateway } from "./helpers/lossy-gateway.mjs";

let service;
before(async () => {
  service = await startService({ anyTask: true });
});
after(() => service.close());
beforeEach(() => service.reset());

const newTaskId = () => randomBytes(16).toString("hex");

/** Starts one deployment through a gateway that spoils the first start with `mode`. */
async function startThrough(mode, { reconcile, timeoutMs = 2000, retry, previousRun = false } = {}) {
  const gateway = await startLossyGateway(service.url, { mode });
  const taskId = newTaskId();
  try {
    let previous = null;
    if (previousRun) {
      previous = await new CodeArtsDeployClient({ endpoint: service.url, token: DEFAULT_TOKEN }).startDeployTask({ taskId });
    }
    const before = service.stats().startsByTask[taskId] ?? 0;
    const client = new CodeArtsDeployClient({ endpoint: gateway.url, token: DEFAULT_TOKEN, timeoutMs, reconcile, retry });
    const outcome = await client.startDeployTask({ taskId }).then(
      (record) => ({ record }),
      (error) => ({ error }),
    );
    const starts = (service.stats().startsByTask[taskId] ?? 0) - before;
    return { ...outcome, starts, sent: gateway.starts(), taskId, previous };
  } finally {
    await gateway.close();
  }
}

/** Faults after which the service has started the deployment and its answer is lost. */
const STARTED = [
  { mode: "lose-answer", error: "NetworkError" },
  { mode: "truncated", error: "ResponseFormatError" },
  { mode: "nonjson200", error: "ResponseFormatError" },
  { mode: "trickle=50", error: "TimeoutError", timeoutMs: 800 },
];
/** Faults that lose the start before the service acts on it (the service counts no start). */
const NOT_STARTED = [
  { mode: "drop", error: "NetworkError" },
  { mode: "503", error: "DeployApiError" },
  { mode: "empty502", error: "DeployApiError" },
];

for (const { mode, timeoutMs } of STARTED) {
  for (const previousRun of [false, true]) {
    test(`reconcile: ${mode} after the service started it resolves with that run (1 start)${previousRun ? ", past an earlier run" : ""}`, { timeout: 20_000 }, async () => {
      const { record, error, starts, sent, taskId, previous } = await startThrough(mode, { reconcile: true, timeoutMs, previousRun });
      assert.equal(error, undefined, String(error));
      assert.equal(starts, 1);
      assert.equal(sent, 1, "the start was not sent again");
      assert.equal(record.reconciled, true);
      assert.equal(record.taskId, taskId);
      assert.ok(service.stats().runs[record.id], "the record is the service's run");
      assert.equal(service.stats().runs[record.id].taskId, taskId);
      if (previous) assert.notEqual(record.id, previous.id);
    });
  }
}

for (const { mode } of NOT_STARTED) {
  test(`reconcile: ${mode} before the service acted is sent again (1 start)`, { timeout: 20_000 }, async () => {
    const { record, error, starts, sent } = await startThrough(mode, { reconcile: true, previousRun: mode === "drop" });
    assert.equal(error, undefined, String(error));
    assert.equal(starts, 1);
    assert.equal(sent, 2);
    assert.equal(record.reconciled, undefined, "the second start answered for itself");
    assert.match(record.id, /^[0-9a-f]{32}$/);
  });
}

for (const { mode, error: className, timeoutMs } of [...STARTED, ...NOT_STARTED]) {
  test(`without reconcile: ${mode} is not retried (${className}, at most 1 start)`, { timeout: 20_000 }, async () => {
    const { error, starts, sent } = await startThrough(mode, { reconcile: false, timeoutMs });
    assert.equal(error?.name, className, String(error));
    assert.ok(starts <= 1);
    assert.equal(sent, 1);
  });
}

test("reconcile: a start that timed out before the service acted rejects saying it did not start", { timeout: 20_000 }, async () => {
  const { error, starts, sent } = await startThrough("delay=600000", { reconcile: true, timeoutMs: 300 });
  assert.equal(error?.name, "TimeoutError", String(error));
  assert.match(error.message, /started no deployment/);
  assert.equal(error.mayHaveStarted, false);
  assert.equal(starts, 0);
  assert.equal(sent, 1, "no time was left to send it again");
});

test("reconcile: attempts are never exceeded when every start is lost before the service", { timeout: 20_000 }, async () => {
  const gateway = await startLossyGateway(service.url, { mode: "drop", times: 10 });
  try {
    const client = new CodeArtsDeployClient({ endpoint: gateway.url, token: DEFAULT_TOKEN, reconcile: true, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const error = await client.startDeployTask({ taskId: newTaskId() }).catch((e) => e);
    assert.equal(error.name, "NetworkError");
    assert.match(error.message, /started no deployment/);
    assert.equal(error.mayHaveStarted, false);
    assert.equal(gateway.starts(), 2);
    assert.equal(service.stats().starts, 0);
  } finally {
    await gateway.close();
  }
});

test("reconcile wins over opted-in blind retries: a lost answer is never sent twice", { timeout: 20_000 }, async () => {
  const retry = { networkErrors: true, serverErrors: true, baseDelayMs: 1 };
  const { record, starts, sent } = await startThrough("lose-answer", { reconcile: true, retry });
  assert.equal(record.reconciled, true);
  assert.equal(starts, 1);
  assert.equal(sent, 1);
});

test("reconcile does not touch refusals: a 4xx or a 500 is reported at once", { timeout: 20_000 }, async () => {
  for (const mode of ["html500", "failed200"]) {
    const { error, starts, sent } = await startThrough(mode, { reconcile: true });
    assert.equal(error?.name, "DeployApiError", `${mode}: ${error}`);
    assert.equal(starts, 0);
    assert.equal(sent, 1);
  }
});

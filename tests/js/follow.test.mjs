// Following a run in Node against the local service: getDeployStatus, waitForDeployment to
// `succeeded` and to `failed` with progress seen, getExecutionParams, the 200 that reports an
// error, validation before anything is sent, retried reads, timeouts and aborts. The service's
// clock is moved by the test (no wall-clock waits decide an outcome).
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import {
  CodeArtsDeployClient,
  DeployApiError,
  ValidationError,
  ConfigError,
  TimeoutError,
  AbortError,
} from "codearts-deploy-wasm";
import {
  startService,
  DEFAULT_TOKEN,
  DEFAULT_CREDENTIALS,
  SPEC_EXAMPLE_TASK_ID as TASK,
  FAILING_TASK_ID,
} from "../service/service.mjs";

const RUNNING_MS = 1000;
const OTHER_RECORD = "0123456789abcdef0123456789abcdef";
let service;
let clock = Date.now();

before(async () => {
  service = await startService({ runningMs: RUNNING_MS, now: () => clock });
});
after(() => service.close());
beforeEach(() => service.reset());

const client = (extra = {}, endpoint = service.url) =>
  new CodeArtsDeployClient({ endpoint, token: DEFAULT_TOKEN, ...extra });

/** Moves the service clock past the end of every run started so far. */
const endRuns = () => {
  clock += RUNNING_MS + 1;
};

const params = [
  { key: "env", value: "prod", type: "text" },
  { key: "password", value: "s3cret-value", type: "encrypt" },
  { key: "region", value: "cn-north-4", type: "enum" },
];

test("waitForDeployment follows a run to succeeded, with progress seen", async () => {
  const c = client();
  const record = await c.startDeployTask({ taskId: TASK, params });
  const seen = [];
  const final = await c.waitForDeployment(record, {
    intervalMs: 1,
    onProgress(status) {
      seen.push(`${status.status}/${status.step}`);
      if (seen.length === 2) endRuns();
    },
  });
  assert.equal(final.status, "succeeded");
  assert.equal(final.step, "finish");
  assert.equal(final.recordId, record.id);
  assert.equal(final.taskId, TASK);
  assert.match(final.endTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  assert.deepEqual(seen, ["running/running", "running/running", "succeeded/finish"]);
  assert.equal(final.$metadata.attempts, 3);
  assert.equal(final.$metadata.httpStatusCode, 200);
  assert.equal(final.$metadata.requestId, final.requestId);
  assert.equal(service.stats().statusRequests, 3);
  assert.equal(service.stats().starts, 1);
});

test("waitForDeployment follows a failing run to failed: an answer, not an exception", async () => {
  const c = client();
  const record = await c.startDeployTask({ taskId: FAILING_TASK_ID });
  const seen = [];
  const final = await c.waitForDeployment(
    { taskId: record.taskId, recordId: record.id },
    { intervalMs: 1, onProgress: (s) => (seen.push(s.status), endRuns()) },
  );
  assert.equal(final.status, "failed");
  assert.deepEqual(seen, ["running", "failed"]);
});

test("getDeployStatus reads a run, and the latest run without a record id", async () => {
  const c = client();
  const first = await c.startDeployTask({ taskId: TASK });
  endRuns();
  const second = await c.startDeployTask({ taskId: TASK });
  const one = await c.getDeployStatus({ taskId: TASK, recordId: first.id });
  assert.equal(one.status, "succeeded");
  assert.equal(one.recordId, first.id);
  const latest = await c.getDeployStatus({ taskId: TASK });
  assert.equal(latest.recordId, second.id);
  assert.equal(latest.status, "running");
  assert.equal(latest.endTime, undefined, "no end time while running");
  assert.equal(latest.executor, "demo-user");
  assert.equal(latest.taskName, "task-d2dc947e");
  assert.match(latest.requestId, /^[0-9a-f]{32}$/);
  assert.equal(service.stats().lastRead.kind, "status");
});

test("getDeployStatus signs its GET with AK/SK (query included) and the service verifies it", async () => {
  const record = await client().startDeployTask({ taskId: TASK });
  const [credentials] = DEFAULT_CREDENTIALS;
  const signed = new CodeArtsDeployClient({ endpoint: service.url, ...credentials, projectId: "p1" });
  const status = await signed.getDeployStatus({ taskId: TASK, recordId: record.id });
  assert.equal(status.recordId, record.id);
  assert.equal(service.stats().lastRead.auth, "aksk");
  const wrong = new CodeArtsDeployClient({ endpoint: service.url, accessKey: credentials.accessKey, secretKey: "wrong" });
  const error = await wrong.getDeployStatus({ taskId: TASK, recordId: record.id }).catch((e) => e);
  assert.ok(error instanceof DeployApiError);
  assert.equal(error.errorCode, "APIGW.0301");
});

test("a 200 with status error rejects with a DeployApiError carrying its code", async () => {
  const record = await client().startDeployTask({ taskId: TASK });
  const faulty = client({}, `${service.url}/__fault/error200`);
  for (const read of [
    () => faulty.getDeployStatus({ taskId: TASK, recordId: record.id }),
    () => faulty.waitForDeployment(record, { intervalMs: 1 }),
    () => faulty.getExecutionParams({ taskId: TASK, recordId: record.id }),
  ]) {
    const error = await read().catch((e) => e);
    assert.ok(error instanceof DeployApiError, String(error));
    assert.equal(error.status, 200);
    assert.equal(error.errorCode, "Deploy.00021534");
    assert.equal(error.attempts, 1, "a refusal is not retried");
    assert.equal(error.mayHaveStarted, false, "a read starts nothing");
  }
});

test("unknown records, unknown tasks and a task without runs are typed errors", async () => {
  const c = client();
  const unknownRecord = await c.getDeployStatus({ taskId: TASK, recordId: OTHER_RECORD }).catch((e) => e);
  assert.equal(unknownRecord.errorCode, "Deploy.00021534");
  const noRun = await c.getDeployStatus({ taskId: TASK }).catch((e) => e);
  assert.equal(noRun.errorCode, "Deploy.00011303");
  const unknownTask = await c.getDeployStatus({ taskId: "ffffffffffffffffffffffffffffffff" }).catch((e) => e);
  assert.equal(unknownTask.errorCode, "Deploy.00011020");
  assert.equal(unknownTask.kind, "not_found");
  const waitUnknown = await c.waitForDeployment({ taskId: TASK, recordId: OTHER_RECORD }).catch((e) => e);
  assert.ok(waitUnknown instanceof DeployApiError);
  assert.equal(waitUnknown.errorCode, "Deploy.00021534");
});

test("ids and options are validated before anything is sent", async () => {
  const c = client();
  const cases = [
    [() => c.getDeployStatus({ taskId: "short" }), ValidationError, "R1"],
    [() => c.getDeployStatus({ taskId: TASK, recordId: "not-an-id" }), ValidationError, "R5"],
    [() => c.getDeployStatus({ taskId: TASK, recordID: OTHER_RECORD }), ValidationError, "shape"],
    [() => c.getDeployStatus(null), ValidationError, "shape"],
    [() => c.waitForDeployment({ taskId: TASK }), ValidationError, "R5"],
    [() => c.getExecutionParams({ taskId: TASK }), ValidationError, "R5"],
    [() => c.waitForDeployment({ taskId: TASK, recordId: OTHER_RECORD }, { intervalMs: 0 }), ConfigError],
    [() => c.waitForDeployment({ taskId: TASK, recordId: OTHER_RECORD }, { onProgress: "no" }), ConfigError],
    [() => c.waitForDeployment({ taskId: TASK, recordId: OTHER_RECORD }, { pollMs: 5 }), ConfigError],
    [() => c.getDeployStatus({ taskId: TASK }, { signal: {} }), ConfigError],
  ];
  for (const [call, Class, rule] of cases) {
    const error = await call().catch((e) => e);
    assert.ok(error instanceof Class, `${call}: ${error}`);
    assert.equal(error.mayHaveStarted, false);
    if (rule) assert.equal(error.issues[0].rule, rule, String(call));
  }
  assert.equal(service.stats().statusRequests + service.stats().paramsRequests, 0);
});

test("getExecutionParams returns the run's params in the input shape, encrypt values empty", async () => {
  const c = client();
  const record = await c.startDeployTask({ taskId: TASK, params });
  const got = await c.getExecutionParams({ taskId: TASK, recordId: record.id });
  assert.deepEqual(got, [
    { key: "env", type: "text", value: "prod" },
    { key: "password", type: "encrypt", value: "" },
    { key: "region", type: "enum", value: "cn-north-4" },
  ]);
  const bare = await c.startDeployTask({ taskId: TASK });
  assert.deepEqual(await c.getExecutionParams({ taskId: TASK, recordId: bare.id }), []);
  // "Run again with these parameters": fill the encrypt value in again and start.
  const again = got.map((p) => (p.type === "encrypt" ? { ...p, value: "s3cret-value" } : p));
  await c.startDeployTask({ taskId: TASK, params: again });
  assert.deepEqual(service.stats().lastStart.body.params.map((p) => p.key), ["env", "password", "region"]);
});

test("reads are retried on 429 and 5xx within the attempts; a 4xx is not", async () => {
  const record = await client().startDeployTask({ taskId: TASK });
  const throttled = client({}, `${service.url}/__fault/throttle=2,retry-after=0`);
  const status = await throttled.getDeployStatus({ taskId: TASK, recordId: record.id });
  assert.equal(status.$metadata.attempts, 3);
  const down = client({ retry: { maxAttempts: 2, baseDelayMs: 1 } }, `${service.url}/__fault/503`);
  const error = await down.getDeployStatus({ taskId: TASK, recordId: record.id }).catch((e) => e);
  assert.ok(error instanceof DeployApiError);
  assert.equal(error.status, 503);
  assert.equal(error.attempts, 2);
  const dropped = client({ retry: { maxAttempts: 3, baseDelayMs: 1 } }, `${service.url}/__fault/drop`);
  const lost = await dropped.getExecutionParams({ taskId: TASK, recordId: record.id }).catch((e) => e);
  assert.equal(lost.name, "NetworkError");
  assert.equal(lost.attempts, 3);
});

test("waitForDeployment polls through throttling to the end", async () => {
  const record = await client().startDeployTask({ taskId: TASK });
  endRuns();
  const throttled = client({}, `${service.url}/__fault/throttle=2,retry-after=0`);
  const final = await throttled.waitForDeployment(record, { intervalMs: 1 });
  assert.equal(final.status, "succeeded");
  assert.equal(final.$metadata.attempts, 3);
  assert.equal(service.stats().statusRequests, 3);
});

test("a wait that cannot learn the end within timeoutMs rejects with a TimeoutError", async () => {
  const record = await client().startDeployTask({ taskId: TASK });
  // The service is down for reads: every poll is a 503, retried until the wait's deadline.
  const down = client({}, `${service.url}/__fault/503`);
  const error = await down.waitForDeployment(record, { intervalMs: 1, maxIntervalMs: 5, timeoutMs: 300 }).catch((e) => e);
  assert.ok(error instanceof TimeoutError, String(error));
  assert.equal(error.timeoutMs, 300);
  assert.match(error.message, /not the deployment/);
  assert.equal(error.mayHaveStarted, false);
  assert.ok(error.attempts >= 2, `attempts ${error.attempts}`);
  assert.equal(service.stats().starts, 1);
});

/**
 * A service of the test's own: a request that an earlier test cancelled may still reach the
 * shared one after its reset, and these tests count every request.
 */
async function ownService(t) {
  const own = await startService({ runningMs: RUNNING_MS, now: () => clock });
  t.after(() => own.close());
  return own;
}

test("aborting a wait rejects with AbortError at once and sends no further request", async (t) => {
  const service = await ownService(t);
  const c = client({}, service.url);
  const record = await c.startDeployTask({ taskId: TASK });
  const controller = new AbortController();
  let abortedAt = 0;
  // A 10-minute pause between polls: only a prompt abort lets this test end before its timeout.
  const wait = c.waitForDeployment(record, {
    signal: controller.signal,
    intervalMs: 600_000,
    onProgress: () => {
      setTimeout(() => {
        abortedAt = performance.now();
        controller.abort(new Error("user left"));
      }, 0);
    },
  });
  const error = await wait.catch((e) => e);
  t.diagnostic(`rejected ${(performance.now() - abortedAt).toFixed(1)} ms after abort()`);
  assert.ok(error instanceof AbortError, String(error));
  assert.equal(error.reason.message, "user left");
  assert.equal(error.mayHaveStarted, false);
  const polls = service.stats().statusRequests;
  assert.equal(polls, 1);
  // Nothing is sent afterwards: a later look at the service still sees one poll.
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(service.stats().statusRequests, polls);
});

test("aborting during an in-flight poll cancels that request too", async (t) => {
  const service = await ownService(t);
  const record = await client({}, service.url).startDeployTask({ taskId: TASK });
  const slow = client({}, `${service.url}/__fault/delay=600000`);
  const controller = new AbortController();
  const wait = slow.waitForDeployment(record, { signal: controller.signal });
  // Abort once the poll has reached the service (it is held there for ten minutes).
  while (service.stats().statusRequests === 0) await new Promise((r) => setTimeout(r, 5));
  const abortedAt = performance.now();
  controller.abort();
  const error = await wait.catch((e) => e);
  t.diagnostic(`rejected ${(performance.now() - abortedAt).toFixed(1)} ms after abort()`);
  assert.ok(error instanceof AbortError, String(error));
  assert.equal(error.attempts, 1);
  const signal = AbortSignal.abort();
  const early = await client({}, service.url).waitForDeployment(record, { signal }).catch((e) => e);
  assert.ok(early instanceof AbortError);
  assert.equal(service.stats().statusRequests, 1, "an aborted signal sends nothing");
});

test("an onProgress that throws stops the wait with what it threw", async () => {
  const c = client();
  const record = await c.startDeployTask({ taskId: TASK });
  const thrown = new Error("render failed");
  const error = await c.waitForDeployment(record, { intervalMs: 1, onProgress: () => { throw thrown; } }).catch((e) => e);
  assert.equal(error, thrown);
  assert.equal(service.stats().statusRequests, 1);
});

test("errors of reads never show the token", async () => {
  const token = "secret-token-value-123";
  const c = new CodeArtsDeployClient({ endpoint: service.url, token });
  const error = await c.getDeployStatus({ taskId: TASK }).catch((e) => e);
  assert.equal(error.errorCode, "APIGW.0301");
  assert.ok(!JSON.stringify({ ...error, message: error.message }).includes(token));
});

/**
 * Tests of the local service's reads of a run (`GET /v2/tasks/{id}/state`,
 * `GET /v2/history/tasks/{id}/params`), over real HTTP (`node --test tests/service/`).
 * Runs advance on a clock the tests move (`now` option), so nothing waits on the wall clock.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash, createHmac } from "node:crypto";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { after, before, beforeEach, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { rawRequest } from "./raw-request.mjs";
import {
  DEFAULT_CREDENTIALS, DEFAULT_RUNNING_MS, DEFAULT_TOKEN, EXAMPLE_TASK_IDS, FAILING_TASK_ID, SPEC_EXAMPLE_TASK_ID,
  startService,
} from "./service.mjs";

const TASK = SPEC_EXAMPLE_TASK_ID;
const OTHER_TASK = EXAMPLE_TASK_IDS[0];
const UNKNOWN_RECORD = "0123456789abcdef0123456789abcdef";
const RUNNING_MS = 9000;
const T0 = Date.UTC(2025, 6, 9, 3, 36, 28); // 2025-07-09 11:36:28 in UTC+08:00
const RUN_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const CLI = fileURLToPath(new URL("./cli.mjs", import.meta.url));

/** Starts a service for one `describe` block on a clock the tests move; returns getters. */
function serviceFor(options = {}) {
  const ctx = { clock: T0, service: null };
  before(async () => {
    ctx.service = await startService({ runningMs: RUNNING_MS, now: () => ctx.clock, ...options });
  });
  beforeEach(() => {
    ctx.service.reset();
    ctx.clock = T0;
  });
  after(() => ctx.service.close());
  return ctx;
}

/** Starts a run of `taskId` with `params`; resolves its record id. */
async function startRun(base, taskId = TASK, params = undefined) {
  const res = await fetch(`${base}/v2/tasks/${taskId}/start`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-auth-token": DEFAULT_TOKEN },
    body: JSON.stringify(params === undefined ? {} : { params }),
  });
  assert.equal(res.status, 200);
  return (await res.json()).id;
}

/** GETs a read path with a token (`token: null` sends none). */
function read(base, path, { token = DEFAULT_TOKEN, prefix = "", ...init } = {}) {
  const headers = { "content-type": "application/json" };
  if (token !== null) headers["x-auth-token"] = token;
  return fetch(`${base}${prefix}${path}`, { headers, ...init });
}

const statePath = (taskId, query = "") => `/v2/tasks/${taskId}/state${query}`;
const paramsPath = (taskId, query = "") => `/v2/history/tasks/${taskId}/params${query}`;

/** Asserts a JSON error answer. */
async function assertError(res, status, code) {
  assert.equal(res.status, status);
  const body = await res.json();
  assert.equal(body.error_code, code, JSON.stringify(body));
  return body;
}

describe("GET /state", () => {
  const ctx = serviceFor();
  const url = () => ctx.service.url;

  test("reports a run running, then succeeded once its running time passed", async () => {
    const recordId = await startRun(url());
    ctx.clock = T0 + RUNNING_MS / 2;
    const res = await read(url(), statePath(TASK, `?record_id=${recordId}&step_state=true`));
    assert.equal(res.status, 200);
    assert.match(res.headers.get("x-request-id"), /^[0-9a-f]{32}$/);
    const running = await res.json();
    assert.equal(running.status, "success");
    assert.deepEqual(
      { ...running.result, step_state: undefined },
      {
        record_id: recordId, task_id: TASK, nick_name: "demo-user", executor: "demo-user", task_name: "task-d2dc947e",
        status: "running", step: "running", start_time: "2025-07-09 11:36:28", end_time: "", step_state: undefined,
      },
    );
    const steps = running.result.step_state;
    assert.equal(steps.length, 3);
    for (const [index, step] of steps.entries()) {
      assert.deepEqual(Object.keys(step).sort(),
        ["current_offset", "elapsed_time", "enable", "faq_url", "id", "name", "offset", "region"]);
      for (const value of Object.values(step)) assert.equal(typeof value, "string");
      assert.equal(step.offset, String(index));
      assert.equal(step.current_offset, "1");
    }
    assert.deepEqual(steps.map((step) => step.elapsed_time), ["3", "2", "0"]);

    ctx.clock = T0 + RUNNING_MS;
    const done = (await (await read(url(), statePath(TASK, `?record_id=${recordId}`))).json()).result;
    assert.equal(done.status, "succeeded");
    assert.equal(done.step, "finish");
    assert.equal(done.end_time, "2025-07-09 11:36:37");
    assert.match(done.start_time, RUN_TIME);
    assert.deepEqual(done.step_state.map((step) => step.elapsed_time), ["3", "3", "3"]);
    assert.deepEqual(ctx.service.stats().runs, { [recordId]: { taskId: TASK, status: "succeeded" } });
  });

  test("ends every run of FAILING_TASK_ID failed", async () => {
    const recordId = await startRun(url(), FAILING_TASK_ID);
    assert.equal((await (await read(url(), statePath(FAILING_TASK_ID, `?record_id=${recordId}`))).json()).result.status, "running");
    ctx.clock = T0 + RUNNING_MS + 1;
    const { result } = await (await read(url(), statePath(FAILING_TASK_ID, `?record_id=${recordId}`))).json();
    assert.deepEqual([result.status, result.step], ["failed", "finish"]);
    assert.match(result.end_time, RUN_TIME);
  });

  test("reads the task's latest run without record_id, and leaves out step_state when asked", async () => {
    await startRun(url());
    ctx.clock += 1000;
    const latest = await startRun(url());
    const res = await read(url(), statePath(TASK, "?step_state=false"));
    const { result } = await res.json();
    assert.equal(result.record_id, latest);
    assert.equal("step_state" in result, false);
    const plain = await (await read(url(), statePath(TASK))).json();
    assert.equal(plain.result.record_id, latest);
    assert.equal(plain.result.step_state.length, 3);
  });

  test("answers 400 Deploy.00011303 for a task that never ran", async () => {
    await assertError(await read(url(), statePath(OTHER_TASK)), 400, "Deploy.00011303");
  });

  test("answers 404 Deploy.00021534 for an unknown record and for another task's record", async () => {
    await assertError(await read(url(), statePath(TASK, `?record_id=${UNKNOWN_RECORD}`)), 404, "Deploy.00021534");
    const recordId = await startRun(url(), OTHER_TASK);
    await assertError(await read(url(), statePath(TASK, `?record_id=${recordId}`)), 404, "Deploy.00021534");
  });

  test("answers 404 Deploy.00011020 for a valid but unknown task", async () => {
    await assertError(await read(url(), statePath("ffffffffffffffffffffffffffffffff")), 404, "Deploy.00011020");
  });

  test("answers 400 Deploy.00011001 for a bad task id, record id or step_state, naming the rule", async () => {
    for (const [path, rule] of [
      [statePath("short"), "R1"],
      [statePath(TASK, "?record_id="), "R5"],
      [statePath(TASK, "?record_id=zz"), "R5"],
      [statePath(TASK, "?step_state=yes"), "step_state"],
    ]) {
      const body = await assertError(await read(url(), path), 400, "Deploy.00011001");
      assert.ok(body.error_msg.includes(rule), `${path}: ${body.error_msg}`);
    }
  });

  test("answers 401 APIGW.0301 without a valid token, before anything else", async () => {
    await assertError(await read(url(), statePath(TASK), { token: null }), 401, "APIGW.0301");
    await assertError(await read(url(), statePath("short"), { token: "wrong" }), 401, "APIGW.0301");
  });

  test("counts reads apart from starts and remembers the last one", async () => {
    await startRun(url());
    await read(url(), statePath(TASK));
    await read(url(), statePath(TASK, `?record_id=${UNKNOWN_RECORD}`));
    await read(url(), paramsPath(TASK), { token: "wrong" });
    const stats = ctx.service.stats();
    assert.deepEqual(
      [stats.requests, stats.starts, stats.rejected, stats.statusRequests, stats.paramsRequests],
      [1, 1, 0, 2, 1],
    );
    assert.equal(stats.lastRead.kind, "status");
    assert.equal(stats.lastRead.recordId, UNKNOWN_RECORD);
    assert.equal(stats.lastRead.auth, "token");
    assert.ok(stats.lastRead.headersSeen.includes("x-auth-token"));
  });

  test("answers other methods on the read paths as an unknown API", async () => {
    const res = await fetch(`${url()}${statePath(TASK)}`, { method: "POST", headers: { "x-auth-token": DEFAULT_TOKEN } });
    await assertError(res, 404, "APIGW.0101");
    assert.equal(ctx.service.stats().statusRequests, 0);
  });

  test("answers CORS preflights and lets a page read the answer", async () => {
    const preflight = await fetch(`${url()}${statePath(TASK)}`, {
      method: "OPTIONS", headers: { origin: "http://page.test", "access-control-request-method": "GET" },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get("access-control-allow-methods"), /GET/);
    const res = await read(url(), statePath(TASK), { headers: { origin: "http://page.test", "x-auth-token": DEFAULT_TOKEN } });
    assert.equal(res.headers.get("access-control-allow-origin"), "http://page.test");
    assert.match(res.headers.get("access-control-expose-headers"), /X-Request-Id/);
  });
});

describe("GET /params", () => {
  const ctx = serviceFor();
  const url = () => ctx.service.url;

  test("answers the start's params as name/type/value with encrypt values empty", async () => {
    const recordId = await startRun(url(), TASK, [
      { key: "version", value: "1.2.3", type: "text" },
      { key: "db.password", value: "hunter2-secret", type: "encrypt" },
      { key: "hosts", value: "e3144513a4094398857c992606ccba12", type: "host_group" },
    ]);
    const res = await read(url(), paramsPath(TASK, `?record_id=${recordId}`));
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.ok(!text.includes("hunter2"));
    assert.deepEqual(JSON.parse(text), [
      { name: "version", type: "text", value: "1.2.3" },
      { name: "db.password", type: "encrypt", value: "" },
      { name: "hosts", type: "host_group", value: "e3144513a4094398857c992606ccba12" },
    ]);
    assert.equal(ctx.service.stats().paramsRequests, 1);
  });

  test("answers [] for a start without params, and the latest run without record_id", async () => {
    await startRun(url(), TASK, [{ key: "a", value: "1", type: "text" }]);
    await startRun(url());
    assert.deepEqual(await (await read(url(), paramsPath(TASK))).json(), []);
  });

  test("gives the same errors as /state", async () => {
    await assertError(await read(url(), paramsPath(TASK)), 400, "Deploy.00011303");
    await assertError(await read(url(), paramsPath(TASK, `?record_id=${UNKNOWN_RECORD}`)), 404, "Deploy.00021534");
    await assertError(await read(url(), paramsPath("ffffffffffffffffffffffffffffffff")), 404, "Deploy.00011020");
    await assertError(await read(url(), paramsPath(TASK, "?record_id=x")), 400, "Deploy.00011001");
  });
});

describe("options", () => {
  test("failingTasks replaces the failing list, and its tasks exist; runningMs 0 ends runs at once", async () => {
    const failing = "abcdefabcdefabcdefabcdefabcdef12";
    const service = await startService({ runningMs: 0, failingTasks: [failing], tasks: [TASK] });
    try {
      const failed = await startRun(service.url, failing);
      const succeeded = await startRun(service.url, TASK);
      const status = async (taskId, id) => (await (await read(service.url, statePath(taskId, `?record_id=${id}`))).json()).result.status;
      assert.equal(await status(failing, failed), "failed");
      assert.equal(await status(TASK, succeeded), "succeeded");
      await assertError(await read(service.url, statePath(FAILING_TASK_ID)), 404, "Deploy.00011020");
    } finally {
      await service.close();
    }
  });

  test("runs last DEFAULT_RUNNING_MS by default and bad durations are refused", async () => {
    let clock = T0;
    const service = await startService({ now: () => clock });
    try {
      const recordId = await startRun(service.url);
      clock = T0 + DEFAULT_RUNNING_MS - 1;
      assert.equal(service.stats().runs[recordId].status, "running");
      clock = T0 + DEFAULT_RUNNING_MS;
      assert.equal(service.stats().runs[recordId].status, "succeeded");
    } finally {
      await service.close();
    }
    await assert.rejects(startService({ runningMs: -1 }), /runningMs/);
    await assert.rejects(startService({ failingTasks: "x" }), /failingTasks/);
  });
});

describe("fault modes on the reads", () => {
  const ctx = serviceFor();
  const url = () => ctx.service.url;

  test("error200 answers 200 with status error and its code, on /state and /params", async () => {
    const recordId = await startRun(url());
    for (const path of [statePath(TASK, `?record_id=${recordId}`), paramsPath(TASK, `?record_id=${recordId}`)]) {
      const res = await read(url(), path, { prefix: "/__fault/error200" });
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.equal(body.status, "error");
      assert.equal(body.error.code, "Deploy.00021534");
    }
  });

  test("error200 on the start answers a failure and starts nothing", async () => {
    const res = await fetch(`${url()}/__fault/error200/v2/tasks/${TASK}/start`, {
      method: "POST", headers: { "content-type": "application/json", "x-auth-token": DEFAULT_TOKEN }, body: "{}",
    });
    assert.equal((await res.json()).status, "error");
    assert.deepEqual([ctx.service.stats().starts, ctx.service.stats().rejected], [0, 1]);
  });

  test("gateway outcomes answer before authentication", async () => {
    for (const [spec, status] of [["503", 503], ["html500", 500], ["empty502", 502]]) {
      const res = await read(url(), statePath(TASK), { prefix: `/__fault/${spec}`, token: null });
      assert.equal(res.status, status, spec);
      await res.arrayBuffer();
    }
    await assert.rejects(read(url(), statePath(TASK), { prefix: "/__fault/drop" }), TypeError);
    assert.equal(ctx.service.stats().statusRequests, 4);
  });

  test("redirect points at the same path and query without the prefix", async () => {
    const res = await read(url(), paramsPath(TASK, `?record_id=${UNKNOWN_RECORD}`), { prefix: "/__fault/redirect", redirect: "manual" });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get("location"), paramsPath(TASK, `?record_id=${UNKNOWN_RECORD}`));
  });

  test("throttle answers 429 n times, then the read", async () => {
    const recordId = await startRun(url());
    const path = statePath(TASK, `?record_id=${recordId}`);
    const first = await read(url(), path, { prefix: "/__fault/throttle=1,retry-after=2" });
    await assertError(first, 429, "APIGW.0308");
    assert.equal(first.headers.get("retry-after"), "2");
    const second = await read(url(), path, { prefix: "/__fault/throttle=1,retry-after=2" });
    assert.equal((await second.json()).result.record_id, recordId);
  });

  test("delay answers after the delay, and a client that leaves is not answered", async () => {
    const recordId = await startRun(url());
    const res = await read(url(), statePath(TASK, `?record_id=${recordId}`), { prefix: "/__fault/delay=20" });
    assert.equal((await res.json()).result.status, "running");
    await assert.rejects(
      read(url(), statePath(TASK), { prefix: "/__fault/delay=60000", signal: AbortSignal.timeout(50) }),
      { name: "TimeoutError" },
    );
  });

  test("body outcomes break the read's answer: truncated, nonjson200, huge (object and array)", async () => {
    const recordId = await startRun(url(), TASK, [{ key: "a", value: "1", type: "text" }]);
    const state = statePath(TASK, `?record_id=${recordId}`);
    const truncated = await (await read(url(), state, { prefix: "/__fault/truncated" })).text();
    assert.throws(() => JSON.parse(truncated), SyntaxError);
    assert.ok(truncated.startsWith('{"status":"success"'));
    const text = await read(url(), state, { prefix: "/__fault/nonjson200" });
    assert.match(text.headers.get("content-type"), /^text\/plain/);
    assert.equal(await text.text(), `run ${recordId} read\n`);
    const hugeState = await (await read(url(), state, { prefix: "/__fault/huge=0.5" })).text();
    assert.equal(Buffer.byteLength(hugeState), 512 * 1024);
    assert.equal(JSON.parse(hugeState).result.record_id, recordId);
    const hugeParams = await (await read(url(), paramsPath(TASK), { prefix: "/__fault/huge=0.25" })).text();
    assert.equal(Buffer.byteLength(hugeParams), 256 * 1024);
    assert.deepEqual(JSON.parse(hugeParams), [{ name: "a", type: "text", value: "1" }]);
  });

  test("trickle sends headers and then too slow a body until the client leaves", async () => {
    await startRun(url());
    const controller = new AbortController();
    const res = await read(url(), statePath(TASK), { prefix: "/__fault/trickle=5", signal: controller.signal });
    assert.equal(res.status, 200);
    const reader = res.body.getReader();
    const { value } = await reader.read();
    assert.match(Buffer.from(value).toString(), /^ +$/);
    controller.abort();
  });

  test("service outcomes still authenticate and check the record first", async () => {
    await assertError(await read(url(), statePath(TASK), { prefix: "/__fault/error200", token: "wrong" }), 401, "APIGW.0301");
    await assertError(await read(url(), statePath(TASK), { prefix: "/__fault/huge=1" }), 400, "Deploy.00011303");
  });
});

/** Signs a GET as the spec's SDK-HMAC-SHA256 steps say (query sorted and encoded), with node:crypto. */
function signGet({ host, path, query, sdkDate, accessKey, secretKey }) {
  const encode = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const canonicalQuery = Object.entries(query).sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => `${encode(key)}=${encode(value)}`).join("&");
  const headers = { "content-type": "application/json", host, "x-sdk-date": sdkDate };
  const names = Object.keys(headers).sort();
  const canonical = ["GET", `${path.split("/").map(encode).join("/")}/`, canonicalQuery,
    ...names.map((name) => `${name}:${headers[name]}`), "", names.join(";"),
    createHash("sha256").update("").digest("hex")].join("\n");
  const toSign = `SDK-HMAC-SHA256\n${sdkDate}\n${createHash("sha256").update(canonical).digest("hex")}`;
  const signature = createHmac("sha256", secretKey).update(toSign).digest("hex");
  return { ...headers, authorization: `SDK-HMAC-SHA256 Access=${accessKey}, SignedHeaders=${names.join(";")}, Signature=${signature}` };
}

/** GETs with node:http (fetch cannot set Host); resolves status and parsed body. */
const rawGet = (port, path, headers) => rawRequest(port, { method: "GET", path, headers });

describe("AK/SK on the reads", () => {
  const ctx = serviceFor();

  test("accepts a signed GET whose query is signed, and refuses a changed query", async () => {
    const recordId = await startRun(ctx.service.url);
    const { accessKey, secretKey } = DEFAULT_CREDENTIALS[0];
    const sdkDate = "20250709T033628Z";
    const path = statePath(TASK);
    const headers = signGet({
      host: "127.0.0.1:8080", path, query: { step_state: "false", record_id: recordId }, sdkDate, accessKey, secretKey,
    });
    const ok = await rawGet(ctx.service.port, `${path}?step_state=false&record_id=${recordId}`, headers);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.result.record_id, recordId);
    assert.equal(ctx.service.stats().lastRead.auth, "aksk");
    const changed = await rawGet(ctx.service.port, `${path}?step_state=true&record_id=${recordId}`, headers);
    assert.equal(changed.status, 401);
    assert.equal(changed.body.error_code, "APIGW.0301");
  });
});

describe("cli flags for runs", () => {
  test("--running-ms and --failing-task decide how runs end", async () => {
    const failing = "abcdefabcdefabcdefabcdefabcdef12";
    const child = spawn(process.execPath, [CLI, "--running-ms", "0", "--failing-task", failing, "--quiet"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const [line] = await once(createInterface({ input: child.stdout }), "line");
      const { url } = JSON.parse(line);
      for (const [taskId, expected] of [[failing, "failed"], [FAILING_TASK_ID, "failed"], [TASK, "succeeded"]]) {
        const recordId = await startRun(url, taskId);
        const { result } = await (await read(url, statePath(taskId, `?record_id=${recordId}`))).json();
        assert.equal(result.status, expected, taskId);
      }
    } finally {
      child.kill("SIGTERM");
    }
    assert.equal(await exited, 0);
  });
});

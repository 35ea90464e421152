/**
 * Tests of the local CodeArts Deploy service, over real HTTP (`node --test tests/service/`).
 * Each block starts its own service on a random port and closes it at the end.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import { createInterface } from "node:readline";
import { after, before, beforeEach, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { rawRequest } from "./raw-request.mjs";
import { setTimeout as sleep } from "node:timers/promises";
import {
  createServiceHandler, DEFAULT_CREDENTIALS, DEFAULT_TOKEN, EXAMPLE_TASK_IDS, SPEC_EXAMPLE_TASK_ID, startService,
} from "./service.mjs";

const TASK = SPEC_EXAMPLE_TASK_ID;
const HEX_32 = /^[0-9a-f]{32}$/;
const CLI = fileURLToPath(new URL("./cli.mjs", import.meta.url));

/** POSTs a start request with fetch; `token: null` sends no token, a string `body` is sent as is. */
function post(base, { taskId = TASK, body = {}, token = DEFAULT_TOKEN, headers = {}, prefix = "", ...init } = {}) {
  const sent = { "content-type": "application/json", ...headers };
  if (token !== null) sent["x-auth-token"] = token;
  return fetch(`${base}${prefix}/v2/tasks/${taskId}/start`, {
    method: "POST",
    headers: sent,
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
}

/** Starts a service for one `describe` block; returns a getter for it. */
function serviceFor(options = {}) {
  let service;
  before(async () => {
    service = await startService(options);
  });
  beforeEach(() => service.reset());
  after(() => service.close());
  return () => service;
}

describe("start with a token", () => {
  const service = serviceFor();

  test("answers 200 with a deployment record and counts the start", async () => {
    const res = await post(service().url, { body: { trigger_source: "0" } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type"), /^application\/json/);
    const record = await res.json();
    assert.match(record.id, HEX_32);
    assert.equal(record.task_id, TASK);
    assert.equal(record.job_name, `job_${record.id}_${record.job_name.slice(-13)}`);
    assert.equal(record.job_name.length, 50);
    assert.ok(Math.abs(Number(record.job_name.slice(-13)) - Date.now()) < 60_000);
    assert.equal(record.app_component_list.length, 1);
    const component = record.app_component_list[0];
    assert.deepEqual(Object.keys(component).sort(),
      ["app_id", "app_name", "comp_id", "comp_name", "domain_id", "region", "state", "task_id"]);
    assert.equal(component.task_id, TASK);
    for (const id of [component.app_id, component.comp_id, component.domain_id]) assert.match(id, /^[A-Za-z0-9]{32}$/);
    assert.match(component.app_name, /^[A-Za-z0-9]+$/);
    assert.equal(component.state, "1");
    const stats = service().stats();
    assert.equal(stats.requests, 1);
    assert.equal(stats.starts, 1);
    assert.equal(stats.rejected, 0);
    assert.deepEqual(stats.startsByTask, { [TASK]: 1 });
    assert.equal(stats.lastStart.taskId, TASK);
    assert.equal(stats.lastStart.auth, "token");
  });

  test("gives every answer a fresh 32-hex request id", async () => {
    const first = await post(service().url);
    const second = await post(service().url, { token: "nope" });
    const ids = [first.headers.get("x-request-id"), second.headers.get("x-request-id")];
    for (const id of ids) assert.match(id, HEX_32);
    assert.notEqual(ids[0], ids[1]);
  });

  test("records headers and project id, and masks encrypt values in stats", async () => {
    const body = {
      params: [
        { key: "db.password", value: "hunter2-secret", type: "encrypt" },
        { key: "env", value: "e3144513a4094398857c992606ccba12", type: "host_group" },
      ],
      record_id: "0ee9c8e6a7dc44109541e53c6dccf47c",
    };
    const res = await post(service().url, { body, headers: { "X-Project-Id": "0123456789abcdef0123456789abcdef" } });
    assert.equal(res.status, 200);
    const { lastStart } = service().stats();
    assert.equal(lastStart.projectId, "0123456789abcdef0123456789abcdef");
    for (const name of ["content-type", "x-auth-token", "x-project-id"]) assert.ok(lastStart.headersSeen.includes(name), name);
    assert.equal(lastStart.body.params[0].value, "******");
    assert.equal(lastStart.body.params[1].value, body.params[1].value);
    assert.equal(lastStart.body.record_id, body.record_id);
    assert.ok(!JSON.stringify(service().stats()).includes("hunter2"));
  });

  test("accepts Content-Type parameters and rejects other media types without starting", async () => {
    const ok = await post(service().url, { headers: { "content-type": "application/json;charset=UTF-8" } });
    assert.equal(ok.status, 200);
    for (const contentType of ["text/plain", "application/jsonx"]) {
      const res = await post(service().url, { headers: { "content-type": contentType } });
      assert.equal(res.status, 400, contentType);
      assert.equal((await res.json()).error_code, "Deploy.00011001");
    }
    assert.equal(service().stats().starts, 1);
  });

  test("rejects a wrong token with 401 APIGW.0301 and the request id in header and body", async () => {
    const res = await post(service().url, { token: "wrong-token" });
    assert.equal(res.status, 401);
    const body = await res.json();
    assert.equal(body.error_code, "APIGW.0301");
    assert.match(body.error_msg, /^Incorrect IAM authentication information: /);
    assert.equal(body.request_id, res.headers.get("x-request-id"));
    assert.ok(!body.error_msg.includes("wrong-token"));
    assert.deepEqual([service().stats().starts, service().stats().rejected], [0, 1]);
  });

  test("rejects a request with neither token nor signature", async () => {
    const res = await post(service().url, { token: null });
    assert.equal(res.status, 401);
    assert.equal((await res.json()).error_code, "APIGW.0301");
  });

  test("answers 404 Deploy.00011020 for a valid but unknown task", async () => {
    const res = await post(service().url, { taskId: "ffffffffffffffffffffffffffffffff" });
    assert.equal(res.status, 404);
    const body = await res.json();
    assert.equal(body.error_code, "Deploy.00011020");
    assert.equal(typeof body.error_msg, "string");
    assert.equal(service().stats().starts, 0);
  });

  test("knows the example task ids", async () => {
    for (const taskId of EXAMPLE_TASK_IDS) assert.equal((await post(service().url, { taskId })).status, 200, taskId);
    assert.equal(service().stats().starts, EXAMPLE_TASK_IDS.length);
  });

  test("answers 404 APIGW.0101 for other paths and methods under /v2/", async () => {
    const base = service().url;
    const answers = [
      await fetch(`${base}/v2/tasks/${TASK}/start`),
      await fetch(`${base}/v2/tasks/${TASK}/stop`, { method: "POST" }),
      await fetch(`${base}/v2/tasks/${TASK}/start/`, { method: "POST" }),
    ];
    for (const res of answers) {
      assert.equal(res.status, 404);
      const body = await res.json();
      assert.equal(body.error_code, "APIGW.0101");
      assert.equal(body.request_id, res.headers.get("x-request-id"));
    }
    assert.equal(service().stats().starts, 0);
  });

  test("answers 404 for paths outside the service", async () => {
    const res = await fetch(`${service().url}/index.html`);
    assert.equal(res.status, 404);
    assert.equal(res.headers.get("x-request-id"), null);
    assert.equal(service().stats().requests, 0);
  });
});

describe("anyTask", () => {
  const service = serviceFor({ anyTask: true });

  test("makes every R1-valid task id exist", async () => {
    assert.equal((await post(service().url, { taskId: "Zz0123456789abcdefABCDEF01234567" })).status, 200);
    assert.equal((await post(service().url, { taskId: "short" })).status, 400);
  });
});

describe("already deploying", () => {
  const service = serviceFor({ deployingMs: 400 });

  test("answers 400 Deploy.00011027 while a task deploys, and starts it again afterwards", async () => {
    const other = EXAMPLE_TASK_IDS[0];
    assert.equal((await post(service().url)).status, 200);
    const conflict = await post(service().url);
    assert.equal(conflict.status, 400);
    assert.equal((await conflict.json()).error_code, "Deploy.00011027");
    assert.equal((await post(service().url, { taskId: other })).status, 200);
    await sleep(450);
    assert.equal((await post(service().url)).status, 200);
    const stats = service().stats();
    assert.equal(stats.starts, 3);
    assert.deepEqual(stats.startsByTask, { [TASK]: 2, [other]: 1 });
    assert.equal(stats.rejected, 1);
  });
});

describe("body rules", () => {
  const service = serviceFor({ anyTask: true });
  const param = (fields) => ({ params: [{ key: "k", value: "v", type: "text", ...fields }] });

  /** [rule, what, task id, body, text the error_msg must hold] */
  const invalid = [
    ["R1", "task id of 31 characters", TASK.slice(1), {}, "task_id"],
    ["R1", "task id with a dash", `${TASK.slice(1)}-`, {}, "task_id"],
    ["R4", "body that is not JSON", TASK, "{", "body"],
    ["R4", "body that is an array", TASK, [], "body"],
    ["R4", "unknown top-level field", TASK, { triggerSource: "0" }, "triggerSource"],
    ["R4", "params not an array", TASK, { params: { key: "k" } }, "params"],
    ["R4", "a parameter that is not an object", TASK, { params: ["k=v"] }, "params[0]"],
    ["R4", "a parameter with an extra field", TASK, param({ note: "x" }), "params[0].note"],
    ["R5", "record_id of 33 characters", TASK, { record_id: `${TASK}a` }, "record_id"],
    ["R5", "empty record_id", TASK, { record_id: "" }, "record_id"],
    ["R6", "trigger_source 2", TASK, { trigger_source: "2" }, "trigger_source"],
    ["R6", "trigger_source true", TASK, { trigger_source: true }, "trigger_source"],
    ["R7", "missing key", TASK, param({ key: undefined }), "params[0].key"],
    ["R7", "empty key", TASK, param({ key: "" }), "params[0].key"],
    ["R7", "key with a space", TASK, param({ key: "a b" }), "params[0].key"],
    ["R7", "key of 129 characters", TASK, param({ key: "k".repeat(129) }), "params[0].key"],
    ["R8", "value of 8193 characters", TASK, param({ value: "v".repeat(8193) }), "params[0].value"],
    ["R8", "value of 4097 emoji (8194 UTF-16 units)", TASK, param({ value: "😀".repeat(4097) }), "params[0].value"],
    ["R8", "value with {{", TASK, param({ value: "a{{b" }), "params[0].value"],
    ["R8", "value with {%", TASK, param({ value: "{%" }), "params[0].value"],
    ["R8", "value with {#", TASK, param({ value: "x{#" }), "params[0].value"],
    ["R8", "value that is a number", TASK, param({ value: 1 }), "params[0].value"],
    ["R8", "missing value", TASK, param({ value: undefined }), "params[0].value"],
    ["R9", "type secret", TASK, param({ type: "secret" }), "params[0].type"],
    ["R9", "missing type", TASK, param({ type: undefined }), "params[0].type"],
  ];
  for (const [rule, what, taskId, body, field] of invalid) {
    test(`${rule}: rejects ${what} with 400 Deploy.00011001 and starts nothing`, async () => {
      const res = await post(service().url, { taskId, body: typeof body === "string" ? body : JSON.stringify(body) });
      assert.equal(res.status, 400);
      const answer = await res.json();
      assert.equal(answer.error_code, "Deploy.00011001");
      assert.ok(answer.error_msg.includes(field), answer.error_msg);
      assert.ok(answer.error_msg.includes(`(${rule})`), answer.error_msg);
      assert.deepEqual([service().stats().starts, service().stats().rejected], [0, 1]);
    });
  }

  test("accepts every boundary the rules allow", async () => {
    const bodies = [
      {},
      { params: [], record_id: null, trigger_source: null },
      { trigger_source: 0 }, { trigger_source: 1 }, { trigger_source: "1" },
      { record_id: "0ee9c8e6a7dc44109541e53c6dccf47c" },
      param({ key: "K-._9".padEnd(128, "x"), value: "v".repeat(8192) }),
      param({ value: "😀".repeat(4096) }),
      param({ value: "" }),
      param({ value: "{ {} %} #}" }),
      { params: ["text", "host_group", "encrypt", "enum"].map((type) => ({ key: type, value: "x", type })) },
    ];
    for (const body of bodies) {
      const res = await post(service().url, { body });
      assert.equal(res.status, 200, `${JSON.stringify(body).slice(0, 80)}: ${await res.text()}`);
    }
    assert.equal(service().stats().starts, bodies.length);
  });

  test("reports every problem at once", async () => {
    const res = await post(service().url, { body: { record_id: "x", trigger_source: "9", extra: 1 } });
    const { error_msg: message } = await res.json();
    for (const part of ["record_id", "trigger_source", "extra"]) assert.ok(message.includes(part), message);
  });

  test("never echoes an encrypt value", async () => {
    const res = await post(service().url, { body: param({ type: "encrypt", value: "{{TopSecret42" }) });
    assert.equal(res.status, 400);
    assert.ok(!(await res.text()).includes("TopSecret42"));
  });
});

describe("CORS", () => {
  const service = serviceFor();
  const origin = "http://localhost:8080";

  test("answers a preflight for any origin without counting a request", async () => {
    const res = await fetch(`${service().url}/__fault/delay=10/v2/tasks/${TASK}/start`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-auth-token" },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get("access-control-allow-origin"), origin);
    assert.match(res.headers.get("access-control-allow-methods"), /\bPOST\b/);
    const allowed = res.headers.get("access-control-allow-headers").split(/,\s*/);
    for (const name of ["content-type", "x-auth-token", "x-project-id", "x-sdk-date", "authorization",
      "x-security-token", "x-sdk-content-sha256", "x-request-id"]) assert.ok(allowed.includes(name), name);
    assert.ok(Number(res.headers.get("access-control-max-age")) > 0);
    assert.match(res.headers.get("x-request-id"), HEX_32);
    assert.deepEqual([service().stats().requests, service().stats().preflights], [0, 1]);
  });

  test("lets a page on another origin read every answer and its request id", async () => {
    for (const token of [DEFAULT_TOKEN, "bad"]) {
      const res = await post(service().url, { token, headers: { origin } });
      assert.equal(res.headers.get("access-control-allow-origin"), origin);
      assert.match(res.headers.get("access-control-expose-headers"), /\bX-Request-Id\b/i);
    }
  });
});

describe("control endpoints", () => {
  const service = serviceFor();

  test("serves stats as JSON and resets over HTTP", async () => {
    await post(service().url);
    const stats = await (await fetch(`${service().url}/__service/stats`)).json();
    assert.deepEqual(stats, service().stats());
    assert.equal(stats.starts, 1);
    const reset = await fetch(`${service().url}/__service/reset`, { method: "POST" });
    assert.equal(reset.status, 200);
    assert.deepEqual(service().stats(), {
      requests: 0, starts: 0, rejected: 0, aborted: 0, preflights: 0, startsByTask: {}, lastStart: null,
      statusRequests: 0, paramsRequests: 0, runs: {}, lastRead: null,
    });
  });
});

describe("a handler mounted next to other routes", () => {
  let server;
  let base;
  const service = createServiceHandler();
  before(async () => {
    server = createServer(async (req, res) => {
      if (!(await service.handle(req, res))) res.end("static");
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => new Promise((resolve) => {
    server.close(resolve);
    server.closeAllConnections();
  }));

  test("answers service paths and hands every other path back", async () => {
    assert.equal(await (await fetch(`${base}/www/index.html`)).text(), "static");
    assert.equal(await (await fetch(`${base}/v2x`)).text(), "static");
    assert.equal((await post(base)).status, 200);
    assert.equal((await fetch(`${base}/__service/stats`)).status, 200);
    assert.equal(service.stats().starts, 1);
  });
});

/*
 * AK/SK vectors. Signatures A and B were produced by the official Python SDK
 * (huaweicloudsdkcore 3.1.219, `Signer.sign`, host 127.0.0.1:8080) and re-derived by hand with
 * node:crypto from the spec; C (host left unsigned, which the SDK never does) by hand only.
 */
const SIGNED_AT = Date.UTC(2024, 0, 1, 0, 0, 0);
const SIGNED_BODY = '{"params":[{"key":"string","value":"test","type":"text"},' +
  '{"key":"db_password","value":"s3cr3t-Value","type":"encrypt"}],"trigger_source":"0"}';
const AK = DEFAULT_CREDENTIALS[0].accessKey;
const authorization = (signedHeaders, signature, accessKey = AK) =>
  `SDK-HMAC-SHA256 Access=${accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
const SIGNATURE_A = "882970ff9c40a748b2db3f74f0a446f75bd1b2e998143787967519f38724a97c";
const VECTOR_A = {
  path: `/v2/tasks/${TASK}/start`,
  headers: {
    Host: "127.0.0.1:8080",
    "Content-Type": "application/json;charset=UTF-8",
    "X-Sdk-Date": "20240101T000000Z",
    "X-Project-Id": "0123456789abcdef0123456789abcdef",
    Authorization: authorization("content-type;host;x-project-id;x-sdk-date", SIGNATURE_A),
  },
  body: SIGNED_BODY,
};
const VECTOR_B = {
  path: `/__fault/delay=1/v2/tasks/${TASK}/start?b=2&a=x%20y`,
  headers: {
    Host: "127.0.0.1:8080",
    "Content-Type": "application/json",
    "X-Sdk-Date": "20240101T000000Z",
    "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD",
    Authorization: authorization("content-type;host;x-sdk-content-sha256;x-sdk-date",
      "77f85479cba1252b527c0e99caadd730faf39f2c8bb4815810661fc2bbfce856"),
  },
  body: SIGNED_BODY,
};
const VECTOR_C = {
  path: `/v2/tasks/${TASK}/start`,
  headers: {
    Host: "127.0.0.1:8080",
    "Content-Type": "application/json",
    "X-Sdk-Date": "20240101T000000Z",
    Authorization: authorization("content-type;x-sdk-date", "6423939039ef465e5eb3f2c0911f8c3aa0451aa2faf88328f963a245dfe52246"),
  },
  body: SIGNED_BODY,
};

/** Sends a signed vector (a POST) with node:http; resolves status and parsed body. */
const send = (port, vector) => rawRequest(port, vector);

describe("AK/SK signatures", () => {
  let clock = SIGNED_AT;
  const service = serviceFor({ now: () => clock });
  beforeEach(() => { clock = SIGNED_AT; });
  const withHeaders = (vector, changes) => ({ ...vector, headers: { ...vector.headers, ...changes } });

  /** Sends `vector` and asserts a 401 APIGW.0301 whose message matches `reason`. */
  async function assertRejected(vector, reason) {
    const { status, body } = await send(service().port, vector);
    assert.equal(status, 401);
    assert.equal(body.error_code, "APIGW.0301");
    assert.match(body.error_msg, reason);
    assert.equal(service().stats().starts, 0);
  }

  test("accepts a request signed by the official SDK and records the project id", async () => {
    const { status, body } = await send(service().port, VECTOR_A);
    assert.equal(status, 200, JSON.stringify(body));
    const { lastStart } = service().stats();
    assert.equal(lastStart.auth, "aksk");
    assert.equal(lastStart.projectId, "0123456789abcdef0123456789abcdef");
    assert.equal(lastStart.body.params[1].value, "******");
  });

  test("accepts an unsorted query, an encoded fault prefix and UNSIGNED-PAYLOAD", async () => {
    const { status, body } = await send(service().port, VECTOR_B);
    assert.equal(status, 200, JSON.stringify(body));
  });

  test("rejects a tampered body", async () => {
    await assertRejected({ ...VECTOR_A, body: SIGNED_BODY.replace("test", "tesT") }, /signature/);
  });

  test("rejects a changed signed header and a changed host", async () => {
    await assertRejected(withHeaders(VECTOR_A, { "X-Project-Id": "1123456789abcdef0123456789abcdef" }), /signature/);
    await assertRejected(withHeaders(VECTOR_A, { Host: "127.0.0.1:8081" }), /signature/);
  });

  test("rejects the body hash instead of UNSIGNED-PAYLOAD when the header is gone", async () => {
    const { "X-Sdk-Content-Sha256": _, ...headers } = VECTOR_B.headers;
    await assertRejected({ ...VECTOR_B, headers }, /signed header is missing/);
  });

  test("rejects a changed signature and an unknown access key", async () => {
    const flipped = SIGNATURE_A.replace(/^8/, "9");
    await assertRejected(withHeaders(VECTOR_A, { Authorization: authorization("content-type;host;x-project-id;x-sdk-date", flipped) }), /signature/);
    await assertRejected(withHeaders(VECTOR_A, {
      Authorization: authorization("content-type;host;x-project-id;x-sdk-date", SIGNATURE_A, "OTHERAK00000000000000"),
    }), /access key/);
  });

  test("accepts a date up to 15 minutes off and rejects one further off", async () => {
    clock = SIGNED_AT + 14 * 60_000;
    assert.equal((await send(service().port, VECTOR_A)).status, 200);
    clock = SIGNED_AT - 14 * 60_000;
    assert.equal((await send(service().port, VECTOR_A)).status, 200);
    service().reset();
    clock = SIGNED_AT + 16 * 60_000;
    await assertRejected(VECTOR_A, /15 minutes/);
    clock = SIGNED_AT - 16 * 60_000;
    await assertRejected(VECTOR_A, /15 minutes/);
  });

  test("rejects a correctly signed request that leaves host unsigned", async () => {
    await assertRejected(VECTOR_C, /host/);
  });

  test("rejects malformed Authorization headers and dates", async () => {
    await assertRejected(withHeaders(VECTOR_A, { Authorization: `Bearer ${SIGNATURE_A}` }), /Authorization/);
    await assertRejected(withHeaders(VECTOR_A, { Authorization: `SDK-HMAC-SHA256 Access=${AK}, Signature=${SIGNATURE_A}` }), /Authorization/);
    await assertRejected(withHeaders(VECTOR_A, { "X-Sdk-Date": "2024-01-01T00:00:00Z" }), /X-Sdk-Date/);
  });

  test("checks a token first when both are sent", async () => {
    await assertRejected(withHeaders(VECTOR_A, { "X-Auth-Token": "not-a-token" }), /token/);
  });
});

describe("fault modes", () => {
  const service = serviceFor();
  const fault = (spec, options = {}) => post(service().url, { prefix: `/__fault/${spec}`, ...options });

  test("delay answers normally after the delay", async () => {
    const begin = Date.now();
    const res = await fault("delay=200");
    assert.equal(res.status, 200);
    assert.ok(Date.now() - begin >= 195);
    assert.equal(service().stats().starts, 1);
  });

  test("delay starts nothing when the client gives up first", async () => {
    const controller = new AbortController();
    const pending = fault("delay=400", { signal: controller.signal });
    await sleep(100);
    controller.abort();
    await assert.rejects(pending);
    await sleep(450);
    const stats = service().stats();
    assert.deepEqual([stats.starts, stats.aborted, stats.rejected], [0, 1, 1]);
  });

  test("drop closes the connection without an answer or a start", async () => {
    await assert.rejects(fault("drop"));
    await sleep(20);
    assert.equal(service().stats().starts, 0);
  });

  test("html500, empty502 and 503 answer like a broken gateway, before authentication", async () => {
    const html = await fault("html500", { token: "bad" });
    assert.equal(html.status, 500);
    assert.match(html.headers.get("content-type"), /^text\/html/);
    assert.match(await html.text(), /^<!DOCTYPE html>/);
    const empty = await fault("empty502");
    assert.equal(empty.status, 502);
    assert.equal(await empty.text(), "");
    const unavailable = await fault("503");
    assert.equal(unavailable.status, 503);
    assert.equal((await unavailable.json()).request_id, unavailable.headers.get("x-request-id"));
    assert.equal(service().stats().starts, 0);
  });

  test("throttle answers 429 with Retry-After n times per spec, then normally", async () => {
    for (let i = 0; i < 2; i += 1) {
      const res = await fault("throttle=2,retry-after=1");
      assert.equal(res.status, 429);
      assert.equal(res.headers.get("retry-after"), "1");
      const body = await res.json();
      assert.equal(body.error_code, "APIGW.0308");
      assert.equal(body.request_id, res.headers.get("x-request-id"));
    }
    assert.equal((await fault("throttle=2,retry-after=1")).status, 200);
    assert.equal((await fault("throttle=1")).status, 429);
    assert.equal((await fault("throttle=1")).status, 200);
    service().reset();
    assert.equal((await fault("throttle=2,retry-after=1")).status, 429);
  });

  test("truncated answers 200 with cut JSON and counts the start", async () => {
    const res = await fault("truncated");
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.ok(text.startsWith('{"id":"'));
    assert.throws(() => JSON.parse(text));
    assert.equal(service().stats().starts, 1);
  });

  test("failed200 answers 200 with a failure body and starts nothing", async () => {
    const res = await fault("failed200");
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.status, "failed");
    assert.equal(body.error.code, "Deploy.00011042");
    assert.equal(service().stats().starts, 0);
  });

  test("service outcomes still authenticate and validate first", async () => {
    assert.equal((await fault("failed200", { token: "bad" })).status, 401);
    assert.equal((await fault("truncated", { body: { trigger_source: "7" } })).status, 400);
    assert.equal(service().stats().starts, 0);
  });

  test("nonjson200 answers 200 with text and counts the start", async () => {
    const res = await fault("nonjson200");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type"), /^text\/plain/);
    const text = await res.text();
    assert.match(text, /^deployment [0-9a-f]{32} started/);
    assert.throws(() => JSON.parse(text));
    assert.equal(service().stats().starts, 1);
  });

  test("huge answers 200 with valid JSON of the given size", async () => {
    const res = await fault("huge=1");
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.length, 1024 * 1024);
    const record = JSON.parse(bytes.toString("utf8"));
    assert.equal(record.task_id, TASK);
    assert.equal(service().stats().starts, 1);
  });

  test("trickle sends headers then too slow a body, until the client leaves", async () => {
    const controller = new AbortController();
    const res = await fault("trickle=50", { signal: controller.signal });
    assert.equal(res.status, 200);
    const body = res.text();
    const winner = await Promise.race([body.then(() => "body"), sleep(300).then(() => "timeout")]);
    assert.equal(winner, "timeout");
    controller.abort();
    await assert.rejects(body);
    assert.equal(service().stats().starts, 1);
    assert.equal((await post(service().url, { taskId: EXAMPLE_TASK_IDS[0] })).status, 200);
  });

  test("redirect answers 302 to the same path without the fault prefix", async () => {
    const res = await fault("redirect", { redirect: "manual" });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get("location"), `/v2/tasks/${TASK}/start`);
    assert.equal(service().stats().starts, 0);
  });

  test("rejects unknown, malformed and conflicting specs with 400", async () => {
    for (const spec of ["nosuch", "delay", "delay=-1", "html500,503", "retry-after=1", "drop=1", "huge=0"]) {
      const res = await fault(spec);
      assert.equal(res.status, 400, spec);
      assert.equal((await res.json()).error_code, "Service.BadFaultSpec", spec);
    }
  });
});

describe("log", () => {
  const lines = [];
  const service = serviceFor({ log: (line) => lines.push(line) });

  test("writes one line per request and never a token, key, signature or secret", async () => {
    lines.length = 0;
    await post(service().url, { body: { params: [{ key: "pw", value: "EncryptedValue123", type: "encrypt" }] } });
    await post(service().url, { token: "WrongTokenValue" });
    await post(service().url, { token: null, headers: { authorization: VECTOR_A.headers.Authorization, "x-sdk-date": "20240101T000000Z" } });
    await post(service().url, { body: { params: [{ key: "pw", value: "{{EncryptedValue456", type: "encrypt" }] } });
    assert.equal(lines.length, 4);
    const text = lines.join("\n");
    for (const secret of [DEFAULT_TOKEN, "WrongTokenValue", DEFAULT_CREDENTIALS[0].secretKey, SIGNATURE_A, "EncryptedValue"]) {
      assert.ok(!text.includes(secret), secret);
    }
    assert.match(lines[0], /^POST \/v2\/tasks\/\w{32}\/start -> 200 /);
  });
});

describe("cli", () => {
  test("prints one JSON line, serves the given token and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, [CLI, "--port", "0", "--token", "cli-token", "--quiet"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const [line] = await once(createInterface({ input: child.stdout }), "line");
      const { url, port } = JSON.parse(line);
      assert.equal(url, `http://127.0.0.1:${port}`);
      assert.equal((await post(url, { token: "cli-token" })).status, 200);
      assert.equal((await post(url)).status, 401);
      const stats = await (await fetch(`${url}/__service/stats`)).json();
      assert.equal(stats.starts, 1);
    } finally {
      child.kill("SIGTERM");
    }
    assert.equal(await exited, 0);
  });
});

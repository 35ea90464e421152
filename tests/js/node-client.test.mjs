// The package in Node, imported by its name as a user would, against the local CodeArts Deploy
// service over real HTTP on 127.0.0.1.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import {
  CodeArtsDeployClient,
  ValidationError,
  ConfigError,
  DeployApiError,
  TimeoutError,
  AbortError,
  NetworkError,
  ResponseFormatError,
  buildStartDeployTaskRequest,
  previewStartDeployTaskRequest,
  signRequest,
  validateStartDeployTask,
  listRegions,
} from "codearts-deploy-wasm";
import { startService, DEFAULT_TOKEN, DEFAULT_CREDENTIALS, SPEC_EXAMPLE_TASK_ID } from "../service/service.mjs";

const example = {
  taskId: SPEC_EXAMPLE_TASK_ID,
  params: [
    { key: "string", value: "test", type: "text" },
    { key: "env", value: "e3144513a4094398857c992606ccba12", type: "host_group" },
    { key: "enum", value: "value1", type: "enum" },
  ],
  triggerSource: 0,
};
const [credentials] = DEFAULT_CREDENTIALS;
let service;

before(async () => {
  service = await startService({ anyTask: true });
});
after(() => service.close());
beforeEach(() => service.reset());

test("the spec's example, sent with a token, returns a DeployRecord", async () => {
  const client = new CodeArtsDeployClient({ endpoint: service.url, token: DEFAULT_TOKEN });
  const record = await client.startDeployTask(example);
  assert.match(record.id, /^[0-9a-zA-Z]{32}$/);
  assert.equal(record.taskId, SPEC_EXAMPLE_TASK_ID);
  assert.equal(record.jobName.length, 50);
  assert.ok(Array.isArray(record.appComponentList));
  assert.match(record.requestId, /^[0-9a-f]{32}$/);
  assert.equal(service.stats().starts, 1);
  assert.deepEqual(service.stats().lastStart.body.trigger_source, "0");
});

test("a wrong token rejects with DeployApiError APIGW.0301 and a request id", async () => {
  const client = new CodeArtsDeployClient({ endpoint: service.url, token: "wrong-token" });
  const error = await client.startDeployTask(example).then(
    () => assert.fail("expected a rejection"),
    (e) => e,
  );
  assert.ok(error instanceof DeployApiError);
  assert.equal(error.name, "DeployApiError");
  assert.equal(error.code, "ERR_DEPLOY_API");
  assert.equal(error.status, 401);
  assert.equal(error.errorCode, "APIGW.0301");
  assert.equal(error.kind, "unauthorized");
  assert.match(error.requestId, /^[0-9a-f]{32}$/);
  assert.equal(error.attempts, 1);
  assert.ok(!error.message.includes("wrong-token"));
  assert.equal(service.stats().starts, 0);
});

test("invalid input rejects with ValidationError and no request reaches the service", async () => {
  const client = new CodeArtsDeployClient({ endpoint: service.url, token: DEFAULT_TOKEN });
  const error = await client
    .startDeployTask({ taskId: "../x", params: [{ key: "k", value: "{{ secret }}", type: "text" }] })
    .catch((e) => e);
  assert.ok(error instanceof ValidationError);
  assert.equal(error.code, "ERR_VALIDATION");
  assert.deepEqual(
    error.issues.map((i) => [i.path, i.code]),
    [
      [["taskId"], "length"],
      [["taskId"], "charset"],
      [["params", 0, "value"], "forbidden_sequence"],
    ],
  );
  assert.equal(service.stats().requests, 0);
});

test("validateStartDeployTask reports issues with paths, codes, rules; in Chinese on request", () => {
  const result = validateStartDeployTask({ taskId: "x", trigger_source: 0 });
  assert.equal(result.ok, false);
  assert.deepEqual(result.issues.map((i) => [i.path.join("."), i.code, i.rule]), [
    ["trigger_source", "unknown_field", "shape"],
    ["taskId", "length", "R1"],
  ]);
  assert.match(result.issues[0].message, /did you mean triggerSource/);
  const zh = validateStartDeployTask({ taskId: "x" }, { locale: "zh-CN" });
  assert.match(zh.issues[0].message, /长度必须为 32 个字符/);
  assert.deepEqual(validateStartDeployTask(example), { ok: true, issues: [] });
});

test("validation survives hostile values without killing the module", () => {
  const deep = {};
  let cursor = deep;
  for (let i = 0; i < 10000; i++) cursor = cursor.next = {};
  const hostile = new Proxy({}, { ownKeys() { throw new Error("boom"); } });
  for (const input of [undefined, null, 1, "s", [], deep, hostile, { taskId: Symbol("x") }, { params: deep }, { taskId: NaN }]) {
    const result = validateStartDeployTask(input);
    assert.equal(result.ok, false);
  }
  assert.equal(validateStartDeployTask(example).ok, true);
});

test("config errors are ConfigErrors that never echo a secret", () => {
  const cases = [
    [{ endpoint: service.url }, "missing_credentials"],
    [{ endpoint: service.url, accessKey: "AK-only" }, "incomplete_credentials"],
    [{ endpoint: service.url, token: "T0KEN-SECRET", accessKey: "AK", secretKey: "SK-SECRET" }, "conflicting_credentials"],
    [{ endpoint: service.url, token: "T0KEN-SECRET\r\nX-Evil: 1" }, "invalid_header_value"],
    [{ endpoint: service.url, token: "T".repeat(20001) }, "token_too_long"],
    [{ region: "mars-1", token: "T0KEN-SECRET" }, "unknown_region"],
    [{ endpoint: "ftp://x", token: "T0KEN-SECRET" }, "invalid_endpoint"],
    [{ endpiont: service.url, token: "T0KEN-SECRET" }, "unknown_option"],
  ];
  for (const [config, reason] of cases) {
    const error = (() => {
      try {
        new CodeArtsDeployClient(config);
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof ConfigError, reason);
    assert.equal(error.reason, reason);
    assert.ok(!/T0KEN-SECRET|SK-SECRET/.test(error.message + error.stack), error.message);
  }
  assert.ok(new CodeArtsDeployClient({ endpoint: service.url, token: "T".repeat(20000) }));
});

test("AK/SK: the client signs each request and the service verifies it", async () => {
  const client = new CodeArtsDeployClient({ endpoint: service.url, ...credentials, projectId: "p1" });
  const record = await client.startDeployTask(example);
  assert.equal(record.taskId, SPEC_EXAMPLE_TASK_ID);
  const wrong = new CodeArtsDeployClient({ endpoint: service.url, accessKey: credentials.accessKey, secretKey: "not-the-secret" });
  const error = await wrong.startDeployTask(example).catch((e) => e);
  assert.ok(error instanceof DeployApiError);
  assert.equal(error.errorCode, "APIGW.0301");
  assert.equal(service.stats().starts, 1);
});

test("signRequest headers sent with plain fetch are accepted by the service", async () => {
  const body = JSON.stringify({ trigger_source: "0" });
  const url = `${service.url}/v2/tasks/${SPEC_EXAMPLE_TASK_ID}/start`;
  const headers = signRequest({ method: "POST", url, headers: { "Content-Type": "application/json" }, body }, credentials);
  assert.ok(headers.Authorization.startsWith("SDK-HMAC-SHA256 Access="));
  assert.ok(!("Host" in headers));
  const response = await fetch(url, { method: "POST", headers, body });
  assert.equal(response.status, 200);
});

test("the prepared request carries the token; the preview masks every secret", () => {
  const config = { endpoint: service.url, token: "T0KEN-SECRET" };
  const input = { ...example, params: [{ key: "db_password", value: "ENCRYPT-SECRET", type: "encrypt" }] };
  const request = buildStartDeployTaskRequest(input, config);
  assert.equal(request.method, "POST");
  assert.equal(request.url, `${service.url}/v2/tasks/${SPEC_EXAMPLE_TASK_ID}/start`);
  assert.equal(request.headers["X-Auth-Token"], "T0KEN-SECRET");
  assert.equal(request.headers["Content-Type"], "application/json");
  assert.deepEqual(JSON.parse(request.body), {
    params: [{ key: "db_password", value: "ENCRYPT-SECRET", type: "encrypt" }],
    trigger_source: "0",
  });
  const preview = previewStartDeployTaskRequest(input, config);
  assert.ok(!JSON.stringify(preview).includes("SECRET"));
  assert.equal(preview.headers["X-Auth-Token"], "********");
});

test("listRegions names the 9 regions of the official SDKs", () => {
  assert.equal(listRegions().length, 9);
  assert.ok(listRegions().includes("cn-north-4"));
});

test("an unknown task is DeployApiError Deploy.00011020 (not_found)", async () => {
  const strict = await startService({ tasks: [SPEC_EXAMPLE_TASK_ID] });
  try {
    const client = new CodeArtsDeployClient({ endpoint: strict.url, token: DEFAULT_TOKEN });
    const error = await client.startDeployTask({ taskId: "a".repeat(32) }).catch((e) => e);
    assert.equal(error.errorCode, "Deploy.00011020");
    assert.equal(error.kind, "not_found");
    assert.equal(error.status, 404);
  } finally {
    await strict.close();
  }
});

test("starting a task that is still deploying is a conflict, not retried", async () => {
  const busy = await startService({ anyTask: true, deployingMs: 60_000 });
  try {
    const client = new CodeArtsDeployClient({ endpoint: busy.url, token: DEFAULT_TOKEN });
    await client.startDeployTask(example);
    const error = await client.startDeployTask(example).catch((e) => e);
    assert.equal(error.errorCode, "Deploy.00011027");
    assert.equal(error.kind, "conflict");
    assert.equal(error.attempts, 1);
    assert.equal(busy.stats().starts, 1);
    assert.equal(busy.stats().requests, 2);
  } finally {
    await busy.close();
  }
});

test("timeoutMs cancels a slow call with a TimeoutError", async () => {
  const client = new CodeArtsDeployClient({ endpoint: `${service.url}/__fault/delay=5000`, token: DEFAULT_TOKEN });
  const started = Date.now();
  const error = await client.startDeployTask(example, { timeoutMs: 200 }).catch((e) => e);
  assert.ok(error instanceof TimeoutError, String(error));
  assert.equal(error.timeoutMs, 200);
  assert.ok(Date.now() - started < 4000);
});

test("an AbortSignal cancels a call with an AbortError; an aborted signal sends nothing", async () => {
  const client = new CodeArtsDeployClient({ endpoint: `${service.url}/__fault/delay=5000`, token: DEFAULT_TOKEN });
  const controller = new AbortController();
  setTimeout(() => controller.abort("user cancelled"), 100);
  const error = await client.startDeployTask(example, { signal: controller.signal }).catch((e) => e);
  assert.ok(error instanceof AbortError, String(error));
  assert.equal(error.reason, "user cancelled");
  const before = service.stats().requests;
  const again = await client.startDeployTask(example, { signal: controller.signal }).catch((e) => e);
  assert.ok(again instanceof AbortError);
  assert.equal(again.attempts, 0);
  assert.equal(service.stats().requests, before);
});

test("a 429 with Retry-After is retried and then succeeds; one deployment starts", async () => {
  const client = new CodeArtsDeployClient({ endpoint: `${service.url}/__fault/throttle=1,retry-after=1`, token: DEFAULT_TOKEN });
  const record = await client.startDeployTask(example);
  assert.match(record.id, /^[0-9a-f]{32}$/);
  assert.equal(service.stats().starts, 1);
  assert.equal(service.stats().requests, 2);
});

test("a 502 is not retried by default (the deployment may have started)", async () => {
  const client = new CodeArtsDeployClient({ endpoint: `${service.url}/__fault/empty502`, token: DEFAULT_TOKEN });
  const error = await client.startDeployTask(example).catch((e) => e);
  assert.ok(error instanceof DeployApiError);
  assert.equal(error.status, 502);
  assert.equal(error.errorCode, "502");
  assert.equal(error.attempts, 1);
  assert.equal(service.stats().requests, 1);
});

test("a 200 that says failed is a DeployApiError; a 200 that is not JSON is a ResponseFormatError", async () => {
  const failed = new CodeArtsDeployClient({ endpoint: `${service.url}/__fault/failed200`, token: DEFAULT_TOKEN });
  const error = await failed.startDeployTask(example).catch((e) => e);
  assert.ok(error instanceof DeployApiError);
  assert.equal(error.status, 200);
  assert.equal(error.errorCode, "Deploy.00011042");
  assert.equal(error.kind, "draft");
  const text = new CodeArtsDeployClient({ endpoint: `${service.url}/__fault/nonjson200`, token: DEFAULT_TOKEN });
  const format = await text.startDeployTask(example).catch((e) => e);
  assert.ok(format instanceof ResponseFormatError);
  assert.match(format.message, /may have started/);
});

test("a connection refused is a NetworkError, not retried by default", async () => {
  const client = new CodeArtsDeployClient({ endpoint: "http://127.0.0.1:9", token: DEFAULT_TOKEN });
  const error = await client.startDeployTask(example).catch((e) => e);
  assert.ok(error instanceof NetworkError);
  assert.equal(error.attempts, 1);
  assert.ok(error.cause);
});

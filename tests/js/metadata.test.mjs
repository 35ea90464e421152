// `$metadata: { httpStatusCode?, requestId?, attempts }` on every result and every error a call
// rejects with (as aws-sdk-js-v3), beside the flat fields, against the local service.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import {
  CodeArtsDeployClient,
  ValidationError,
  ConfigError,
  DeployApiError,
  NetworkError,
  ResponseFormatError,
  TimeoutError,
  AbortError,
} from "codearts-deploy-wasm";
import { startService, DEFAULT_TOKEN, SPEC_EXAMPLE_TASK_ID } from "../service/service.mjs";

const input = { taskId: SPEC_EXAMPLE_TASK_ID };
let service;

before(async () => {
  service = await startService({ anyTask: true });
});
after(() => service.close());
beforeEach(() => service.reset());

const client = (path = "", extra = {}) =>
  new CodeArtsDeployClient({ endpoint: `${service.url}${path}`, token: DEFAULT_TOKEN, ...extra });

test("a DeployRecord carries the status, its request id and one attempt", async () => {
  const record = await client().startDeployTask(input);
  assert.deepEqual(record.$metadata, { httpStatusCode: 200, requestId: record.requestId, attempts: 1 });
  assert.match(record.requestId, /^[0-9a-f]{32}$/);
});

test("a record after a throttled first try counts both attempts", async () => {
  const record = await client("/__fault/throttle=1,retry-after=1").startDeployTask(input);
  assert.equal(record.$metadata.attempts, 2);
  assert.equal(record.$metadata.httpStatusCode, 200);
  assert.equal(service.stats().requests, 2);
});

test("a DeployApiError's metadata repeats its status, request id and attempts", async () => {
  const error = await client("", { token: "wrong-token" }).startDeployTask(input).catch((e) => e);
  assert.ok(error instanceof DeployApiError);
  assert.deepEqual(error.$metadata, { httpStatusCode: 401, requestId: error.requestId, attempts: 1 });
});

test("a ResponseFormatError carries the 2xx status", async () => {
  const error = await client("/__fault/nonjson200").startDeployTask(input).catch((e) => e);
  assert.ok(error instanceof ResponseFormatError);
  assert.equal(error.$metadata.httpStatusCode, 200);
  assert.equal(error.$metadata.attempts, 1);
});

test("errors before or without an answer say how many requests were sent and no status", async () => {
  const invalid = await client().startDeployTask({ taskId: "x" }).catch((e) => e);
  assert.ok(invalid instanceof ValidationError);
  assert.deepEqual(invalid.$metadata, { attempts: 0 });

  const badOptions = await client().startDeployTask(input, { timeoutMs: -1 }).catch((e) => e);
  assert.ok(badOptions instanceof ConfigError);
  assert.deepEqual(badOptions.$metadata, { attempts: 0 });

  const refused = new CodeArtsDeployClient({ endpoint: "http://127.0.0.1:9", token: DEFAULT_TOKEN });
  const network = await refused.startDeployTask(input).catch((e) => e);
  assert.ok(network instanceof NetworkError);
  assert.deepEqual(network.$metadata, { attempts: 1 });

  const slow = await client("/__fault/delay=5000").startDeployTask(input, { timeoutMs: 50 }).catch((e) => e);
  assert.ok(slow instanceof TimeoutError);
  assert.deepEqual(slow.$metadata, { attempts: 1 });

  const aborted = await client().startDeployTask(input, { signal: AbortSignal.abort() }).catch((e) => e);
  assert.ok(aborted instanceof AbortError);
  assert.deepEqual(aborted.$metadata, { attempts: 0 });
  assert.equal(service.stats().starts, 0);
});

test("errors built by hand get metadata too", () => {
  assert.deepEqual(new ConfigError("m", "invalid_config").$metadata, { attempts: 0 });
  assert.deepEqual(new NetworkError("m", { cause: 1, attempts: 2 }).$metadata, { attempts: 2 });
});

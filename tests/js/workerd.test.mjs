// The package inside workerd (Miniflare): a Worker bundled with esbuild under the `workerd`
// export condition, as wrangler does, starts a deployment on the local service.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { bundleWorker, startWorker } from "./helpers/worker.mjs";
import { startService, DEFAULT_TOKEN, DEFAULT_CREDENTIALS, SPEC_EXAMPLE_TASK_ID } from "../service/service.mjs";

const input = { taskId: SPEC_EXAMPLE_TASK_ID, params: [{ key: "env", value: "prod", type: "text" }], triggerSource: "1" };
let service, mf, bundle;

before(async () => {
  service = await startService({ anyTask: true });
  bundle = await bundleWorker(fileURLToPath(new URL("../workerd/worker.js", import.meta.url)));
  mf = await startWorker({ ...bundle, bindings: { CODEARTS_TOKEN: DEFAULT_TOKEN } });
});

after(async () => {
  await mf?.dispose();
  await service?.close();
  bundle?.dispose();
});

const call = async (path, body) => (await mf.dispatchFetch(`http://worker${path}`, { method: "POST", body: JSON.stringify(body) })).json();

test("a Worker starts a deployment on the local service with a token binding", async () => {
  service.reset();
  const result = await call("/deploy", { config: { endpoint: service.url }, input });
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.match(result.record.id, /^[0-9a-f]{32}$/);
  assert.equal(result.record.taskId, SPEC_EXAMPLE_TASK_ID);
  assert.equal(service.stats().starts, 1);
});

test("a Worker signs with AK/SK and the service verifies it; a wrong SK is refused", async () => {
  service.reset();
  const [credentials] = DEFAULT_CREDENTIALS;
  const ok = await call("/deploy", { config: { endpoint: service.url, ...credentials, auth: "aksk" }, input });
  assert.equal(ok.ok, true, JSON.stringify(ok));
  const bad = await call("/deploy", {
    config: { endpoint: service.url, accessKey: credentials.accessKey, secretKey: "wrong", auth: "aksk" },
    input,
  });
  assert.equal(bad.error.name, "DeployApiError");
  assert.equal(bad.error.errorCode, "APIGW.0301");
  assert.equal(service.stats().starts, 1);
});

test("in a Worker, a wrong token is APIGW.0301 and invalid input sends nothing", async () => {
  service.reset();
  const denied = await call("/deploy", { config: { endpoint: service.url, token: "nope" }, input });
  assert.equal(denied.error.errorCode, "APIGW.0301");
  assert.match(denied.error.requestId, /^[0-9a-f]{32}$/);
  const invalid = await call("/deploy", { config: { endpoint: service.url }, input: { taskId: "short" } });
  assert.equal(invalid.error.name, "ValidationError");
  assert.deepEqual(invalid.error.issues[0].path, ["taskId"]);
  assert.equal(service.stats().requests, 1);
});

test("in a Worker, a timeout cancels a slow call", async () => {
  const result = await call("/deploy", { config: { endpoint: `${service.url}/__fault/delay=5000` }, input, timeoutMs: 150 });
  assert.equal(result.error.name, "TimeoutError");
});

test("validateStartDeployTask runs in the Worker", async () => {
  const result = await call("/validate", { input: { taskId: 1 } });
  assert.equal(result.ok, false);
  assert.equal(result.issues[0].code, "type");
});

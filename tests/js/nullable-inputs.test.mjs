// The declarations type every optional input `?: T | null` (scripts/declarations.mjs): this pins
// that the API really treats each such `null` as absent, in Node against the local service. The
// fields tried here are compared with the ones the built declarations make nullable, so a new
// optional input cannot go untried.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  CodeArtsDeployClient,
  buildStartDeployTaskRequest,
  signRequest,
  validateStartDeployTask,
} from "codearts-deploy-wasm";
import { startService, DEFAULT_CREDENTIALS, DEFAULT_TOKEN, SPEC_EXAMPLE_TASK_ID } from "../service/service.mjs";

const DECLARATIONS = new URL("../../pkg/codearts_deploy_wasm.d.ts", import.meta.url);
const tried = new Set();
/** `fields` of `owner`, all set to null, recorded as tried. */
function nulls(owner, fields) {
  for (const field of fields) tried.add(`${owner}.${field}`);
  return Object.fromEntries(fields.map((field) => [field, null]));
}

const RUNNING_MS = 1000;
let service;
let clock = Date.now();
before(async () => {
  // The test moves the service clock to end a run: no wall-clock wait decides an outcome.
  service = await startService({ runningMs: RUNNING_MS, now: () => clock });
});
after(async () => {
  await service?.close();
});

test("StartDeployTaskInput and ValidateOptions: null is absent", () => {
  const input = { taskId: SPEC_EXAMPLE_TASK_ID, ...nulls("StartDeployTaskInput", ["params", "recordId", "triggerSource"]) };
  assert.deepEqual(validateStartDeployTask(input), { ok: true, issues: [] });
  const bad = { taskId: "x" };
  const english = validateStartDeployTask(bad);
  assert.deepEqual(validateStartDeployTask(bad, nulls("ValidateOptions", ["locale"])), english);
  tried.add("validateStartDeployTask(options)");
  assert.deepEqual(validateStartDeployTask(bad, null), english);
  const config = { endpoint: service.url, token: DEFAULT_TOKEN };
  assert.deepEqual(buildStartDeployTaskRequest(input, config), buildStartDeployTaskRequest({ taskId: SPEC_EXAMPLE_TASK_ID }, config));
});

test("ClientConfig, RetryOptions and StartOptions: a client given nulls starts a deployment", async () => {
  const [{ accessKey, secretKey }] = DEFAULT_CREDENTIALS;
  const input = { taskId: SPEC_EXAMPLE_TASK_ID };
  const byToken = new CodeArtsDeployClient({
    endpoint: service.url,
    token: DEFAULT_TOKEN,
    ...nulls("ClientConfig", ["region", "accessKey", "secretKey", "securityToken", "projectId", "auth", "timeoutMs", "locale", "fetch"]),
    retry: nulls("RetryOptions", ["maxAttempts", "maxDelayMs", "baseDelayMs", "networkErrors", "serverErrors", "throttledWithoutRetryAfter"]),
  });
  const record = await byToken.startDeployTask(input, nulls("StartOptions", ["signal", "timeoutMs"]));
  assert.equal(record.taskId, SPEC_EXAMPLE_TASK_ID);
  tried.add("startDeployTask(options)");
  await byToken.startDeployTask(input, null);
  const byKeys = new CodeArtsDeployClient({ endpoint: service.url, accessKey, secretKey, ...nulls("ClientConfig", ["token", "retry"]) });
  await byKeys.startDeployTask(input);
  const regional = { region: "cn-north-4", token: DEFAULT_TOKEN };
  assert.equal(
    buildStartDeployTaskRequest(input, { ...regional, ...nulls("ClientConfig", ["endpoint"]) }).url,
    buildStartDeployTaskRequest(input, regional).url,
  );
  assert.equal(service.stats().starts, 3, "every client with nulls started its deployment");
  assert.equal(service.stats().lastStart.auth, "aksk");
});

test("RunIds, CallOptions, WaitOptions and ClientConfig.reconcile: a run is followed given nulls", async () => {
  const client = new CodeArtsDeployClient({ endpoint: service.url, token: DEFAULT_TOKEN, ...nulls("ClientConfig", ["reconcile"]) });
  const params = [{ key: "version", value: "1.4.2", type: "text" }];
  const record = await client.startDeployTask({ taskId: SPEC_EXAMPLE_TASK_ID, params });
  clock += RUNNING_MS + 1;
  const ids = { taskId: record.taskId, recordId: record.id };
  const latest = await client.getDeployStatus(
    { taskId: record.taskId, ...nulls("RunIds", ["recordId"]) },
    nulls("CallOptions", ["signal", "timeoutMs"]),
  );
  assert.deepEqual([latest.recordId, latest.status], [record.id, "succeeded"]);
  tried.add("getDeployStatus(options)");
  assert.equal((await client.getDeployStatus(ids, null)).status, "succeeded");
  const waitNulls = nulls("WaitOptions", ["signal", "timeoutMs", "intervalMs", "maxIntervalMs", "onProgress"]);
  assert.equal((await client.waitForDeployment(record, waitNulls)).status, "succeeded");
  tried.add("waitForDeployment(options)");
  assert.equal((await client.waitForDeployment(ids, null)).status, "succeeded");
  tried.add("getExecutionParams(options)");
  const got = await client.getExecutionParams(ids, null);
  assert.deepEqual(got.map(({ key, value, type }) => ({ key, value, type })), params);
});

test("SignableRequest, SigningCredentials and SignOptions: null is absent", () => {
  const request = { method: "POST", url: `${service.url}/v2/tasks/${SPEC_EXAMPLE_TASK_ID}/start` };
  const credentials = { accessKey: "AK", secretKey: "SK" };
  const sdkDate = "20240101T000000Z";
  const expected = signRequest(request, credentials, { sdkDate });
  assert.deepEqual(
    signRequest(
      { ...request, ...nulls("SignableRequest", ["headers", "body"]) },
      { ...credentials, ...nulls("SigningCredentials", ["securityToken"]) },
      { sdkDate, ...nulls("SignOptions", ["includeHost"]) },
    ),
    expected,
  );
  // Without a date the signature changes every second: compare the headers' names and shape.
  const now = signRequest(request, credentials, nulls("SignOptions", ["sdkDate"]));
  assert.deepEqual(Object.keys(now).sort(), Object.keys(expected).sort());
  assert.match(now["X-Sdk-Date"], /^\d{8}T\d{6}Z$/);
  tried.add("signRequest(options)");
  assert.deepEqual(Object.keys(signRequest(request, credentials, null)).sort(), Object.keys(expected).sort());
});

test("every input the declarations type as nullable was tried with null", () => {
  const text = readFileSync(DECLARATIONS, "utf8");
  const declared = new Set();
  for (const [, name, body] of text.matchAll(/^export interface (\w+) \{([\s\S]*?)^\}/gm)) {
    for (const [, field] of body.matchAll(/^\s+(\w+)\?: .*\| null;$/gm)) declared.add(`${name}.${field}`);
  }
  for (const [, fn, parameter] of text.matchAll(/(\w+)\([^)]*?\b(\w+)\?: [^,)]*\| null[,)]/g)) declared.add(`${fn}(${parameter})`);
  const untried = [...declared].filter((name) => !tried.has(name));
  assert.deepEqual(untried, [], "new optional inputs typed `| null`: try each with null above (or make the API take null)");
  assert.deepEqual([...tried].filter((name) => !declared.has(name)), [], "tried here but no longer nullable in the declarations");
});

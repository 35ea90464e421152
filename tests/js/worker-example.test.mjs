// examples/cloudflare-worker in workerd (Miniflare) against the local CodeArts Deploy service:
// the signed webhook (202 at once) and the status URL it hands out, followed to succeeded and to
// failed, the console backend with its CORS, the JSON errors, and the keys that never leave the
// Worker. Then the bundle `wrangler deploy --dry-run` builds (offline), run in workerd.
//
// The example depends on the package with "file:../.."; `npm install` would link
// node_modules/codearts-deploy-wasm to the repository. The test does the same in a temporary copy
// of the example, so it needs no install and leaves the example folder untouched.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHmac } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { bundleWorker, startWorker } from "./helpers/worker.mjs";
import { startService, SPEC_EXAMPLE_TASK_ID, EXAMPLE_TASK_IDS, FAILING_TASK_ID } from "../service/service.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const EXAMPLE = join(ROOT, "examples/cloudflare-worker");
const WRANGLER = createRequire(import.meta.url).resolve("wrangler/bin/wrangler.js");

// The Worker's secrets: none of them may ever appear in an answer.
const ACCESS_KEY = "WORKERAK7Q2M9X4B8N1V";
const SECRET_KEY = "worker-secret-key-5f0c2a9e7d3b41f6";
const WEBHOOK_SECRET = "webhook-shared-secret-9b1e4c7a";
const CONSOLE = "https://deploy-console.example.com";
const OTHER = "https://evil.example.net";
const STAGING_TASK_ID = EXAMPLE_TASK_IDS[0];
const GHOST_TASK_ID = "ffffffffffffffffffffffffffffffff"; // valid, but no such task on the service

const tasks = {
  "web-prod": {
    taskId: SPEC_EXAMPLE_TASK_ID,
    triggerSource: "0",
    params: [
      { key: "env", value: "e3144513a4094398857c992606ccba12", type: "host_group" },
      { key: "version", value: "latest", type: "text" },
    ],
  },
  "web-staging": { taskId: STAGING_TASK_ID },
  ghost: { taskId: GHOST_TASK_ID },
  broken: { taskId: FAILING_TASK_ID },
};
/** How long a run stays running on the service's clock, which the tests move (`clockOffset`). */
const RUNNING_MS = 60_000;
let clockOffset = 0;

let service, project, bundle, mf;
const answers = []; // every response the Worker gave, for the leak check

before(async () => {
  // deployingMs: a second start of the same task within a minute is a conflict (reset() forgets).
  // Runs stay running until a test moves the service's clock past RUNNING_MS.
  service = await startService({
    credentials: [{ accessKey: ACCESS_KEY, secretKey: SECRET_KEY }], tokens: [], deployingMs: 60_000,
    runningMs: RUNNING_MS, now: () => Date.now() + clockOffset,
  });
  project = mkdtempSync(join(tmpdir(), "codearts-worker-example-"));
  cpSync(join(EXAMPLE, "src"), join(project, "src"), { recursive: true });
  cpSync(join(EXAMPLE, "wrangler.toml"), join(project, "wrangler.toml"));
  cpSync(join(EXAMPLE, "package.json"), join(project, "package.json"));
  mkdirSync(join(project, "node_modules"));
  symlinkSync(ROOT, join(project, "node_modules", "codearts-deploy-wasm"), "dir");
  bundle = await bundleWorker(join(project, "src/index.js"));
  mf = await startWorker({ ...bundle, bindings: bindings() });
});

after(async () => {
  await mf?.dispose();
  await service?.close();
  bundle?.dispose();
  if (project) rmSync(project, { recursive: true, force: true });
});

beforeEach(() => {
  service.reset();
  clockOffset = 0;
});

/** The Worker's bindings; an `undefined` override removes one. */
function bindings(overrides = {}) {
  const all = {
    CODEARTS_ENDPOINT: service.url,
    CODEARTS_ACCESS_KEY: ACCESS_KEY,
    CODEARTS_SECRET_KEY: SECRET_KEY,
    WEBHOOK_SECRET,
    CONSOLE_ORIGIN: CONSOLE,
    DEPLOY_TASKS: tasks,
    DEPLOY_TIMEOUT_MS: "5000",
    ...overrides,
  };
  return Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined));
}

/** Sends a request to the Worker; returns `{ status, headers, body }` and records it. */
async function call(path, init = {}, worker = mf) {
  const response = await worker.dispatchFetch(`https://trigger.example.workers.dev${path}`, init);
  const text = await response.text();
  const answer = { status: response.status, headers: Object.fromEntries(response.headers), text };
  answer.body = text ? JSON.parse(text) : null;
  answers.push(answer);
  return answer;
}

const sign = (body, secret = WEBHOOK_SECRET) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

/** A webhook call: the body as JSON, signed unless `signature` says otherwise. */
function webhook(payload, { signature, header = "X-Signature-256", worker } = {}) {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const headers = { "Content-Type": "application/json" };
  if (signature !== null) headers[header] = signature ?? sign(body);
  return call("/deploy", { method: "POST", headers, body }, worker);
}

/** A console call from `origin` (none when null). */
function fromConsole(input, { origin = CONSOLE, headers = {} } = {}) {
  const all = { "Content-Type": "application/json", ...headers };
  if (origin !== null) all.Origin = origin;
  return call("/api/deployments", { method: "POST", headers: all, body: JSON.stringify(input) });
}

test("a good webhook starts exactly one deployment and answers with its record id", async () => {
  const answer = await webhook({ task: "web-prod", params: [{ key: "version", value: "1.4.2", type: "text" }] });
  assert.equal(answer.status, 202, answer.text);
  assert.match(answer.body.recordId, /^[0-9a-f]{32}$/);
  assert.equal(answer.body.taskId, SPEC_EXAMPLE_TASK_ID);
  assert.equal(answer.body.jobName.length, 50);
  assert.match(answer.body.requestId, /^[0-9a-f]{32}$/);
  const stats = service.stats();
  assert.equal(stats.requests, 1);
  assert.equal(stats.starts, 1);
  assert.equal(stats.lastStart.taskId, SPEC_EXAMPLE_TASK_ID);
  assert.equal(stats.lastStart.auth, "aksk");
  // The payload's params first, then the mapping's defaults it did not override.
  assert.deepEqual(stats.lastStart.body, {
    params: [
      { key: "version", value: "1.4.2", type: "text" },
      { key: "env", value: "e3144513a4094398857c992606ccba12", type: "host_group" },
    ],
    trigger_source: "0",
  });
});

test("a GitHub-style X-Hub-Signature-256 webhook is accepted too", async () => {
  const answer = await webhook({ task: "web-staging" }, { header: "X-Hub-Signature-256" });
  assert.equal(answer.status, 202, answer.text);
  assert.equal(service.stats().starts, 1);
});

test("a bad HMAC starts nothing: 401 for a wrong secret, a tampered body, a missing or malformed header", async () => {
  const payload = JSON.stringify({ task: "web-prod" });
  const cases = {
    "wrong secret": webhook(payload, { signature: sign(payload, "not-the-secret") }),
    "tampered body": webhook(JSON.stringify({ task: "web-staging" }), { signature: sign(payload) }),
    "no signature": webhook(payload, { signature: null }),
    "not hex": webhook(payload, { signature: `sha256=${"z".repeat(64)}` }),
    "too short": webhook(payload, { signature: sign(payload).slice(0, -2) }),
    "other algorithm": webhook(payload, { signature: sign(payload).replace("sha256=", "sha1=") }),
  };
  for (const [name, pending] of Object.entries(cases)) {
    const answer = await pending;
    assert.equal(answer.status, 401, `${name}: ${answer.text}`);
    assert.equal(answer.body.error.code, "ERR_WEBHOOK_SIGNATURE", name);
  }
  assert.equal(service.stats().requests, 0, "no request may reach the service");
});

test("an invalid webhook input gets 400 with every issue and sends nothing", async () => {
  const answer = await webhook({
    task: "web-prod",
    params: [
      { key: "version", value: "{{ inject }}", type: "text" },
      { key: "bad key!", value: "x", type: "secret" },
    ],
    recordId: "",
  });
  assert.equal(answer.status, 400, answer.text);
  assert.equal(answer.body.error.name, "ValidationError");
  assert.equal(answer.body.error.code, "ERR_VALIDATION");
  assert.deepEqual(
    answer.body.error.issues.map((issue) => [issue.path, issue.code, issue.rule]),
    [
      [["params", 0, "value"], "forbidden_sequence", "R8"],
      [["params", 1, "key"], "charset", "R7"],
      [["params", 1, "type"], "enum", "R9"],
      [["recordId"], "length", "R5"],
    ],
  );
  for (const issue of answer.body.error.issues) assert.equal(typeof issue.message, "string");

  const typo = await webhook({ task: "web-prod", trigger_source: "1" });
  assert.equal(typo.status, 400);
  assert.deepEqual(typo.body.error.issues.map((i) => [i.path, i.code]), [[["trigger_source"], "unknown_field"]]);

  assert.equal((await webhook("{not json")).body.error.code, "ERR_BAD_JSON");
  assert.equal((await webhook({ task: "nope" })).status, 404);
  assert.equal((await webhook({ task: "web-prod", taskId: GHOST_TASK_ID })).status, 400, "the payload cannot pick a task id");
  assert.equal((await webhook(["web-prod"])).status, 400);
  assert.equal(service.stats().requests, 0);
});

test("the service's answers become fitting statuses: 409 while deploying, 404 for an unknown task", async () => {
  assert.equal((await webhook({ task: "web-prod" })).status, 202);
  const again = await webhook({ task: "web-prod" });
  assert.equal(again.status, 409, again.text);
  assert.equal(again.body.error.name, "DeployApiError");
  assert.equal(again.body.error.kind, "conflict");
  assert.equal(again.body.error.mayHaveStarted, false, "a 409 says nothing started");
  assert.equal(again.body.error.errorCode, "Deploy.00011027");
  assert.match(again.body.error.requestId, /^[0-9a-f]{32}$/);
  assert.equal(again.body.error.attempts, 1, "a conflict is never retried");

  const ghost = await webhook({ task: "ghost" });
  assert.equal(ghost.status, 404, ghost.text);
  assert.equal(ghost.body.error.errorCode, "Deploy.00011020");
  assert.equal(service.stats().starts, 1);
});

test("the console's origin passes the preflight; another origin is refused", async () => {
  const preflight = (origin, method = "POST") =>
    call("/api/deployments", {
      method: "OPTIONS",
      headers: { Origin: origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": "content-type" },
    });
  const ok = await preflight(CONSOLE);
  assert.equal(ok.status, 204);
  assert.equal(ok.headers["access-control-allow-origin"], CONSOLE);
  assert.match(ok.headers["access-control-allow-methods"], /\bPOST\b/);
  assert.match(ok.headers["access-control-allow-headers"].toLowerCase(), /\bcontent-type\b/);
  assert.match(ok.headers.vary, /Origin/);

  for (const answer of [await preflight(OTHER), await preflight("null"), await preflight(CONSOLE, "DELETE")]) {
    assert.equal(answer.status, 403);
    assert.equal(answer.headers["access-control-allow-origin"], undefined);
  }

  // A real POST from elsewhere (or from no browser page at all) is refused too, and sends nothing.
  const input = { taskId: SPEC_EXAMPLE_TASK_ID };
  for (const origin of [OTHER, `${CONSOLE}:8443`, null]) {
    const answer = await fromConsole(input, { origin });
    assert.equal(answer.status, 403, String(origin));
    assert.equal(answer.body.error.code, "ERR_ORIGIN");
    assert.equal(answer.headers["access-control-allow-origin"], undefined);
  }
  assert.equal(service.stats().requests, 0);
});

test("the console route signs with the Worker's AK/SK (the service verifies) and returns the record", async () => {
  const answer = await fromConsole({
    taskId: SPEC_EXAMPLE_TASK_ID,
    params: [{ key: "db_password", value: "hunter2-encrypted", type: "encrypt" }],
    triggerSource: 1,
  });
  assert.equal(answer.status, 200, answer.text);
  assert.equal(answer.headers["access-control-allow-origin"], CONSOLE);
  assert.match(answer.body.id, /^[0-9a-f]{32}$/);
  assert.equal(answer.body.taskId, SPEC_EXAMPLE_TASK_ID);
  assert.ok(Array.isArray(answer.body.appComponentList));
  const { starts, lastStart } = service.stats();
  assert.equal(starts, 1);
  assert.equal(lastStart.auth, "aksk");
  assert.ok(lastStart.headersSeen.includes("authorization") && lastStart.headersSeen.includes("x-sdk-date"));
  assert.equal(lastStart.body.trigger_source, "1");
});

test("the console gets 400 with issues in its language, and 403 for a task outside DEPLOY_TASKS", async () => {
  const invalid = await fromConsole({ taskId: "short", params: [{ key: "k", value: "v" }] }, { headers: { "Accept-Language": "zh-CN,zh;q=0.9" } });
  assert.equal(invalid.status, 400);
  assert.equal(invalid.headers["access-control-allow-origin"], CONSOLE, "the page must be able to read the issues");
  assert.deepEqual(invalid.body.error.issues.map((i) => i.path), [["taskId"], ["params", 0, "type"]]);
  assert.match(invalid.body.error.issues[0].message, /[\u4e00-\u9fff]/);

  const english = await fromConsole({ taskId: "short" });
  assert.match(english.body.error.issues[0].message, /32 characters/);

  const outside = await fromConsole({ taskId: EXAMPLE_TASK_IDS[1] });
  assert.equal(outside.status, 403);
  assert.equal(outside.body.error.code, "ERR_TASK_NOT_ALLOWED");
  assert.equal(service.stats().requests, 0);
});

test("when the service refuses the Worker's keys the caller gets 502 (not 401), and no key", async () => {
  const wrongKeys = await startWorker({ ...bundle, bindings: bindings({ CODEARTS_SECRET_KEY: `${SECRET_KEY}-old` }) });
  try {
    const answer = await webhook({ task: "web-prod" }, { worker: wrongKeys });
    assert.equal(answer.status, 502, answer.text);
    assert.equal(answer.body.error.kind, "unauthorized");
    assert.equal(answer.body.error.errorCode, "APIGW.0301");
    assert.ok(!answer.text.includes(`${SECRET_KEY}-old`));
    assert.equal(service.stats().starts, 0);
  } finally {
    await wrongKeys.dispose();
  }
});

test("a misconfigured Worker answers 500 naming the missing binding, never a secret", async () => {
  const unconfigured = await startWorker({ ...bundle, bindings: bindings({ CODEARTS_ACCESS_KEY: undefined, CODEARTS_TOKEN: undefined }) });
  try {
    const answer = await webhook({ task: "web-prod" }, { worker: unconfigured });
    assert.equal(answer.status, 500);
    assert.equal(answer.body.error.code, "ERR_WORKER_CONFIG");
    assert.match(answer.body.error.message, /CODEARTS_ACCESS_KEY/);
    assert.equal(service.stats().requests, 0);
  } finally {
    await unconfigured.dispose();
  }
});

/** GETs a status URL (absolute, as the webhook answered it) from the Worker. */
function poll(statusUrl) {
  const { pathname, search } = new URL(statusUrl);
  return call(`${pathname}${search}`, { method: "GET" });
}

const runSig = (taskId, recordId) =>
  createHmac("sha256", WEBHOOK_SECRET).update(`runs/${taskId}/${recordId}`).digest("hex");

test("the webhook answers 202 at once with a status URL; polling it follows the run to succeeded", async () => {
  const started = await webhook({ task: "web-prod" });
  assert.equal(started.status, 202, started.text);
  const { recordId, statusUrl } = started.body;
  assert.equal(started.headers.location, statusUrl);
  const url = new URL(statusUrl);
  assert.equal(url.origin, "https://trigger.example.workers.dev");
  assert.equal(url.pathname, `/runs/${SPEC_EXAMPLE_TASK_ID}/${recordId}`);
  assert.equal(url.searchParams.get("sig"), runSig(SPEC_EXAMPLE_TASK_ID, recordId));
  assert.equal(service.stats().runs[recordId].status, "running", "the answer came before the run ended");

  const running = await poll(statusUrl);
  assert.equal(running.status, 200, running.text);
  assert.deepEqual(
    { ...running.body, requestId: undefined, startTime: undefined },
    { taskId: SPEC_EXAMPLE_TASK_ID, recordId, status: "running", done: false, step: "running", endTime: null,
      requestId: undefined, startTime: undefined },
  );
  assert.match(running.body.startTime, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  assert.match(running.body.requestId, /^[0-9a-f]{32}$/);
  assert.equal(running.headers["retry-after"], "5");
  assert.equal(running.headers["cache-control"], "no-store");

  clockOffset = RUNNING_MS;
  const done = await poll(statusUrl);
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.status, "succeeded");
  assert.equal(done.body.done, true);
  assert.equal(done.body.step, "finish");
  assert.match(done.body.endTime, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  assert.equal(done.headers["retry-after"], undefined);
  const stats = service.stats();
  assert.equal(stats.starts, 1);
  assert.equal(stats.statusRequests, 2);
  assert.equal(stats.lastRead.auth, "aksk", "the Worker signs its reads too");
});

test("a run that fails is followed to failed through its status URL", async () => {
  const started = await webhook({ task: "broken" });
  assert.equal(started.status, 202, started.text);
  assert.equal((await poll(started.body.statusUrl)).body.status, "running");
  clockOffset = RUNNING_MS;
  const done = await poll(started.body.statusUrl);
  assert.equal(done.status, 200, done.text);
  assert.deepEqual([done.body.status, done.body.done, done.body.step], ["failed", true, "finish"]);
});

test("the status URL needs its signature: 401 without or with a wrong one, and nothing is read", async () => {
  const started = await webhook({ task: "web-staging" });
  const { recordId, statusUrl } = started.body;
  const base = `/runs/${STAGING_TASK_ID}/${recordId}`;
  const cases = {
    "no sig": base,
    "wrong sig": `${base}?sig=${"0".repeat(64)}`,
    "sig of another run": `${base}?sig=${runSig(SPEC_EXAMPLE_TASK_ID, recordId)}`,
    "sig of the task in another case": `/runs/${STAGING_TASK_ID.toUpperCase()}/${recordId}?sig=${new URL(statusUrl).searchParams.get("sig")}`,
    "bad percent-encoding": `/runs/%E0%A4%A/${recordId}?sig=${runSig(STAGING_TASK_ID, recordId)}`,
  };
  for (const [name, path] of Object.entries(cases)) {
    const answer = await call(path, { method: "GET" });
    assert.equal(answer.status, 401, `${name}: ${answer.text}`);
    assert.equal(answer.body.error.code, "ERR_RUN_SIGNATURE", name);
  }
  const post = await call(new URL(statusUrl).pathname, { method: "POST" });
  assert.equal(post.status, 405);
  assert.equal(service.stats().statusRequests, 0);
});

test("a signed status URL for a record the service does not know gets the service's error", async () => {
  const recordId = "0123456789abcdef0123456789abcdef";
  const answer = await call(`/runs/${STAGING_TASK_ID}/${recordId}?sig=${runSig(STAGING_TASK_ID, recordId)}`, { method: "GET" });
  assert.equal(answer.status, 404, answer.text);
  assert.equal(answer.body.error.name, "DeployApiError");
  assert.equal(answer.body.error.errorCode, "Deploy.00021534");
  assert.equal(service.stats().statusRequests, 1);

  const badId = "short";
  const invalid = await call(`/runs/${STAGING_TASK_ID}/${badId}?sig=${runSig(STAGING_TASK_ID, badId)}`, { method: "GET" });
  assert.equal(invalid.status, 400, invalid.text);
  assert.equal(invalid.body.error.name, "ValidationError");
  assert.equal(service.stats().statusRequests, 1, "an invalid id is not sent");
});

test("no answer of the Worker ever contained its access key, secret key or webhook secret", () => {
  assert.ok(answers.length >= 30, `only ${answers.length} answers recorded`);
  for (const answer of answers) {
    const everything = JSON.stringify(answer);
    for (const secret of [ACCESS_KEY, SECRET_KEY, WEBHOOK_SECRET]) {
      assert.ok(!everything.includes(secret), `an answer (${answer.status}) holds a secret`);
    }
    assert.ok(!everything.includes("hunter2"), "an encrypt value leaked");
  }
});

test("`wrangler deploy --dry-run` bundles the example with its .wasm, and the bundle runs in workerd", async () => {
  const outdir = join(project, "dist");
  const { stdout } = await promisify(execFile)(process.execPath, [WRANGLER, "deploy", "--dry-run", "--outdir", outdir], {
    cwd: project,
    timeout: 60_000,
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: "false",
      CI: "1",
      XDG_CONFIG_HOME: join(project, ".config"),
      WRANGLER_LOG_PATH: join(project, ".logs"),
    },
  });
  assert.match(stdout, /--dry-run: exiting now/);
  const files = readdirSync(outdir);
  const wasm = files.filter((name) => name.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `expected one .wasm in ${files.join(", ")}`);
  assert.ok(files.includes("index.js"));
  const module = new WebAssembly.Module(readFileSync(join(outdir, wasm[0])));
  assert.ok(WebAssembly.Module.exports(module).some((entry) => entry.name === "validateStartDeployTask"));
  assert.ok(readFileSync(join(outdir, "index.js"), "utf8").includes(`from "./${wasm[0]}"`), "index.js imports the .wasm as a module");

  const deployed = await startWorker({ outdir, scriptPath: join(outdir, "index.js"), bindings: bindings() });
  try {
    const answer = await webhook({ task: "web-staging" }, { worker: deployed });
    assert.equal(answer.status, 202, answer.text);
    assert.equal(service.stats().starts, 1);
  } finally {
    await deployed.dispose();
  }
});

// Interop with the OFFICIAL Huawei Cloud Python SDK (issue 3, "Done when"): the SDK's own
// CodeArtsDeployClient, signing with AK/SK, starts a deployment on the local service and is
// accepted, which proves the service verifies real SDK signatures; then the package's client,
// in Node and in workerd (Miniflare), is accepted by the same service with the same keys. A
// wrong SK is refused (401 APIGW.0301) for all three, and the service's start count is checked
// after every call.
//
// The SDK lives in a virtual environment made from tests/interop/requirements.txt (pinned) and
// cached under target/interop-venv/<hash>, the hash covering the requirements file and the
// Python version: a fresh machine builds it (pip install from PyPI, ~10 s), later runs reuse it.
// The SDK runs with HOME in a temporary folder (importing it writes
// $HOME/.huaweicloud/application_id). Needs `python3` with the venv module (or $PYTHON).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { CodeArtsDeployClient, DeployApiError } from "codearts-deploy-wasm";
import { startService, SPEC_EXAMPLE_TASK_ID } from "../service/service.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const requirementsPath = join(root, "tests/interop/requirements.txt");
const scriptPath = join(root, "tests/interop/start_deploy_task.py");
const venvRoot = join(root, "target/interop-venv");
const PYTHON = process.env.PYTHON || "python3";

// Fixed keys, not the service's defaults: the service is started with exactly these.
const AK = "INTEROPAK00000000001";
const SK = "interop-secret-key-0123456789abcdef";
const TEMP_AK = "INTEROPAK00000000002";
const TEMP_SK = "interop-temporary-secret-key-abcdef";
const SECURITY_TOKEN = "interop-security-token+/AbCd==";
const PROJECT_ID = "0123456789abcdef0123456789abcdef";
const WRONG_SK = `${SK.slice(0, -1)}X`;

const input = {
  taskId: SPEC_EXAMPLE_TASK_ID,
  params: [
    { key: "string", value: "test", type: "text" },
    { key: "env", value: "e3144513a4094398857c992606ccba12", type: "host_group" },
    { key: "enum", value: "value1", type: "enum" },
  ],
  triggerSource: "0",
};

let service, home, mf, outdir, python, venvNote;

/** Runs a command without blocking the event loop (the service answers from this process). */
function run(command, args, { env = process.env, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

async function mustRun(command, args, options) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.code ?? result.signal}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/**
 * The venv's python, made on first use: target/interop-venv/<hash>/ holds a venv with the pinned
 * SDK and a `ready` marker written last, so an interrupted install is never reused. Built in a
 * temporary sibling and renamed into place, so two runs at once cannot see half a venv.
 */
async function interopPython() {
  const version = (await mustRun(PYTHON, ["-c", "import sys; print(sys.version)"])).stdout.trim();
  const key = createHash("sha256").update(readFileSync(requirementsPath)).update(version).digest("hex").slice(0, 16);
  const venv = join(venvRoot, key);
  const venvPython = join(venv, "bin", "python");
  if (existsSync(join(venv, "ready")) && existsSync(venvPython)) return { python: venvPython, cached: true };

  mkdirSync(venvRoot, { recursive: true });
  for (const entry of readdirSync(venvRoot)) {
    if (entry !== key && !entry.includes(".tmp-")) rmSync(join(venvRoot, entry), { recursive: true, force: true });
  }
  rmSync(venv, { recursive: true, force: true });
  const staging = `${venv}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    await mustRun(PYTHON, ["-m", "venv", staging]);
    await mustRun(join(staging, "bin", "python"), [
      "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input", "-r", requirementsPath,
    ], { env: { ...process.env, PIP_NO_INPUT: "1" } });
    writeFileSync(join(staging, "ready"), `${version}\n`);
    renameSync(staging, venv);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(venv, "ready"))) throw error; // another run finished the same venv first
  }
  return { python: venvPython, cached: false };
}

/** Runs tests/interop/start_deploy_task.py with the official SDK; returns its exit code and JSON line. */
async function pythonStart({ accessKey, secretKey, securityToken, projectId = PROJECT_ID }) {
  const env = {
    ...process.env,
    HOME: home,
    PYTHONDONTWRITEBYTECODE: "1",
    NO_PROXY: "127.0.0.1,localhost",
    no_proxy: "127.0.0.1,localhost",
    CODEARTS_AK: accessKey,
    CODEARTS_SK: secretKey,
    CODEARTS_PROJECT_ID: projectId,
  };
  if (securityToken) env.CODEARTS_SECURITY_TOKEN = securityToken;
  const result = await run(python, [scriptPath, service.url, SPEC_EXAMPLE_TASK_ID], { env, timeoutMs: 60_000 });
  const lines = result.stdout.trim().split("\n");
  let output;
  try {
    output = JSON.parse(lines.at(-1));
  } catch {
    assert.fail(`the SDK script printed no JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  return { code: result.code, output, stderr: result.stderr };
}

/** The pinned versions of the two SDK packages, read from the requirements file. */
function pinned() {
  const pins = {};
  for (const line of readFileSync(requirementsPath, "utf8").split("\n")) {
    const m = /^(huaweicloudsdk\w+)==(\S+)/.exec(line.trim());
    if (m) pins[m[1]] = m[2];
  }
  return pins;
}

before(async () => {
  const started = Date.now();
  const venv = await interopPython();
  python = venv.python;
  venvNote = `interop venv ${venv.cached ? "reused" : "created"} in ${Date.now() - started} ms: ${python}`;
  home = mkdtempSync(join(tmpdir(), "codearts-interop-home-"));
  service = await startService({
    tokens: [],
    credentials: [
      { accessKey: AK, secretKey: SK },
      { accessKey: TEMP_AK, secretKey: TEMP_SK, securityToken: SECURITY_TOKEN },
    ],
  });
  outdir = mkdtempSync(join(tmpdir(), "codearts-interop-workerd-"));
  await build({
    entryPoints: [fileURLToPath(new URL("../workerd/worker.js", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    loader: { ".wasm": "copy" },
    outdir,
    logLevel: "warning",
  });
  mf = new Miniflare({
    modules: true,
    modulesRoot: outdir,
    scriptPath: join(outdir, "worker.js"),
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2026-04-01",
  });
  await mf.ready;
}, { timeout: 180_000 });

after(async () => {
  await mf?.dispose();
  await service?.close();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
  if (home) rmSync(home, { recursive: true, force: true });
});

const stats = () => service.stats();

test("the official Python SDK (pinned versions) starts a deployment with AK/SK and is accepted", async (t) => {
  t.diagnostic(venvNote);
  service.reset();
  const { code, output, stderr } = await pythonStart({ accessKey: AK, secretKey: SK });
  assert.equal(code, 0, `${JSON.stringify(output)}\n${stderr}`);
  assert.deepEqual(output.sdk, pinned(), "the SDK that ran is the pinned one");
  assert.equal(output.outcome, "accepted");
  assert.equal(output.status, 200);
  assert.match(output.id, /^[0-9a-f]{32}$/);
  assert.equal(output.task_id, SPEC_EXAMPLE_TASK_ID);
  assert.equal(output.job_name.length, 50);
  assert.equal(stats().starts, 1);
  const last = stats().lastStart;
  assert.equal(last.auth, "aksk");
  assert.equal(last.projectId, PROJECT_ID);
  assert.equal(last.body.trigger_source, "0");
  // What the SDK really sent: its signature headers, and a User-Agent it signs.
  for (const name of ["authorization", "x-sdk-date", "host", "user-agent", "x-project-id"]) {
    assert.ok(last.headersSeen.includes(name), `${name} in ${last.headersSeen}`);
  }
  assert.ok(existsSync(join(home, ".huaweicloud")), "the SDK wrote into the temporary HOME, not the real one");
});

test("the official Python SDK with a wrong SK is refused: 401 APIGW.0301, nothing started", async () => {
  service.reset();
  const { code, output } = await pythonStart({ accessKey: AK, secretKey: WRONG_SK });
  assert.equal(code, 3, JSON.stringify(output));
  assert.equal(output.outcome, "refused");
  assert.equal(output.status, 401);
  assert.equal(output.error_code, "APIGW.0301");
  assert.match(output.request_id, /^[0-9a-f]{32}$/);
  assert.equal(stats().starts, 0);
  assert.equal(stats().rejected, 1);
});

test("the official Python SDK with temporary credentials (signed X-Security-Token) is accepted, and refused with a wrong SK", async () => {
  service.reset();
  const ok = await pythonStart({ accessKey: TEMP_AK, secretKey: TEMP_SK, securityToken: SECURITY_TOKEN });
  assert.equal(ok.code, 0, JSON.stringify(ok.output));
  assert.ok(stats().lastStart.headersSeen.includes("x-security-token"));
  const bad = await pythonStart({ accessKey: TEMP_AK, secretKey: `${TEMP_SK}x`, securityToken: SECURITY_TOKEN });
  assert.equal(bad.code, 3, JSON.stringify(bad.output));
  assert.equal(bad.output.error_code, "APIGW.0301");
  assert.equal(stats().starts, 1);
});

test("the package's client in Node, same service, same keys: accepted; a wrong SK is refused", async () => {
  service.reset();
  const config = { endpoint: service.url, accessKey: AK, secretKey: SK, projectId: PROJECT_ID };
  const record = await new CodeArtsDeployClient(config).startDeployTask(input);
  assert.match(record.id, /^[0-9a-f]{32}$/);
  assert.equal(record.taskId, SPEC_EXAMPLE_TASK_ID);
  assert.equal(stats().starts, 1);
  assert.equal(stats().lastStart.auth, "aksk");
  assert.equal(stats().lastStart.projectId, PROJECT_ID);

  const error = await new CodeArtsDeployClient({ ...config, secretKey: WRONG_SK }).startDeployTask(input).catch((e) => e);
  assert.ok(error instanceof DeployApiError, String(error));
  assert.equal(error.status, 401);
  assert.equal(error.errorCode, "APIGW.0301");
  assert.equal(stats().starts, 1);

  const temporary = { endpoint: service.url, accessKey: TEMP_AK, secretKey: TEMP_SK, securityToken: SECURITY_TOKEN };
  await new CodeArtsDeployClient(temporary).startDeployTask(input);
  assert.equal(stats().starts, 2);
  const refused = await new CodeArtsDeployClient({ ...temporary, secretKey: `${TEMP_SK}x` }).startDeployTask(input).catch((e) => e);
  assert.equal(refused.errorCode, "APIGW.0301");
  assert.equal(stats().starts, 2);
});

test("the package's client in workerd (Miniflare), same service, same keys: accepted; a wrong SK is refused", async () => {
  service.reset();
  const call = async (config) =>
    (await mf.dispatchFetch("http://worker/deploy", { method: "POST", body: JSON.stringify({ config: { endpoint: service.url, auth: "aksk", ...config }, input }) })).json();

  const ok = await call({ accessKey: AK, secretKey: SK, projectId: PROJECT_ID });
  assert.equal(ok.ok, true, JSON.stringify(ok));
  assert.match(ok.record.id, /^[0-9a-f]{32}$/);
  assert.equal(stats().starts, 1);
  assert.equal(stats().lastStart.auth, "aksk");
  assert.equal(stats().lastStart.projectId, PROJECT_ID);

  const bad = await call({ accessKey: AK, secretKey: WRONG_SK, projectId: PROJECT_ID });
  assert.equal(bad.ok, false);
  assert.equal(bad.error.name, "DeployApiError");
  assert.equal(bad.error.status, 401);
  assert.equal(bad.error.errorCode, "APIGW.0301");
  assert.equal(stats().starts, 1);

  const temporary = await call({ accessKey: TEMP_AK, secretKey: TEMP_SK, securityToken: SECURITY_TOKEN });
  assert.equal(temporary.ok, true, JSON.stringify(temporary));
  assert.equal(stats().starts, 2);
  const refused = await call({ accessKey: TEMP_AK, secretKey: `${TEMP_SK}x`, securityToken: SECURITY_TOKEN });
  assert.equal(refused.error.errorCode, "APIGW.0301");
  assert.equal(stats().starts, 2);
});

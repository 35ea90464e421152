// The validate-only entry `codearts-deploy-wasm/validate`: its own small .wasm, the same answers
// as the main entry's validateStartDeployTask (on the bench corpus and on hostile inputs), the
// same error classes, the Standard Schema objects; in Node, in a browser bundle in headless
// Chromium and in a Worker in workerd (Miniflare).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import * as validateEntry from "codearts-deploy-wasm/validate";
import * as mainEntry from "codearts-deploy-wasm";
import { validationInput, PARAM_COUNTS } from "../../bench/corpus.mjs";
import { bundleWorker, startWorker } from "./helpers/worker.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TASK = "d2dc947ec2424d8789bb3984bb3adf45";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"];
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm" };

/** Inputs both entries must answer alike: the corpus, odd values and hostile ones. */
function inputs() {
  const boom = () => {
    throw new Error("boom");
  };
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const corpus = PARAM_COUNTS.flatMap((n) => [validationInput(n, true), validationInput(n, false)]);
  return [
    ...corpus,
    undefined, null, 0, NaN, "x", [], () => 1, new Uint8Array(2), 10n,
    { taskId: TASK, params: [{ key: "k", value: "a\uD83D", type: "encrypt" }] },
    { taskId: TASK.slice(0, 31) + "\uDC00", trigger_source: 0, color: "red" },
    { taskId: TASK, params: [{ key: "bad key", value: "{{x}}{%", type: "nope", extra: 1 }, null, 5] },
    { taskId: TASK, triggerSource: NaN, recordId: 1 },
    Object.defineProperty({ recordId: 2 }, "taskId", { enumerable: true, get: boom }),
    { taskId: TASK, params: new Proxy([], { get: boom }) },
    { taskId: revoked.proxy, params: [revoked.proxy] },
    { taskId: TASK, params: new Array(2 ** 32 - 1) },
    { taskId: TASK, params: [{ key: "k", value: "😀".repeat(4097), type: "text" }] },
  ];
}

test("the validate entry exports the validation API and nothing of the client", () => {
  assert.deepEqual(Object.keys(validateEntry).sort(), [
    "AbortError", "CodeArtsDeployError", "ConfigError", "DeployApiError", "NetworkError",
    "ResponseFormatError", "TimeoutError", "ValidationError", "createStartDeployTaskSchema",
    "startDeployTaskSchema", "validateStartDeployTask",
  ]);
  for (const name of ["ValidationError", "ConfigError", "CodeArtsDeployError"]) {
    assert.equal(validateEntry[name], mainEntry[name], `${name} is the same class in both entries`);
  }
});

test("the validate entry loads its own .wasm, without the client's code", () => {
  const own = readFileSync(join(ROOT, "pkg/validate/validate_bg.wasm"));
  const full = readFileSync(join(ROOT, "pkg/codearts_deploy_wasm_bg.wasm"));
  assert.ok(WebAssembly.validate(own));
  assert.ok(own.length * 3 < full.length, `validate-only .wasm ${own.length} B vs ${full.length} B`);
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(own)).map((e) => e.name);
  assert.ok(exports.includes("validateStartDeployTask"));
  for (const name of ["signRequest", "buildStartDeployTaskRequest", "codeartsdeployclient_new"]) {
    assert.ok(!exports.some((e) => e.toLowerCase() === name.toLowerCase()), `${name} is not in the validate-only module`);
  }
});

test("in Node the validate entry answers exactly as the main entry, in both languages", () => {
  for (const [i, input] of inputs().entries()) {
    for (const options of [undefined, { locale: "zh-CN" }]) {
      assert.deepEqual(validateEntry.validateStartDeployTask(input, options), mainEntry.validateStartDeployTask(input, options), `input #${i}`);
    }
  }
});

test("the validate entry's Standard Schema objects answer as the main entry's", () => {
  const bad = { taskId: "x" };
  assert.deepEqual(validateEntry.startDeployTaskSchema["~standard"].validate(bad), mainEntry.startDeployTaskSchema["~standard"].validate(bad));
  const zh = validateEntry.createStartDeployTaskSchema({ locale: "zh-CN" });
  assert.match(zh["~standard"].validate(bad).issues[0].message, /长度/);
  assert.throws(() => validateEntry.createStartDeployTaskSchema({ locale: "fr" }), validateEntry.ConfigError);
  const good = { taskId: TASK };
  assert.equal(validateEntry.startDeployTaskSchema["~standard"].validate(good).value, good);
});

let site, server, browser;

before(async () => {
  site = mkdtempSync(join(tmpdir(), "codearts-validate-page-"));
  mkdirSync(join(site, "node_modules"));
  symlinkSync(ROOT, join(site, "node_modules", "codearts-deploy-wasm"), "dir");
  writeFileSync(
    join(site, "app.mjs"),
    'import { validateStartDeployTask, ValidationError } from "codearts-deploy-wasm/validate";\n' +
      "window.validate = validateStartDeployTask; window.ValidationError = ValidationError; window.ready = true;\n",
  );
  await build({
    entryPoints: [join(site, "app.mjs")],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    outdir: join(site, "assets"),
    supported: { "top-level-await": true },
    loader: { ".wasm": "copy" },
    logLevel: "warning",
  });
  // The bundle fetches the .wasm relative to itself, where a deploy step copies it.
  mkdirSync(join(site, "pkg/validate"), { recursive: true });
  writeFileSync(join(site, "pkg/validate/validate_bg.wasm"), readFileSync(join(ROOT, "pkg/validate/validate_bg.wasm")));
  writeFileSync(join(site, "index.html"), '<!doctype html><script type="module" src="assets/app.js"></script>');
  server = await new Promise((done) => {
    const http = createServer((req, res) => {
      const path = new URL(req.url, "http://x").pathname.replace(/\.\.+/g, "");
      const file = join(site, path === "/" ? "index.html" : path);
      try {
        if (!statSync(file).isFile()) throw new Error("not a file");
        res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
        res.end(readFileSync(file));
      } catch {
        res.writeHead(404).end();
      }
    });
    http.listen(0, "127.0.0.1", () => done(http));
  });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((done) => (server ? server.close(done) : done()));
  if (site) rmSync(site, { recursive: true, force: true });
});

test("a page bundled with the validate entry validates in Chromium, fetching only the small .wasm", async () => {
  const page = await browser.newPage();
  const problems = [];
  const wasm = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("response", (response) => response.url().endsWith(".wasm") && wasm.push(new URL(response.url()).pathname));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => window.ready === true, null, { timeout: 20_000 });
  const cases = [{ taskId: "x" }, { taskId: TASK, params: [{ key: "k", value: "a\uD800", type: "text" }] }, validationInput(50, false), validationInput(3, true)];
  for (const input of cases) {
    const inPage = await page.evaluate((value) => window.validate(value, { locale: "zh-CN" }), input);
    assert.deepEqual(inPage, mainEntry.validateStartDeployTask(input, { locale: "zh-CN" }));
  }
  const lone = await page.evaluate(() => window.validate({ taskId: "a".repeat(31) + "\uDC00" }).issues[0].message);
  assert.match(lone, /unpaired UTF-16 surrogate at position 32/);
  assert.deepEqual(wasm, ["/pkg/validate/validate_bg.wasm"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a Worker importing the validate entry validates in workerd", async () => {
  const bundle = await bundleWorker(fileURLToPath(new URL("../workerd/validate-worker.js", import.meta.url)));
  const mf = await startWorker(bundle);
  try {
    const post = async (path, body) => (await mf.dispatchFetch(`http://worker${path}`, { method: "POST", body: JSON.stringify(body) })).json();
    for (const input of [{ taskId: 1 }, validationInput(50, false), validationInput(3, true), { taskId: TASK, recordId: "r" }]) {
      assert.deepEqual(await post("/validate", { input, locale: "zh-CN" }), mainEntry.validateStartDeployTask(input, { locale: "zh-CN" }));
    }
    const schema = await post("/schema", { input: { taskId: "x" } });
    assert.equal(schema.issues[0].rule, "R1");
    assert.deepEqual(await (await mf.dispatchFetch("http://worker/classes")).json(), { subclass: true });
    const shipped = (await import("node:fs")).readdirSync(bundle.outdir).filter((f) => f.endsWith(".wasm"));
    assert.equal(shipped.length, 1);
    assert.equal(statSync(join(bundle.outdir, shipped[0])).size, statSync(join(ROOT, "pkg/validate/validate_bg.wasm")).size);
  } finally {
    await mf.dispose();
    bundle.dispose();
  }
});

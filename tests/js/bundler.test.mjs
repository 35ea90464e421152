// The package inside a bundled browser app: tests/bundler-app/build.mjs builds it with esbuild
// (minified, platform browser) exactly as its README says; the test serves the result on
// 127.0.0.1, opens it in headless Chromium and checks that the app validated, started one
// deployment on the local CodeArts Deploy service and kept the error classes intact.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { launchChromium, runReportPage, serveStatic, stopServer } from "./helpers/browser.mjs";
import { startService, DEFAULT_TOKEN, SPEC_EXAMPLE_TASK_ID } from "../service/service.mjs";

const BUILD = fileURLToPath(new URL("../bundler-app/build.mjs", import.meta.url));

let service, site, server, browser, buildOutput;
const served = [];

before(async () => {
  site = mkdtempSync(join(tmpdir(), "codearts-bundler-app-"));
  buildOutput = await promisify(execFile)(process.execPath, [BUILD, site], { timeout: 60_000 });
  service = await startService({ anyTask: true });
  server = await serveStatic(site, served);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await stopServer(server);
  await service?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

test("esbuild bundles the browser entry, minified, with the .wasm beside it and no Node code", () => {
  const bundle = readFileSync(join(site, "assets/main.js"), "utf8");
  assert.ok(!/node:fs|readFileSync/.test(bundle), "the browser bundle must not carry the Node entry");
  assert.ok(bundle.includes("../pkg/codearts_deploy_wasm_bg.wasm"), "the browser entry locates its .wasm next to the bundle");
  assert.ok(bundle.split("\n").length < 50, "the bundle is minified");
  const wasm = readFileSync(join(site, "pkg/codearts_deploy_wasm_bg.wasm"));
  assert.ok(WebAssembly.validate(wasm));
});

test("esbuild bundles the package without a warning (its build logs warnings and errors)", () => {
  assert.equal(buildOutput.stderr, "");
  assert.equal(buildOutput.stdout, "");
});

test("the bundled app runs in Chromium: it validates, starts one deployment, and its errors keep their classes", async () => {
  const query = new URLSearchParams({ endpoint: service.url, token: DEFAULT_TOKEN, taskId: SPEC_EXAMPLE_TASK_ID });
  const { text, problems, wasmStatuses: wasmResponses } = await runReportPage(
    browser,
    `http://127.0.0.1:${server.address().port}/?${query}`,
  );

  // The app's own 401 (wrong token) is logged by Chromium as a failed resource load; nothing else may be.
  const unexpected = problems.filter((line) => !/status of 401/.test(line));
  assert.deepEqual(unexpected, [], `the page reported errors:\n${problems.join("\n")}\n${text}`);
  const report = JSON.parse(text);
  assert.deepEqual(wasmResponses, [200], "one .wasm download");
  assert.ok(served.includes("/pkg/codearts_deploy_wasm_bg.wasm"));

  assert.equal(report.regions, 9);
  assert.deepEqual(report.formIssues, [
    { field: "taskId", code: "length" },
    { field: "params.0.value", code: "forbidden_sequence" },
  ]);
  assert.equal(report.valid, true);
  assert.equal(report.error, undefined, JSON.stringify(report.error));
  assert.match(report.record.id, /^[0-9a-f]{32}$/);
  assert.equal(report.record.taskId, SPEC_EXAMPLE_TASK_ID);
  assert.match(report.record.requestId, /^[0-9a-f]{32}$/, "the service's CORS exposes X-Request-Id to the page");
  assert.deepEqual(report.invalid, { name: "ValidationError", code: "ERR_VALIDATION", isValidationError: true });
  assert.deepEqual(report.denied, { name: "DeployApiError", errorCode: "APIGW.0301", isDeployApiError: true });

  const stats = service.stats();
  assert.equal(stats.starts, 1, "exactly one deployment started");
  assert.equal(stats.requests, 2, "the started one and the refused one; the invalid input sent nothing");
  assert.deepEqual(stats.lastStart.body, { params: [{ key: "version", value: "1.4.2", type: "text" }], trigger_source: "0" });
});

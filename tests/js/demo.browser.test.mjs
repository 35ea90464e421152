// The demo page in a real browser: Chromium (playwright-core) against the demo server started
// in-process (scripts/demo.mjs: the page, the package files and the local CodeArts Deploy
// service on one port). The tests run in order on one page, as a person would use it.
// Runs stay "running" on the service until a test moves the service's clock (clockOffset), so
// the page's progress is seen before the end, whatever the machine's speed.
//
// Run after a build:  node --test tests/js/demo.browser.test.mjs
// Screenshots go to test-results/ (demo-form.png, demo-response.png, demo-error.png,
// demo-phone.png, demo-run-succeeded.png, demo-run-failed.png). docs/demo.png, the README's copy
// (a run followed to its end), is written when it is missing or when UPDATE_DOCS_SCREENSHOT=1, so
// a test run does not rewrite a committed file every time.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import { after, before, test } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { listRegions } from "codearts-deploy-wasm";
import { chromium } from "playwright-core";
import { startDemo } from "../../scripts/demo.mjs";

const ROOT = new URL("../../", import.meta.url);
const RESULTS = fileURLToPath(new URL("test-results/", ROOT));
const DOCS_SHOT = fileURLToPath(new URL("docs/demo.png", ROOT));
const EXAMPLE_TASK_ID = "d2dc947ec2424d8789bb3984bb3adf45";
/** How long a run stays running on the service's clock; the tests jump the clock past it. */
const RUNNING_MS = 600_000;
let clockOffset = 0;
const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

let demo;
let browser;
let page;
const pageErrors = [];
const consoleErrors = [];
const wasmResponses = [];

/** Reads `read()` until `ok(value)` or the timeout; returns the last value (the caller asserts on it). */
async function eventually(read, ok, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await delay(50);
    value = await read();
  }
  return value;
}

/** The text of the message elements a control points at with aria-describedby (ids ending in -error). */
function errorText(locator) {
  return locator.evaluate((element) => (element.getAttribute("aria-describedby") ?? "")
    .split(/\s+/).filter((id) => id.endsWith("-error"))
    .map((id) => document.getElementById(id)?.textContent ?? "").join(" | "));
}

const taskIdField = () => page.getByLabel("Task ID", { exact: true });
const button = (name) => page.getByRole("button", { name, exact: true });
const paramField = (n, field) => page.getByLabel(`Parameter ${n} ${field}`, { exact: true });
const paramKeys = () => page.locator('#params [data-part="key"]').evaluateAll((inputs) => inputs.map((input) => input.value));
const previewText = () => page.locator("#preview").textContent();

/** Clicks Send and waits for the n-th call's outcome in the response panel. */
async function sendAndWait(n) {
  await button("Send").click();
  const result = page.locator(`#response .result[data-outcome="${n}"]`);
  await result.waitFor({ timeout: 15000 });
  return result;
}

/** The value of a row of the response's definition list. */
function detail(result, label) {
  return result.locator(`dt:text-is("${label}") + dd`).textContent();
}

before(async () => {
  await mkdir(RESULTS, { recursive: true });
  demo = await startDemo({ port: 0, runningMs: RUNNING_MS, now: () => Date.now() + clockOffset });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: demo.url });
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    // The browser logs every non-2xx answer; the API's (the bad-token step's 401) are expected.
    if (message.type() === "error" && !message.location().url.includes("/v2/tasks/")) consoleErrors.push(message.text());
  });
  page.on("response", (response) => {
    if (response.url().endsWith(".wasm")) wasmResponses.push({ status: response.status(), type: response.headers()["content-type"] });
  });
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

test("the page loads the package by its name and starts with Send disabled", async () => {
  await page.goto(`${demo.url}/`);
  await page.locator("html[data-ready='true']").waitFor({ state: "attached", timeout: 15000 });

  assert.deepEqual(wasmResponses, [{ status: 200, type: "application/wasm" }]);
  const regions = await page.locator("#target-regions option").evaluateAll((options) => options.map((option) => option.value));
  assert.deepEqual(regions, listRegions());
  assert.equal(await page.locator("#target").inputValue(), "local", "the local service is the default target");
  assert.equal(await page.getByLabel("Token (X-Auth-Token)").inputValue(), demo.token, "the demo token is filled in");
  assert.equal(await button("Send").isDisabled(), true, "nothing to send yet");
  assert.match(await page.locator("#summary").textContent(), /taskId is required|taskId must be exactly 32/);

  const unlabelled = await page.locator("input, select").evaluateAll((controls) => controls
    .filter((control) => control.labels.length === 0 && !control.getAttribute("aria-label"))
    .map((control) => control.id || control.outerHTML));
  assert.deepEqual(unlabelled, [], "every field has a label");
});

test("an invalid task id shows its message at that field; fixing it clears the message", async () => {
  const field = taskIdField();
  await field.pressSequentially("abc12");
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  assert.match(await errorText(field), /taskId must be exactly 32 characters long \(it has 5\)/);
  assert.match(await page.locator("#summary").textContent(), /1 problem to fix[\s\S]*it has 5/);
  assert.equal(await button("Send").isDisabled(), true);

  await field.fill(EXAMPLE_TASK_ID);
  assert.equal(await field.getAttribute("aria-invalid"), null);
  assert.equal(await errorText(field), "");
  assert.match(await page.locator("#summary").textContent(), /Ready to send/);
  assert.equal(await button("Send").isDisabled(), false);
});

test("a parameter value holding {{ is rejected at that value", async () => {
  await button("Add parameter").click();
  await paramField(1, "key").pressSequentially("greeting");
  await paramField(1, "value").pressSequentially("hello {{ name }}");

  assert.equal(await paramField(1, "value").getAttribute("aria-invalid"), "true");
  assert.match(await errorText(paramField(1, "value")), /params\[0\]\.value must not contain "\{\{"/);
  assert.equal(await paramField(1, "key").getAttribute("aria-invalid"), null, "the key is fine");
  assert.equal(await button("Send").isDisabled(), true);
  assert.doesNotMatch(await previewText(), /POST/, "no preview while invalid");

  await paramField(1, "value").fill("hello");
  assert.equal(await paramField(1, "value").getAttribute("aria-invalid"), null);
  assert.equal(await button("Send").isDisabled(), false);
  assert.match(await previewText(), /"key": "greeting", "value": "hello", "type": "text"/);
});

test("an encrypt value is masked in its field, the preview and the copied curl; rows reorder and go", async () => {
  await button("Add parameter").click();
  await paramField(2, "key").fill("db.password");
  await paramField(2, "type").selectOption("encrypt");
  await paramField(2, "value").fill("s3cret-value");
  assert.equal(await paramField(2, "value").getAttribute("type"), "password");
  const reveal = page.getByRole("button", { name: "Show the value of parameter 2" });
  await reveal.click();
  assert.equal(await paramField(2, "value").getAttribute("type"), "text");
  assert.equal(await reveal.getAttribute("aria-pressed"), "true");
  await reveal.click();
  assert.equal(await paramField(2, "value").getAttribute("type"), "password");

  const preview = await previewText();
  assert.match(preview, /"key": "db.password", "value": "\*{8}", "type": "encrypt"/);
  assert.match(preview, /X-Auth-Token: \*{8}/);
  assert.ok(!preview.includes("s3cret-value") && !preview.includes(demo.token), "no secret in the preview");

  await button("Copy as curl").click();
  await eventually(() => page.locator("#copy-status").textContent(), (text) => text.length > 0);
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(curl, /-H "X-Auth-Token: \$CODEARTS_TOKEN"/);
  assert.match(curl, /"value":"'"\$CODEARTS_PARAM_DB_PASSWORD"'"/);
  assert.match(curl, new RegExp(`curl -i -X POST '${demo.url}/v2/tasks/${EXAMPLE_TASK_ID}/start'`));
  assert.ok(!curl.includes("s3cret-value") && !curl.includes(demo.token), "no secret in the curl command");

  await page.getByRole("button", { name: "Move parameter 2 up" }).click();
  assert.deepEqual(await paramKeys(), ["db.password", "greeting"]);
  assert.equal(await page.getByRole("button", { name: "Move parameter 1 up" }).isDisabled(), true);
  await page.getByRole("button", { name: "Remove parameter 1" }).click();
  assert.deepEqual(await paramKeys(), ["greeting"]);
  await page.getByRole("button", { name: "Remove parameter 1" }).click();
  assert.deepEqual(await paramKeys(), []);
  assert.doesNotMatch(await previewText(), /"params"/, "no params: the body leaves them out");
});

test("Load example fills in the API reference's example request", async () => {
  await taskIdField().fill("");
  await button("Load example").click();
  assert.equal(await taskIdField().inputValue(), EXAMPLE_TASK_ID);
  assert.deepEqual(await paramKeys(), ["string", "env", "enum"]);
  assert.equal(await paramField(2, "type").inputValue(), "host_group");
  assert.equal(await page.getByLabel("Trigger source").inputValue(), "0");
  assert.match(await page.locator("#summary").textContent(), /Ready to send/);
  assert.equal(await button("Send").isDisabled(), false);
  const preview = await previewText();
  assert.ok(preview.startsWith(`POST ${demo.url}/v2/tasks/${EXAMPLE_TASK_ID}/start\n`), preview);
  assert.match(preview, /"trigger_source": "0"/);
  await page.screenshot({ path: `${RESULTS}demo-form.png`, fullPage: true });
});

test("Send starts a deployment on the local service and shows the 200 record", async () => {
  const before = demo.stats();
  const result = await sendAndWait(1);
  assert.match(await result.locator(".badge").textContent(), /^200 OK$/);
  const recordId = await detail(result, "Record ID");
  assert.match(recordId, /^[0-9a-f]{32}$/);
  assert.match(await detail(result, "Job name"), new RegExp(`^job_${recordId}_\\d{13}$`));
  assert.match(await detail(result, "Request ID"), /^[0-9a-f]{32}$/);
  assert.match(await detail(result, "Latency"), /^\d+ ms$|^\d+\.\d s$/);

  const after = demo.stats();
  assert.equal(after.starts, before.starts + 1, "the service started exactly one deployment");
  assert.equal(after.lastStart.taskId, EXAMPLE_TASK_ID);
  assert.deepEqual(after.lastStart.body.params.map((param) => param.key), ["string", "env", "enum"]);
  assert.equal(after.lastStart.auth, "token");
  assert.match(await page.locator("#history li").first().textContent(), /200 OK/);
  assert.equal(await button("Send").isDisabled(), false);

  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${RESULTS}demo-response.png`, fullPage: true });
});

test("a bad token gets the typed APIGW.0301 error, readable on the page", async () => {
  const before = demo.stats();
  await page.getByLabel("Token (X-Auth-Token)").fill("not-the-demo-token");
  const result = await sendAndWait(2);
  assert.equal(await result.locator(".badge").textContent(), "401 APIGW.0301");
  assert.equal(await detail(result, "Error"), "DeployApiError (ERR_DEPLOY_API)");
  assert.equal(await detail(result, "Error code"), "APIGW.0301");
  assert.equal(await detail(result, "Kind"), "unauthorized");
  assert.match(await detail(result, "Message"), /401 APIGW\.0301/);
  assert.match(await detail(result, "Request ID"), /^[0-9a-f]{32}$/);
  assert.match(await result.locator(".explain").textContent(), /refused the credentials/);
  assert.ok(!(await result.textContent()).includes("not-the-demo-token"), "the token is not shown");
  assert.equal(demo.stats().starts, before.starts, "nothing started");
  await page.screenshot({ path: `${RESULTS}demo-error.png`, fullPage: true });
  await page.getByLabel("Token (X-Auth-Token)").fill(demo.token);
});

test("Cancel stops a slow call (fault prefix delay=5000)", async () => {
  await page.getByLabel("Endpoint", { exact: true }).selectOption("custom");
  await page.getByLabel("Endpoint URL").fill(`${demo.url}/__fault/delay=5000`);
  assert.match(await previewText(), /\/__fault\/delay=5000\/v2\/tasks\//);
  const before = demo.stats();

  await button("Send").click();
  assert.equal(await button("Cancel").isEnabled(), true, "Cancel is on while the call runs");
  assert.equal(await page.locator("#busy").isVisible(), true, "the spinner shows");
  assert.equal(await button("Send").isDisabled(), true, "no second send while one runs");
  const arrived = await eventually(() => demo.stats().requests, (n) => n > before.requests);
  assert.equal(arrived, before.requests + 1, "the request reached the service");
  const clickedAt = Date.now();
  await button("Cancel").click();

  const result = page.locator('#response .result[data-outcome="3"]');
  await result.waitFor({ timeout: 4000 });
  assert.ok(Date.now() - clickedAt < 3000, "cancelled long before the 5 s delay ended");
  assert.equal(await result.locator(".badge").textContent(), "Cancelled");
  assert.equal(await detail(result, "Error"), "AbortError (ERR_ABORTED)");
  assert.match(await result.locator(".explain").textContent(), /You cancelled the call/);
  assert.equal(await button("Cancel").isDisabled(), true);
  assert.equal(await page.locator("#busy").isVisible(), false);
  assert.equal(await button("Send").isDisabled(), false);
  const aborted = await eventually(() => demo.stats().aborted, (n) => n > before.aborted);
  assert.equal(aborted, before.aborted + 1, "the service saw the client leave during the delay");
  assert.equal(demo.stats().starts, before.starts, "nothing started");
  assert.equal(await page.locator("#history li").count(), 3);

  await page.getByLabel("Endpoint", { exact: true }).selectOption("local");
});

test("English/中文 switch: validation messages come in Chinese, then in English again", async () => {
  await button("中文").click();
  assert.equal(await page.locator("html").getAttribute("lang"), "zh-CN");
  assert.equal(await button("中文").getAttribute("aria-pressed"), "true");
  const field = page.getByLabel("任务 ID", { exact: true });
  await field.fill("abc");
  assert.match(await errorText(field), /taskId 的长度必须为 32 个字符（当前为 3 个）/);
  assert.match(await page.locator("#summary").textContent(), /发送前需修正 1 个问题/);
  assert.equal(await page.getByRole("button", { name: "发送", exact: true }).isDisabled(), true);
  assert.match(await page.locator("#response").textContent(), /已取消/, "the shown response follows the language");

  await button("English").click();
  assert.match(await errorText(taskIdField()), /taskId must be exactly 32 characters long \(it has 3\)/);
});

test("keyboard and phone width: Enter sends, nothing overflows at 390 px", async () => {
  await button("Load example").click();
  await taskIdField().focus();
  await page.keyboard.press("Enter");
  const result = page.locator('#response .result[data-outcome="4"]');
  await result.waitFor({ timeout: 15000 });
  assert.match(await result.locator(".badge").textContent(), /^200 OK$/);

  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() => [...document.querySelectorAll("body *")]
    .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
    .map((element) => `${element.tagName.toLowerCase()}#${element.id}.${element.className}`));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone: ${wide.join(", ")}`);
  assert.equal(await page.locator('#params .cell-label[data-part="key-label"]').first().isVisible(), true,
    "each parameter field shows its label on a phone");
  await page.screenshot({ path: `${RESULTS}demo-phone.png`, fullPage: true });
});

/** What the run card shows. */
function runCard() {
  return page.locator("#run-card .run").evaluate((run) => ({
    state: run.dataset.runState,
    status: run.dataset.runStatus ?? null,
    badge: run.querySelector(".badge").textContent,
    headline: run.querySelector("strong").textContent,
    progressEnded: run.querySelector("progress").hasAttribute("value"),
    text: run.textContent,
  }));
}

/** Waits until the run card shows `status` (and `state`, when given). */
function runCardShows(status, state) {
  return eventually(runCard, (card) => card.status === status && (state === undefined || card.state === state), 20000);
}

/** Sends, waits for outcome `n` and for its run to be seen running; returns its record id. */
async function sendAndSeeRunning(n) {
  const result = await sendAndWait(n);
  assert.match(await result.locator(".badge").textContent(), /^200 OK$/);
  const recordId = await detail(result, "Record ID");
  const card = await runCardShows("running", "following");
  assert.equal(card.status, "running", JSON.stringify(card));
  return recordId;
}

test("after Send the page follows the run: running with progress, then succeeded", async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await button("Load example").click();
  const recordId = await sendAndSeeRunning(5);

  const running = await runCard();
  assert.equal(running.badge, "Running");
  assert.equal(running.headline, "The deployment is running.");
  assert.equal(running.progressEnded, false, "an indeterminate progress bar while it runs");
  assert.match(running.text, /Cancel stops following this run; it does not stop the deployment\./);
  const card = page.locator("#run-card .run");
  assert.match(await detail(card, "Elapsed"), /^\d+:\d{2}$/);
  assert.equal(await detail(card, "Step"), "running");
  assert.match(await detail(card, "Start time"), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  assert.ok(Number(await detail(card, "Status checks")) >= 1);
  assert.equal(await button("Cancel").isEnabled(), true, "Cancel can stop following");
  assert.equal(demo.stats().runs[recordId].status, "running");
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${RESULTS}demo-run-running.png`, fullPage: true });

  clockOffset += RUNNING_MS;
  const done = await runCardShows("succeeded");
  assert.deepEqual([done.state, done.badge, done.headline, done.progressEnded],
    ["done", "Succeeded", "The deployment succeeded.", true]);
  assert.equal(await detail(card, "Step"), "finished");
  assert.match(await detail(card, "End time"), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  assert.equal(await detail(card, "Elapsed"), "10:00", "the run's own duration, from its start and end times");
  assert.equal(await page.locator("#run-announce").textContent(), "Succeeded: The deployment succeeded.");
  assert.equal(await button("Cancel").isDisabled(), true, "nothing left to cancel");
  assert.ok(demo.stats().statusRequests >= 2);

  await page.screenshot({ path: `${RESULTS}demo-run-succeeded.png`, fullPage: true });
  if (process.env.UPDATE_DOCS_SCREENSHOT === "1" || !existsSync(DOCS_SHOT)) {
    await mkdir(fileURLToPath(new URL("docs/", ROOT)), { recursive: true });
    await copyFile(`${RESULTS}demo-run-succeeded.png`, DOCS_SHOT);
  }
});

test("a run of the local service's failing task is followed to failed, shown as a failure", async () => {
  assert.equal(await page.locator("#failing-task-id").textContent(), demo.failingTaskId);
  await button("Use it").click();
  assert.equal(await taskIdField().inputValue(), demo.failingTaskId);
  await sendAndSeeRunning(6);
  clockOffset += RUNNING_MS;
  const done = await runCardShows("failed");
  assert.deepEqual([done.state, done.badge, done.headline, done.progressEnded],
    ["done", "Failed", "The deployment failed.", true]);
  assert.equal(await page.locator("#run-card .run.bad").count(), 1);
  assert.equal(await page.locator("#run-announce").textContent(), "Failed: The deployment failed.");
  await page.screenshot({ path: `${RESULTS}demo-run-failed.png`, fullPage: true });
});

test("Cancel stops following, not the deployment, and says so; Follow again picks it up", async () => {
  await button("Load example").click();
  const starts = demo.stats().starts;
  const recordId = await sendAndSeeRunning(7);
  await button("Cancel").click();
  const stopped = await eventually(runCard, (card) => card.state === "stopped", 10000);
  assert.equal(stopped.state, "stopped");
  assert.equal(stopped.badge, "Not followed");
  assert.match(stopped.text, /The deployment itself was not stopped: it goes on in CodeArts Deploy/);
  assert.equal(await button("Cancel").isDisabled(), true);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Follow again", "focus moves to Follow again");
  assert.equal(demo.stats().runs[recordId].status, "running", "the deployment goes on");
  assert.equal(demo.stats().starts, starts + 1, "Cancel started or stopped nothing on the service");

  const reads = demo.stats().statusRequests;
  await page.getByRole("button", { name: "Follow again" }).click();
  await runCardShows("running", "following");
  clockOffset += RUNNING_MS;
  const done = await runCardShows("succeeded");
  assert.equal(done.state, "done");
  assert.ok(demo.stats().statusRequests > reads, "following again reads the status again");
});

test("Run again with these parameters refills the form; encrypt values must be typed again", async () => {
  await button("Load example").click();
  await button("Add parameter").click();
  await paramField(4, "key").fill("db.password");
  await paramField(4, "type").selectOption("encrypt");
  await paramField(4, "value").fill("s3cret-value");
  await sendAndSeeRunning(8);

  await taskIdField().fill(demo.taskIds[1]);
  await page.getByRole("button", { name: "Remove parameter 1" }).click();
  const reads = demo.stats().paramsRequests;
  await page.getByRole("button", { name: "Run again with these parameters" }).click();
  const keys = await eventually(paramKeys, (list) => list.length === 4, 10000);
  assert.deepEqual(keys, ["string", "env", "enum", "db.password"]);
  assert.equal(await taskIdField().inputValue(), EXAMPLE_TASK_ID);
  assert.equal(await paramField(2, "value").inputValue(), "e3144513a4094398857c992606ccba12");
  assert.equal(await paramField(4, "type").inputValue(), "encrypt");
  assert.equal(await paramField(4, "value").inputValue(), "", "an encrypt value does not come back");
  assert.equal(demo.stats().paramsRequests, reads + 1);
  assert.match(await page.locator("#params-note").textContent(),
    /CodeArts Deploy does not return encrypt values: fill in db\.password again before sending\./);
  assert.equal(await paramField(4, "value").evaluate((input) => input === document.activeElement), true,
    "focus goes to the value to fill in");

  await paramField(4, "value").fill("s3cret-value");
  const result = await sendAndWait(9);
  assert.match(await result.locator(".badge").textContent(), /^200 OK$/);
  const { lastStart } = demo.stats();
  assert.deepEqual(lastStart.body.params.map((param) => [param.key, param.value]), [
    ["string", "test"], ["env", "e3144513a4094398857c992606ccba12"], ["enum", "value1"], ["db.password", "******"],
  ]);
  assert.equal(await page.locator("#params-note").isVisible(), false, "the note goes with the next Send");
  assert.ok(!(await page.locator("body").textContent()).includes("s3cret-value"));
});

test("the run is followed in Chinese too", async () => {
  await button("中文").click();
  const running = await runCardShows("running", "following");
  assert.deepEqual([running.badge, running.headline], ["运行中", "部署正在运行。"]);
  assert.match(running.text, /“取消”只停止跟踪这次运行，不会停止部署。/);
  clockOffset += RUNNING_MS;
  const done = await runCardShows("succeeded");
  assert.deepEqual([done.badge, done.headline], ["成功", "部署成功。"]);
  assert.match(done.text, /用这些参数再次运行/);
  await button("English").click();
  assert.equal((await runCard()).headline, "The deployment succeeded.");
});

test("no script errors and no failed loads on the page", () => {
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors, []);
});

// The demo page's entry: wires the form, validation, preview, sending, following the run and
// history together. Every keystroke runs update(): read the form → validateStartDeployTask +
// check the config → show the issues → preview the request → enable Send only when all is valid.
// A started deployment is then followed (follow.js) until it ends or Cancel stops following.
import {
  CodeArtsDeployClient, ConfigError, listRegions, previewStartDeployTaskRequest, validateStartDeployTask,
} from "codearts-deploy-wasm";
import { createCaller } from "./call.js";
import { toCurl } from "./curl.js";
import { h } from "./dom.js";
import { SPEC_EXAMPLE } from "./example.js";
import { configErrorControl, fillDeployment, formControls, readForm, syncVisibility } from "./form.js";
import { createFollower } from "./follow.js";
import { createHistory } from "./history.js";
import { applyTranslations, initialLocale, LOCALES, translator } from "./i18n.js";
import { controlForPath, focusFromSummary, renderIssues } from "./issues.js";
import { createParamsTable } from "./params.js";
import { renderPreview } from "./preview.js";
import { renderOutcome } from "./result.js";
import { isRevealed, setRevealed } from "./reveal.js";
import { renderRun, runHeadline } from "./run.js";

const byId = (id) => document.getElementById(id);
const controls = formControls(document);
const ui = {
  summary: byId("summary"),
  paramsError: byId("params-error"),
  paramsNote: byId("params-note"),
  send: byId("send"),
  cancel: byId("cancel"),
  busy: byId("busy"),
  loadExample: byId("load-example"),
  addParam: byId("add-param"),
  preview: byId("preview"),
  copyCurl: byId("copy-curl"),
  copyStatus: byId("copy-status"),
  curlFallback: byId("curl-fallback"),
  response: byId("response"),
  responseCard: byId("response-card"),
  runCard: byId("run-card"),
  run: byId("run"),
  runAnnounce: byId("run-announce"),
  tokenDemo: byId("token-demo"),
  taskIdDemo: byId("task-id-demo"),
  failingTaskId: byId("failing-task-id"),
  useFailingTask: byId("use-failing-task"),
  localeButtons: [...document.querySelectorAll("[data-locale]")],
  secretToggles: [...document.querySelectorAll(".reveal[aria-controls]")],
};

let locale = initialLocale(globalThis.localStorage, navigator.languages ?? [navigator.language]);
let t = translator(locale);
/** Controls whose messages show (edited or left once, or filled by Load example). */
const touched = new WeakSet();
/** The last update()'s reading of the form. */
let current = { input: null, config: null, preview: null, valid: false };
/** The outcome the response panel shows. */
let shownOutcome = null;

const params = createParamsTable({
  list: byId("params"),
  template: byId("param-row"),
  empty: byId("params-empty"),
  addButton: ui.addParam,
  onChange: update,
  t: () => t,
});
const caller = createCaller();
/** The ClientConfig each started deployment was sent with (for following it and reading its params). */
const configs = new WeakMap();
/** Each followed outcome's last state the history showed, to redraw it only when that changes. */
const historyStates = new WeakMap();
const follower = createFollower({
  onChange: (outcome) => {
    if (outcome === shownOutcome) renderRunCard();
    const state = `${outcome.run.state}:${outcome.run.status?.status}`;
    if (historyStates.get(outcome) !== state) {
      historyStates.set(outcome, state);
      history.render(t, locale, shownOutcome);
    }
    syncButtons();
  },
});
const history = createHistory({
  list: byId("history"),
  empty: byId("history-empty"),
  onSelect: (outcome) => {
    shownOutcome = outcome;
    renderResults();
  },
});

/** The ConfigError of a configuration as a page issue, or null when it is usable. */
function configIssue(config) {
  try {
    new CodeArtsDeployClient(config).free();
    return null;
  } catch (error) {
    const reason = error instanceof ConfigError ? error.reason : "";
    const translated = t(`config_${reason}`);
    return {
      control: error instanceof ConfigError ? configErrorControl(controls, error) : null,
      message: translated === `config_${reason}` ? error.message : translated,
    };
  }
}

/**
 * The configuration's issues. The client reports one problem at a time, so "where" and "who"
 * are checked apart (each next to a stand-in for the other) to show both problems at once.
 */
function configIssues({ region, endpoint, ...credentials }) {
  const where = configIssue({ region, endpoint, token: "-" });
  const who = configIssue({ ...credentials, endpoint: "https://codearts-deploy.example.com" });
  return [where, who].filter(Boolean);
}

/** Orders issues as their controls appear in the page; issues without a control go last. */
function byPosition(a, b) {
  if (!a.control || !b.control) return Number(!a.control) - Number(!b.control);
  return a.control.compareDocumentPosition(b.control) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

function syncButtons() {
  const busy = caller.busy();
  ui.send.disabled = busy || !current.valid;
  ui.cancel.disabled = !busy && !follower.busy();
  ui.busy.hidden = !busy;
  ui.responseCard.setAttribute("aria-busy", String(busy));
  ui.copyCurl.disabled = !current.preview;
}

function update() {
  syncVisibility(controls, t);
  const { input, config } = readForm(controls, params, { origin: location.origin, locale });
  const issues = validateStartDeployTask(input, { locale }).issues
    .map((issue) => ({ control: controlForPath(issue.path, controls, params), message: issue.message }));
  issues.push(...configIssues(config));
  issues.sort(byPosition);

  let preview = null;
  if (issues.length === 0) {
    try {
      preview = previewStartDeployTaskRequest(input, config);
    } catch (error) {
      issues.push({ control: null, message: error.message });
    }
  }
  renderIssues({ issues, root: controls.form, summary: ui.summary, fallback: ui.paramsError, shown: (c) => touched.has(c), t });
  renderPreview(ui.preview, preview, t("previewInvalid"));
  // A copied command describes the request it was copied from: forget the note when that changes.
  if (JSON.stringify(preview) !== JSON.stringify(current.preview)) {
    ui.copyStatus.textContent = "";
    ui.curlFallback.hidden = true;
  }
  current = { input, config, preview, valid: issues.length === 0 };
  syncButtons();
}

/** A run card button to focus once it appears (after Cancel stopped following: Follow again). */
let focusNext = null;

/** The run card of the shown outcome (hidden when it started nothing), keeping focus on its buttons. */
function renderRunCard() {
  const run = shownOutcome?.ok ? shownOutcome.run : undefined;
  ui.runCard.hidden = !run;
  if (!run) {
    ui.run.replaceChildren();
    return;
  }
  const focused = ui.run.contains(document.activeElement) ? document.activeElement.dataset.action : undefined;
  ui.run.replaceChildren(renderRun(shownOutcome, t));
  const target = ui.run.querySelector(`[data-action="${focusNext}"]`) ?? (focused && ui.run.querySelector(`[data-action="${focused}"]`));
  if (target) {
    target.focus();
    focusNext = null;
  }
  const { badge, headline } = runHeadline(run, t);
  const line = `${badge}: ${headline}`;
  if (ui.runAnnounce.textContent !== line) ui.runAnnounce.textContent = line;
}

function renderResults() {
  renderOutcome(ui.response, shownOutcome, t);
  renderRunCard();
  history.render(t, locale, shownOutcome);
}

/** Shows a note about the parameters (Run again), or hides it. */
function noteParams(text) {
  ui.paramsNote.textContent = text;
  ui.paramsNote.hidden = text === "";
}

/** Puts the parameters `outcome`'s run was started with into the form, to send again. */
async function runAgain(outcome) {
  const config = configs.get(outcome);
  if (!config) return;
  let client = null;
  try {
    client = new CodeArtsDeployClient(config);
    const list = await client.getExecutionParams({ taskId: outcome.record.taskId, recordId: outcome.record.id });
    fillDeployment(controls, params, { taskId: outcome.record.taskId, params: list, triggerSource: outcome.triggerSource });
    for (const control of controls.form.querySelectorAll("input, select")) touched.add(control);
    update();
    const secret = list.map((param, index) => ({ ...param, index })).filter((param) => param.type === "encrypt");
    const loaded = t("runAgainLoaded", { id: outcome.record.id });
    noteParams(secret.length === 0 ? loaded
      : `${loaded} ${t("runAgainEncrypt", { keys: secret.map((param) => param.key).join(", ") })}`);
    (secret.length > 0 ? params.control(secret[0].index, "value") : ui.send).focus();
  } catch (error) {
    noteParams(t("runAgainFailed", { message: error?.message ?? String(error) }));
  } finally {
    client?.free();
  }
}

/** Cancel: stops the call being sent, else stops following the run (never the deployment). */
function cancel() {
  if (caller.busy()) {
    caller.cancel();
  } else if (follower.busy()) {
    focusNext = "follow-again";
    follower.stop();
  }
}

async function send() {
  if (!current.valid || caller.busy()) return;
  const { input, config, preview } = current;
  focusNext = null;
  follower.stop();
  noteParams("");
  const pending = caller.start(input, config, preview.url);
  syncButtons();
  ui.cancel.focus();
  const outcome = await pending;
  if (outcome.ok) {
    configs.set(outcome, config);
    outcome.triggerSource = input.triggerSource;
    follower.follow(outcome, config);
  }
  history.add(outcome);
  shownOutcome = outcome;
  renderResults();
  syncButtons();
  if (document.activeElement === document.body || document.activeElement === ui.cancel) ui.send.focus();
  // On a phone the response sits below the form: bring it into view when it is out of sight.
  const { top, bottom } = ui.responseCard.getBoundingClientRect();
  if (top > window.innerHeight || bottom < 0) ui.responseCard.scrollIntoView({ block: "start", behavior: "smooth" });
}

async function copyCurl() {
  if (!current.preview) return;
  const { command, variables } = toCurl(current.preview);
  try {
    await navigator.clipboard.writeText(command);
    ui.copyStatus.textContent = t("copied", { vars: variables.join(", ") });
    ui.curlFallback.hidden = true;
  } catch {
    ui.copyStatus.textContent = t("copyFailed");
    ui.curlFallback.textContent = command;
    ui.curlFallback.hidden = false;
  }
}

function setLocale(next) {
  locale = LOCALES.includes(next) ? next : "en";
  t = translator(locale);
  globalThis.localStorage?.setItem("codearts-demo-locale", locale);
  document.documentElement.lang = locale;
  applyTranslations(document, t);
  controls.targetLocal.textContent = t("targetLocal", { origin: location.host });
  controls.targetRegions.label = t("targetRegions");
  for (const button of ui.localeButtons) button.setAttribute("aria-pressed", String(button.dataset.locale === locale));
  for (const button of ui.secretToggles) {
    setRevealed(button, byId(button.getAttribute("aria-controls")), isRevealed(button), t);
  }
  ui.copyStatus.textContent = "";
  params.refresh();
  update();
  renderResults();
}

/** The local service's token and failing task, when this page is served by the demo command. */
async function loadDemoConfig() {
  try {
    const response = await fetch("/__demo/config.json", { cache: "no-store" });
    if (!response.ok) return;
    const { token, failingTaskId } = await response.json();
    if (typeof failingTaskId === "string") {
      ui.failingTaskId.textContent = failingTaskId;
      ui.taskIdDemo.hidden = false;
    }
    if (typeof token === "string" && controls.token.value === "") {
      controls.token.value = token;
      ui.tokenDemo.hidden = false;
      update();
    }
  } catch {
    // Served some other way: the user types a token.
  }
}

// Events.
controls.form.addEventListener("input", (event) => {
  touched.add(event.target);
  if (event.target === controls.token) ui.tokenDemo.hidden = true;
  update();
});
controls.form.addEventListener("change", (event) => {
  touched.add(event.target);
  update();
});
controls.form.addEventListener("focusout", (event) => {
  if (!event.target.matches("input, select") || touched.has(event.target)) return;
  touched.add(event.target);
  update();
});
controls.form.addEventListener("submit", (event) => {
  event.preventDefault();
  send();
});
for (const button of ui.secretToggles) {
  button.addEventListener("click", () => setRevealed(button, byId(button.getAttribute("aria-controls")), !isRevealed(button), t));
}
ui.addParam.addEventListener("click", () => {
  params.add(undefined, { focus: true });
  update();
});
ui.loadExample.addEventListener("click", () => {
  fillDeployment(controls, params, SPEC_EXAMPLE);
  for (const control of controls.form.querySelectorAll("input, select")) touched.add(control);
  update();
});
ui.cancel.addEventListener("click", cancel);
ui.run.addEventListener("click", (event) => {
  const action = event.target.closest("button[data-action]")?.dataset.action;
  if (action === "follow-again") {
    follower.follow(shownOutcome, configs.get(shownOutcome));
    ui.cancel.focus();
  }
  if (action === "run-again") runAgain(shownOutcome);
});
ui.copyCurl.addEventListener("click", copyCurl);
ui.useFailingTask.addEventListener("click", () => {
  controls.taskId.value = ui.failingTaskId.textContent;
  touched.add(controls.taskId);
  update();
});
for (const button of ui.localeButtons) button.addEventListener("click", () => setLocale(button.dataset.locale));
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") cancel();
});
focusFromSummary(ui.summary);

// Start.
controls.targetRegions.replaceChildren(...listRegions().map((region) => h("option", { value: region }, region)));
setLocale(locale);
await loadDemoConfig();
document.documentElement.dataset.ready = "true";

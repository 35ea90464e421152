// The run panel: the status of a followed run (from follow.js) as a person reads it — a badge
// and a sentence for the state, a progress bar, step, elapsed time, times and checks — with
// "Follow again" and "Run again with these parameters".
import { h } from "./dom.js";
import { details } from "./result.js";

const FINAL = ["succeeded", "failed"];

/** "0:07", "12:34". */
export function formatElapsed(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** `t(key)`, or `fallback` when the dictionary has no such key. */
function maybe(t, key, fallback) {
  const text = t(key);
  return text === key ? fallback : text;
}

/**
 * What the run's head says: `{ tone, badge, headline }`; `tone` is ok, bad, warn or info.
 * @param {{ state: string, status?: { status: string } }} run
 */
export function runHeadline(run, t) {
  const status = run.status?.status;
  if (run.state === "stopped") return { tone: "warn", badge: t("runStoppedBadge"), headline: t("runStopped") };
  if (run.state === "error") return { tone: "bad", badge: t("runErrorBadge"), headline: t("runError") };
  if (status === "succeeded") return { tone: "ok", badge: t("runStatus_succeeded"), headline: t("runSucceeded") };
  if (status === "failed") return { tone: "bad", badge: t("runStatus_failed"), headline: t("runFailed") };
  if (status === undefined) return { tone: "info", badge: t("runWaitingBadge"), headline: t("runWaiting") };
  return {
    tone: "info",
    badge: maybe(t, `runStatus_${status}`, status),
    headline: run.state === "done" ? t("runEndedAs", { status }) : t("runRunning"),
  };
}

/** The progress bar: indeterminate while following, full once the run ended. */
function progressBar(run, t) {
  const ended = FINAL.includes(run.status?.status) || run.state === "done";
  return h("progress", {
    class: "run-progress",
    max: "1",
    value: ended ? "1" : null,
    "aria-label": t("runProgress"),
    "data-ended": ended ? "true" : null,
  });
}

/** The buttons under a run. */
function actions(run, t) {
  const followAgain = run.state === "stopped" || run.state === "error";
  return h("div", { class: "run-actions" },
    followAgain ? h("button", { type: "button", class: "secondary small", "data-action": "follow-again" }, t("followAgain")) : null,
    h("button", { type: "button", class: "secondary small", "data-action": "run-again" }, t("runAgain")));
}

/**
 * The run panel of `outcome` (an outcome whose start succeeded and that has been followed).
 * @returns {HTMLElement}
 */
export function renderRun(outcome, t) {
  const { run } = outcome;
  const { tone, badge, headline } = runHeadline(run, t);
  const status = run.status ?? {};
  const step = status.step === undefined ? undefined : maybe(t, `runStep_${status.step}`, status.step);
  let note = null;
  if (run.state === "following") note = h("p", { class: "hint" }, t("runCancelHint"));
  if (run.state === "stopped") note = h("p", { class: "explain warn" }, t("runStoppedNote"));
  if (run.state === "error") note = h("p", { class: "explain" }, t("runErrorNote", { message: run.error?.message ?? "" }));
  return h("div", {
    class: `run ${tone}`,
    "data-run-state": run.state,
    "data-run-status": status.status ?? null,
  },
  h("div", { class: "result-head" },
    h("span", { class: `badge ${tone}`, "data-part": "run-badge" }, badge),
    h("strong", { "data-part": "run-headline" }, headline)),
  progressBar(run, t),
  details([
    [t("runStatus"), status.status, true],
    [t("runStep"), step],
    [t("runElapsed"), formatElapsed(run.elapsedMs)],
    [t("runStart"), status.startTime, true],
    [t("runEnd"), status.endTime, true],
    [t("runExecutor"), status.executor],
    [t("runChecks"), run.polls > 0 ? run.polls : undefined],
  ]),
  note,
  actions(run, t));
}

// The response panel: a call's outcome (from call.js) as a person reads it: the DeployRecord
// with its request id and latency, or the typed error with its code, message and what it means.
import { h } from "./dom.js";

/** "42 ms" / "1.2 s". */
export function formatLatency(ms) {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The short label of an outcome: "200 OK", "401 APIGW.0301", "Cancelled", "NetworkError". */
export function outcomeLabel(outcome, t) {
  if (outcome.ok) return "200 OK";
  const { status, errorCode, name } = outcome.error;
  if (name === "AbortError") return t("cancelled");
  if (status !== undefined) return errorCode && String(errorCode) !== String(status) ? `${status} ${errorCode}` : String(status);
  return name;
}

/** What an error means for the person who sent it. */
function explanation(error, t) {
  const key = error.name === "DeployApiError" ? `explain_${error.kind}` : `explain_${error.name}`;
  const text = t(key);
  return text === key ? t("explain_default") : text;
}

/** A definition list of [label, value, mono?] rows, leaving out empty values. */
export function details(rows) {
  return h("dl", { class: "kv" }, rows
    .filter(([, value]) => value !== undefined && value !== null && value !== "")
    .flatMap(([label, value, mono]) => [h("dt", {}, label), h("dd", { class: mono ? "mono" : null }, String(value))]));
}

function componentsTable(components, t) {
  if (components.length === 0) return h("p", { class: "hint" }, t("noComponents"));
  const state = (value) => (value === "1" ? t("state1") : value === "0" ? t("state0") : value);
  return h("div", { class: "table-wrap" }, h("table", {},
    h("thead", {}, h("tr", {}, [t("colApp"), t("colComponent"), t("colRegion"), t("colState")].map((label) => h("th", { scope: "col" }, label)))),
    h("tbody", {}, components.map((component) => h("tr", {},
      h("td", {}, component.appName), h("td", {}, component.compName), h("td", {}, component.region),
      h("td", {}, h("span", { class: `state state-${component.state}` }, state(component.state))))))));
}

function renderRecord(outcome, t) {
  const { record } = outcome;
  return [
    h("div", { class: "result-head" },
      h("span", { class: "badge ok", "data-status": "200" }, "200 OK"),
      h("strong", {}, t("started")),
      h("span", { class: "meta" }, formatLatency(outcome.latencyMs))),
    details([
      [t("recordIdOut"), record.id, true],
      [t("jobName"), record.jobName, true],
      [t("taskId"), record.taskId, true],
      [t("requestId"), record.requestId, true],
      [t("latency"), formatLatency(outcome.latencyMs)],
    ]),
    h("h3", {}, t("components")),
    componentsTable(record.appComponentList ?? [], t),
    h("details", {}, h("summary", {}, t("rawRecord")), h("pre", { class: "code" }, JSON.stringify(record, null, 2))),
  ];
}

function renderError(outcome, t) {
  const { error } = outcome;
  const cancelled = error.name === "AbortError";
  return [
    h("div", { class: "result-head" },
      h("span", { class: `badge ${cancelled ? "warn" : "bad"}`, "data-status": error.status ?? null }, outcomeLabel(outcome, t)),
      h("strong", {}, cancelled ? t("cancelled") : t("failed")),
      h("span", { class: "meta" }, formatLatency(outcome.latencyMs))),
    h("p", { class: "explain" }, explanation(error, t)),
    details([
      [t("errorName"), `${error.name} (${error.code ?? "?"})`, true],
      [t("status"), error.status],
      [t("errorCode"), error.errorCode, true],
      [t("message"), error.message],
      [t("kind"), error.kind, true],
      [t("reason"), typeof error.reason === "string" && !cancelled ? error.reason : undefined, true],
      [t("requestId"), error.requestId, true],
      [t("attempts"), error.attempts > 1 ? error.attempts : undefined],
      [t("latency"), formatLatency(outcome.latencyMs)],
    ]),
  ];
}

/** Shows an outcome in `container`, or the empty state when there is none. */
export function renderOutcome(container, outcome, t) {
  if (!outcome) {
    container.replaceChildren(h("p", { class: "empty" }, t("responseEmpty")));
    return;
  }
  const body = outcome.ok ? renderRecord(outcome, t) : renderError(outcome, t);
  container.replaceChildren(h("div", { class: `result ${outcome.ok ? "ok" : "bad"}`, "data-outcome": outcome.n }, ...body));
}

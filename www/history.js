// The calls made from this page (newest first, the last 10 kept in memory), each with how its
// run ended once that is known; choosing one shows its outcome in the response panel again.
import { h } from "./dom.js";
import { formatLatency, outcomeLabel } from "./result.js";
import { runHeadline } from "./run.js";

const KEEP = 10;

/** The badge of a followed run once it is no longer being followed, else null. */
function runBadge(outcome, t) {
  if (!outcome.run || outcome.run.state === "following") return null;
  const { tone, badge } = runHeadline(outcome.run, t);
  return h("span", { class: `badge ${tone}`, "data-part": "run" }, badge);
}

/**
 * @param {{ list: HTMLOListElement, empty: HTMLElement, onSelect: (outcome) => void }} options
 */
export function createHistory({ list, empty, onSelect }) {
  const outcomes = [];

  /** Lists the calls; `selected` is the one the response panel shows. */
  function render(t, locale, selected) {
    empty.hidden = outcomes.length > 0;
    list.replaceChildren(...outcomes.map((outcome) => h("li", {},
      h("button", {
        type: "button",
        class: `history-item${outcome === selected ? " selected" : ""}`,
        "aria-label": [`${t("historyShow", { n: outcome.n })}: ${outcomeLabel(outcome, t)}`, runBadge(outcome, t)?.textContent]
          .filter(Boolean).join(", "),
        "aria-current": outcome === selected ? "true" : null,
        "data-n": outcome.n,
      },
      h("span", { class: `badge ${outcome.ok ? "ok" : outcome.error.name === "AbortError" ? "warn" : "bad"}` }, outcomeLabel(outcome, t)),
      runBadge(outcome, t),
      h("span", { class: "mono task" }, `${outcome.taskId.slice(0, 8)}…`),
      h("span", { class: "meta" }, `${outcome.at.toLocaleTimeString(locale)} · ${formatLatency(outcome.latencyMs)}`)))));
  }

  list.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-n]");
    const outcome = outcomes.find((candidate) => String(candidate.n) === button?.dataset.n);
    if (outcome) onSelect(outcome);
  });

  return {
    add(outcome) {
      outcomes.unshift(outcome);
      outcomes.length = Math.min(outcomes.length, KEEP);
    },
    render,
  };
}

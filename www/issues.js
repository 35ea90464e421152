// Validation problems on the page: each message under the control it belongs to (aria-invalid,
// and the control's aria-describedby names the message's element), plus a summary of them all.
import { h } from "./dom.js";

/** The control an issue's path points at (`["params", 2, "value"]` → that row's value input). */
export function controlForPath(path, controls, params) {
  const [head, index, field] = path;
  switch (head) {
    case "taskId": return controls.taskId;
    case "recordId": return controls.recordId;
    case "triggerSource": return controls.triggerSource;
    case "params": return typeof index === "number" ? params.control(index, field ?? "key") : null;
    default: return null;
  }
}

/** The element that holds a control's messages: the `…-error` id in its aria-describedby. */
function errorElement(control) {
  const ids = (control.getAttribute("aria-describedby") ?? "").split(/\s+/);
  const id = ids.find((candidate) => candidate.endsWith("-error"));
  return id ? document.getElementById(id) : null;
}

/**
 * Shows `issues` ({ control, message }) in `root` and in `summary`.
 * @param {{ issues: { control: HTMLElement | null, message: string }[], root: HTMLElement,
 *           summary: HTMLElement, fallback: HTMLElement, shown: (control: HTMLElement) => boolean,
 *           t: (key: string, vars?: object) => string }} options
 *   `shown` says whether a control's messages appear yet (the summary always lists every issue);
 *   `fallback` holds messages whose control is unknown.
 */
export function renderIssues({ issues, root, summary, fallback, shown, t }) {
  for (const control of root.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
  for (const element of root.querySelectorAll(".error")) element.replaceChildren();

  for (const { control, message } of issues) {
    if (control && !shown(control)) continue;
    const target = control ? errorElement(control) : fallback;
    control?.setAttribute("aria-invalid", "true");
    target?.append(h("span", {}, message));
  }

  if (issues.length === 0) {
    summary.className = "card summary ok";
    summary.replaceChildren(h("p", {}, h("span", { class: "dot", "aria-hidden": "true" }), t("summaryOk")));
    return;
  }
  summary.className = "card summary bad";
  summary.replaceChildren(
    h("p", { id: "summary-title" }, h("span", { class: "dot", "aria-hidden": "true" }), t(issues.length === 1 ? "summaryIssue" : "summaryIssues", { n: issues.length })),
    h("ul", { "aria-labelledby": "summary-title" }, issues.map(({ control, message }) => h("li", {},
      control?.id ? h("a", { href: `#${control.id}`, "data-focus": control.id }, message) : message))),
  );
}

/** Makes the summary's links move focus to their control. */
export function focusFromSummary(summary) {
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-focus]");
    if (!link) return;
    event.preventDefault();
    const control = document.getElementById(link.dataset.focus);
    control?.focus();
    control?.scrollIntoView({ block: "center", behavior: "smooth" });
  });
}

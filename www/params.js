// The parameters table: one <li> per DeployParam, added, removed and reordered with buttons
// (keyboard-usable, focus kept on the control that moved). The rows themselves are the state:
// read() walks them in order.
import { applyTranslations } from "./i18n.js";
import { isRevealed, setRevealed } from "./reveal.js";

const FIELDS = ["key", "value", "type"];

/**
 * @param {{ list: HTMLOListElement, template: HTMLTemplateElement, empty: HTMLElement,
 *           addButton: HTMLButtonElement, onChange: () => void,
 *           t: () => (key: string, vars?: object) => string }} options
 *        `t` returns the current translator; `addButton` gets the focus when the last row goes.
 */
export function createParamsTable({ list, template, empty, addButton, onChange, t }) {
  let nextId = 1;

  const rows = () => [...list.children];
  const part = (row, name) => row.querySelector(`[data-part="${name}"]`);

  /** Masks the value of an `encrypt` row (with its show toggle); other types show it plainly. */
  function syncMask(row) {
    const secret = part(row, "type").value === "encrypt";
    const reveal = part(row, "reveal");
    const value = part(row, "value");
    reveal.hidden = !secret;
    // A row that becomes `encrypt` starts masked.
    setRevealed(reveal, value, secret && isRevealed(reveal), t());
    if (!secret) value.type = "text";
  }

  /** Numbers the rows in the accessible names and enables the move buttons that can move. */
  function refresh() {
    const translate = t();
    const all = rows();
    all.forEach((row, index) => {
      const n = index + 1;
      for (const field of FIELDS) {
        const name = translate(`param${field[0].toUpperCase()}${field.slice(1)}`);
        part(row, field).setAttribute("aria-label", translate("paramField", { n, field: name.toLowerCase() }));
      }
      part(row, "up").setAttribute("aria-label", translate("moveUp", { n }));
      part(row, "down").setAttribute("aria-label", translate("moveDown", { n }));
      part(row, "remove").setAttribute("aria-label", translate("removeParam", { n }));
      part(row, "reveal").setAttribute("aria-label", translate("showValue", { n }));
      part(row, "up").disabled = index === 0;
      part(row, "down").disabled = index === all.length - 1;
      syncMask(row);
    });
    empty.hidden = all.length > 0;
  }

  /** Adds a row (empty, or filled with `param`) at the end. */
  function add(param = { key: "", value: "", type: "text" }, { focus = false } = {}) {
    const row = template.content.firstElementChild.cloneNode(true);
    const id = `param-${nextId++}`;
    applyTranslations(row, t());
    for (const field of FIELDS) {
      const control = part(row, field);
      control.id = `${id}-${field}`;
      control.value = param[field] ?? "";
      part(row, `${field}-label`).htmlFor = control.id;
      part(row, `${field}-error`).id = `${control.id}-error`;
      control.setAttribute("aria-describedby", `${control.id}-error`);
    }
    part(row, "reveal").setAttribute("aria-controls", `${id}-value`);
    list.append(row);
    refresh();
    if (focus) part(row, "key").focus();
    return row;
  }

  /** Replaces every row with `params`. */
  function replace(params = []) {
    list.replaceChildren();
    for (const param of params) add(param);
    refresh();
  }

  /** The rows as DeployParams, in order. */
  function read() {
    return rows().map((row) => ({ key: part(row, "key").value, value: part(row, "value").value, type: part(row, "type").value }));
  }

  /** The control of a row's field (`key`, `value`, `type`), or null. */
  function control(index, field) {
    const row = rows()[index];
    return row && FIELDS.includes(field) ? part(row, field) : null;
  }

  /** Moves focus to `button`, or to the other move button when this one can no longer move. */
  function keepFocus(row, name) {
    const button = part(row, name);
    (button.disabled ? part(row, name === "up" ? "down" : "up") : button).focus();
  }

  list.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-part]");
    if (!button) return;
    const row = button.closest("li");
    const action = button.dataset.part;
    if (action === "reveal") {
      setRevealed(button, part(row, "value"), !isRevealed(button), t());
      return;
    }
    if (action === "up" && row.previousElementSibling) row.previousElementSibling.before(row);
    if (action === "down" && row.nextElementSibling) row.nextElementSibling.after(row);
    if (action === "remove") {
      const next = row.nextElementSibling ?? row.previousElementSibling;
      row.remove();
      refresh();
      if (next) part(next, "key").focus();
      else addButton.focus();
    } else {
      refresh();
      keepFocus(row, action);
    }
    onChange();
  });
  list.addEventListener("change", (event) => {
    if (event.target.matches('[data-part="type"]')) syncMask(event.target.closest("li"));
  });

  return { add, replace, read, control, refresh, count: () => rows().length };
}

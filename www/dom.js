// The one DOM helper: builds an element from a tag, attributes and children. Text always goes in
// as text (never as HTML), so values from the form or the network cannot inject markup.

/**
 * h("p", { class: "hint" }, "text", h("code", {}, "x")) → <p class="hint">text<code>x</code></p>
 * Attributes whose value is null, undefined or false are left out; `true` sets an empty one.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

// The live preview: the request previewStartDeployTaskRequest builds (token, signature and
// `encrypt` values already masked by the package), as an HTTP message.
import { h } from "./dom.js";

/** One line of JSON with a space after each `:` and `,` (for a parameter). */
function oneLine(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return JSON.stringify(value);
  return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${JSON.stringify(item)}`).join(", ")}}`;
}

/** The body laid out for reading (the wire body is compact): one line per parameter. */
export function prettyBody(body) {
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return JSON.stringify(parsed, null, 2);
  const fields = Object.entries(parsed).map(([key, value]) => {
    const items = Array.isArray(value) ? value.map((item) => `    ${oneLine(item)}`) : null;
    const text = items ? (items.length ? `[\n${items.join(",\n")}\n  ]` : "[]") : JSON.stringify(value);
    return `  ${JSON.stringify(key)}: ${text}`;
  });
  return fields.length ? `{\n${fields.join(",\n")}\n}` : "{}";
}

/** A URL that wraps after its slashes rather than inside a path segment. */
function wrappableUrl(url) {
  return h("span", { class: "tok-url" }, url.split(/(?<=\/)/).flatMap((part) => [part, h("wbr")]));
}

/** Shows a prepared request, or `placeholder` when there is none. */
export function renderPreview(pre, request, placeholder) {
  if (!request) {
    pre.classList.add("placeholder");
    pre.replaceChildren(placeholder);
    return;
  }
  pre.classList.remove("placeholder");
  pre.replaceChildren(
    h("span", { class: "tok-method" }, request.method), " ", wrappableUrl(request.url), "\n",
    ...Object.entries(request.headers).flatMap(([name, value]) => [
      h("span", { class: "tok-name" }, name), ": ", h("span", { class: value.includes("********") ? "tok-masked" : null }, value), "\n",
    ]),
    "\n",
    h("span", { class: "tok-body" }, prettyBody(request.body)),
  );
}

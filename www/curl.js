// "Copy as curl": turns the masked preview (previewStartDeployTaskRequest) into a shell command
// that reads every secret from an environment variable, so the copied text holds none. Plain
// functions, no DOM: tests/js/demo.curl.test.mjs runs them in Node.

/** Header name (lowercase) → the environment variable that stands in for its value. */
const SECRET_HEADERS = {
  "x-auth-token": "CODEARTS_TOKEN",
  "x-security-token": "CODEARTS_SECURITY_TOKEN",
  "x-sdk-date": "CODEARTS_SDK_DATE",
};

/** A string as one single-quoted shell word. */
export function shellQuote(text) {
  return `'${String(text).replaceAll("'", `'\\''`)}'`;
}

/** The environment variable for an `encrypt` parameter's value, e.g. `db.password` → `CODEARTS_PARAM_DB_PASSWORD`. */
export function paramVariable(key, taken) {
  const base = `CODEARTS_PARAM_${key.toUpperCase().replace(/[^A-Z0-9]+/g, "_").replace(/^_+|_+$/g, "") || "SECRET"}`;
  let name = base;
  for (let n = 2; taken.has(name); n += 1) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

/** `-H 'Name: value'`, or with `"…$VAR…"` quoting when the value refers to variables. */
function headerArgument(name, value, variables) {
  const lower = name.toLowerCase();
  if (lower in SECRET_HEADERS) {
    variables.add(SECRET_HEADERS[lower]);
    return `-H "${name}: $${SECRET_HEADERS[lower]}"`;
  }
  if (lower === "authorization") {
    // SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<list>, Signature=********
    const signedHeaders = /SignedHeaders=([^,\s]+)/.exec(value)?.[1] ?? "";
    variables.add("CODEARTS_AK").add("CODEARTS_SIGNATURE");
    const safe = signedHeaders.replace(/[^a-z0-9;-]/gi, "");
    return `-H "${name}: SDK-HMAC-SHA256 Access=$CODEARTS_AK, SignedHeaders=${safe}, Signature=$CODEARTS_SIGNATURE"`;
  }
  return `-H ${shellQuote(`${name}: ${value}`)}`;
}

/**
 * The body as a shell word, with every `encrypt` value replaced by its environment variable.
 * The package masks those values in the preview, so they are taken from the structure, never
 * from the text.
 */
function bodyArgument(body, variables) {
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    return shellQuote(body);
  }
  const secrets = (parsed?.params ?? []).filter((param) => param?.type === "encrypt");
  if (secrets.length === 0) return shellQuote(body);
  const taken = new Set();
  const marks = secrets.map((param, index) => {
    const mark = `\u0000${index}\u0000`;
    const variable = paramVariable(String(param.key ?? ""), taken);
    param.value = mark;
    variables.add(variable);
    return { mark: JSON.stringify(mark).slice(1, -1), variable };
  });
  let text = shellQuote(JSON.stringify(parsed));
  for (const { mark, variable } of marks) text = text.replace(mark, () => `'"$${variable}"'`);
  return text;
}

/**
 * The curl command for a preview request, and the environment variables it needs.
 * @param {{ method: string, url: string, headers: Record<string, string>, body: string }} preview
 * @returns {{ command: string, variables: string[] }}
 */
export function toCurl(preview) {
  const variables = new Set();
  const headerLines = Object.entries(preview.headers).map(([name, value]) => headerArgument(name, value, variables));
  const body = bodyArgument(preview.body, variables);
  const names = [...variables];
  const notes = [`# Set first: ${names.join(", ")}`];
  if (variables.has("CODEARTS_SIGNATURE")) {
    notes.push(
      "# AK/SK: CODEARTS_SDK_DATE (YYYYMMDDTHHMMSSZ) and CODEARTS_SIGNATURE must sign exactly this request;",
      "# signRequest() of codearts-deploy-wasm computes both.",
    );
  }
  if (names.some((name) => name.startsWith("CODEARTS_PARAM_"))) {
    notes.push("# CODEARTS_PARAM_* hold encrypt values, escaped for a JSON string.");
  }
  const lines = [`curl -i -X ${preview.method} ${shellQuote(preview.url)}`, ...headerLines, `--data-raw ${body}`];
  return { command: `${notes.join("\n")}\n${lines.join(" \\\n  ")}\n`, variables: names };
}

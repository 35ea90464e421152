// Validation issues as lines: path, code and message, and which flag a parameter came from.

/** `["params", 0, "value"]` → `params[0].value`; the input itself → `(input)`. */
export function pathText(path) {
  if (path.length === 0) return "(input)";
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`)).join("");
}

/** The flag behind an issue of `params[i]`, when the parameters came from flags. */
function originOf(issue, origins) {
  return issue.path[0] === "params" && typeof issue.path[1] === "number" ? origins?.[issue.path[1]] : undefined;
}

/** One issue per line: `path  code  message`, and `(from --param #2)` when known. */
export function issueLines(issues, origins) {
  return issues.map((issue) => {
    const origin = originOf(issue, origins);
    return `${pathText(issue.path)}  ${issue.code}  ${issue.message}${origin ? ` (from ${origin})` : ""}`;
  });
}

/** The issues for --json output: the package's fields, plus `flag` when known. */
export function issuesJson(issues, origins) {
  return issues.map((issue) => {
    const origin = originOf(issue, origins);
    return origin ? { ...issue, flag: origin } : { ...issue };
  });
}

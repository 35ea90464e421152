// The steps of a GitHub Actions workflow file, read well enough to run their `run:` scripts
// locally: the job's `steps:` list, each step's `name`, `env` and `run` (one line or a `|`
// block). Only the plain subset the examples use (no anchors, flow maps or folded blocks).

/** `[{ name, env, run }]` for each step of the single job in `text` (`uses:` steps included, without `run`). */
export function workflowSteps(text) {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => /^\s+steps:\s*$/.test(line));
  if (start < 0) throw new Error("no steps: in the workflow");
  const steps = [];
  let step;
  let block; // { indent, lines } while reading a `run: |` block
  let inEnv = false;
  for (const line of lines.slice(start + 1)) {
    if (block) {
      if (line.trim() === "" || indentOf(line) >= block.indent) {
        block.lines.push(line.slice(block.indent));
        continue;
      }
      step.run = `${block.lines.join("\n").trimEnd()}\n`;
      block = undefined;
    }
    const item = /^(\s*)- (.*)$/.exec(line);
    const body = item ? item[2] : line.trim();
    if (item) {
      step = { env: {} };
      steps.push(step);
      inEnv = false;
    }
    if (!step || body === "" || body.startsWith("#")) continue;
    const field = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(body);
    if (!field) continue;
    const [, key, value] = field;
    if (inEnv && indentOf(line) > step.fieldIndent) step.env[key] = unquote(value);
    else {
      step.fieldIndent = item ? item[1].length + 2 : indentOf(line);
      inEnv = key === "env";
      if (key === "name") step.name = unquote(value);
      if (key === "run" && value === "|") block = { indent: step.fieldIndent + 2, lines: [] };
      else if (key === "run") step.run = `${value}\n`;
    }
  }
  if (block) step.run = `${block.lines.join("\n").trimEnd()}\n`;
  return steps.map(({ name, env, run }) => ({ name, env, run }));
}

const indentOf = (line) => line.length - line.trimStart().length;
const unquote = (value) => value.replace(/^(["'])(.*)\1$/, "$2");

/** `text` with each `${{ expression }}` replaced by `values[expression]`; an unknown one throws. */
export function substituteExpressions(text, values) {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression) => {
    if (!Object.hasOwn(values, expression)) throw new Error(`no value for \${{ ${expression} }}`);
    return values[expression];
  });
}

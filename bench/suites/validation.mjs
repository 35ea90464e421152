// a. Validation: validateStartDeployTask vs Ajv 8 (the JSON Schema in
// bench/start-deploy-task-input.schema.json, compiled with allErrors) on the same corpus.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import { validateStartDeployTask } from "codearts-deploy-wasm";
import { validationCases, valueOf, TASK_ID } from "../corpus.mjs";
import { compareSync } from "../lib/measure.mjs";

export const schema = JSON.parse(readFileSync(new URL("../start-deploy-task-input.schema.json", import.meta.url), "utf8"));

/**
 * Ajv as a user would set it up for these rules: every error (`allErrors`), and `unicode: false`
 * so that `minLength`/`maxLength` count UTF-16 code units (`.length`) as the spec's reading says.
 * Ajv's default (`unicode: true`) counts code points instead.
 */
export function compileAjv(options = {}) {
  const ajv = new Ajv({ allErrors: true, unicode: false, logger: quietDeprecation, ...options });
  return ajv.compile(schema);
}

/** Ajv 8 still honours `unicode: false` but warns that the option is deprecated; drop that line. */
const quietDeprecation = {
  log: console.log,
  warn: (...args) => (String(args[0]).startsWith("DEPRECATED: option unicode") ? undefined : console.warn(...args)),
  error: console.error,
};

/** Runs Ajv and returns its issues (the error objects, messages included). */
function ajvIssues(validate, input) {
  return validate(input) ? [] : validate.errors;
}

/**
 * Checks that both validators agree on the corpus (same verdict, same issue count) and on the
 * UTF-16 edge; returns the agreement notes for BENCHMARKS.md.
 */
export function agreement() {
  const validate = compileAjv();
  const notes = [];
  for (const c of validationCases()) {
    const ours = validateStartDeployTask(c.input).issues.length;
    const theirs = ajvIssues(validate, c.input).length;
    if (ours !== theirs) throw new Error(`validation corpus "${c.name}": package reports ${ours} issues, Ajv ${theirs}`);
    notes.push({ name: c.name, issues: ours });
  }
  // The one place the counting differs: astral characters (two UTF-16 units, one code point).
  const astral = { taskId: TASK_ID, params: [{ key: "k", value: "😀".repeat(4097), type: "text" }] };
  const codePointAjv = compileAjv({ unicode: true });
  const edge = {
    package: validateStartDeployTask(astral).ok,
    ajvUtf16: validate(astral),
    ajvDefault: codePointAjv(astral),
  };
  if (edge.package !== false || edge.ajvUtf16 !== false || edge.ajvDefault !== true) {
    throw new Error(`unexpected UTF-16 edge results: ${JSON.stringify(edge)}`);
  }
  return { cases: notes, edge };
}

/**
 * Both validators in a Node process where code generation from strings is disallowed (what a
 * strict CSP and Workers impose): `{ package, ajv }`, each "validates" or the error thrown.
 */
export function withoutEval() {
  const child = fileURLToPath(new URL("./no-eval-child.mjs", import.meta.url));
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const out = execFileSync(process.execPath, ["--disallow-code-generation-from-strings", child], { cwd: root, stdio: ["ignore", "pipe", "ignore"] });
  return JSON.parse(out.toString());
}

/** The timing rows. */
export function run() {
  const validate = compileAjv();
  const rows = [];
  for (const c of validationCases()) {
    const result = compareSync(
      () => validateStartDeployTask(c.input),
      () => ajvIssues(validate, c.input),
    );
    rows.push({
      group: "Validation",
      name: `${c.name} (${(c.bytes / 1024).toFixed(0)} KiB)`,
      ours: result.ours,
      theirs: result.theirs,
    });
  }
  return rows;
}

/** Ajv's schema compilation, which a user pays once per process (or per Worker isolate). */
export function runCompile() {
  const result = compareSync(() => compileAjv(), null, {});
  return result.ours;
}

export { valueOf };

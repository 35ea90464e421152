// The StartDeployTaskInput of a command: a JSON file or stdin (`--input FILE|-`), with the
// flags given beside it overriding its fields.
import { readFile } from "node:fs/promises";
import { addAbortSignal } from "node:stream";
import { UsageError } from "./exit-codes.mjs";
import { readParams } from "./params.mjs";

/**
 * Reads and parses the JSON in `source` (a path, or `-` for `stdin`; `signal` (Ctrl-C) stops
 * the reading). Unreadable files and invalid JSON throw a UsageError that names the source and
 * a position, never the content (it may hold `encrypt` values).
 */
export async function readJsonInput(source, stdin, signal) {
  const label = source === "-" ? "stdin" : source;
  let text;
  try {
    text = source === "-" ? await readAll(signal ? addAbortSignal(signal, stdin) : stdin) : await readFile(source, { encoding: "utf8", signal });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    const why = { ENOENT: "no such file", EACCES: "permission denied", EISDIR: "it is a folder" }[error.code] ?? "it cannot be read";
    throw new UsageError(`cannot read ${label}: ${why}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    // V8's message may quote the text around the error: only its position is kept.
    const at = /position (\d+)/.exec(String(error.message));
    throw new UsageError(`${label} is not valid JSON${at ? ` (at character ${at[1]})` : ""}`);
  }
}

/** All of a readable stream, as UTF-8 text. */
async function readAll(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The input to send: `base` (from --input, or `{}`) with each override that is not
 * `undefined` set on top. `base` must be a JSON object when there are overrides.
 */
export function mergeInput(base, overrides) {
  const given = Object.entries(overrides).filter(([, value]) => value !== undefined);
  if (base === undefined) return Object.fromEntries(given);
  if (given.length === 0) return base;
  if (base === null || typeof base !== "object" || Array.isArray(base)) {
    throw new UsageError("--input must hold a JSON object to be combined with flags");
  }
  return { ...base, ...Object.fromEntries(given) };
}

/**
 * The StartDeployTaskInput of `start` and `validate`: `source` (a --input path, `-`, or
 * undefined) with `--task`, `--param`/`--param-env` (replacing the file's `params`), `--record`
 * and `--trigger-source` on top. Resolves to `{ input, origins }` (`origins[i]`: the flag behind
 * `params[i]`, when the parameters came from flags).
 */
export async function readStartInput(source, { values, ordered }, { env, stdin, signal }) {
  const base = source === undefined ? undefined : await readJsonInput(source, stdin, signal);
  const fromFlags = ordered.length > 0 ? readParams(ordered, env) : undefined;
  const input = mergeInput(base, {
    taskId: values.task,
    params: fromFlags?.params,
    recordId: values.record,
    triggerSource: values["trigger-source"],
  });
  return { input, origins: fromFlags?.origins };
}

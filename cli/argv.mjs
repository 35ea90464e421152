// Reads one command's flags with node:util's parseArgs, keeping the order of repeated flags
// (`--param` and `--param-env` interleave) and turning every mistake into a UsageError.
import { parseArgs } from "node:util";
import { UsageError } from "./exit-codes.mjs";

/**
 * Parses `args` against `spec`:
 * `{ command, strings: [names], booleans: [names], repeated: [names], positionals: max }`.
 * Returns `{ values, ordered, positionals }`: `values[name]` is the last value of a flag (or
 * `true`), `ordered` every repeated flag as `{ name, value }` in command-line order.
 */
export function readFlags(args, spec) {
  const strings = new Set([...spec.strings, ...spec.repeated]);
  const booleans = new Set(spec.booleans);
  const options = {};
  for (const name of strings) options[name] = { type: "string", multiple: true };
  for (const name of booleans) options[name] = { type: "boolean", ...(name === "help" ? { short: "h" } : {}) };
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  const fail = (message) => {
    throw new UsageError(message, { command: spec.command });
  };

  const values = {};
  const ordered = [];
  const positionals = [];
  for (const token of tokens) {
    if (token.kind === "positional") {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== "option") continue; // the `--` terminator
    const { name, rawName } = token;
    if (booleans.has(name)) {
      if (token.value !== undefined) fail(`${rawName} takes no value`);
      values[name] = true;
    } else if (strings.has(name)) {
      // Non-strict parseArgs takes the next word even when it is another flag.
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith("--"))) fail(`${rawName} needs a value`);
      if (spec.repeated.includes(name)) ordered.push({ name, value: token.value });
      else if (values[name] !== undefined) fail(`${rawName} is given twice`);
      values[name] = token.value;
    } else {
      fail(`unknown option ${safeFlagName(rawName)}`);
    }
  }
  // A stray word is not echoed: it may be a secret pasted in the wrong place.
  if (positionals.length > spec.positionals) {
    fail(`too many arguments: ${spec.command} takes ${spec.positionals === 0 ? "only options" : `at most ${spec.positionals} besides its options`}`);
  }
  return { values, ordered, positionals };
}

/** A flag name fit to echo: its name part only, at most 40 characters. */
function safeFlagName(rawName) {
  const name = rawName.split("=")[0];
  return JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
}

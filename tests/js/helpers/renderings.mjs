// Every way a thrown value (or any value) can be shown to a person or a log, for the secret
// scans: message, stack, String, JSON, util.inspect, each own field, and the cause, recursively.
import { inspect } from "node:util";

/** All the texts `value` can be rendered as; renderings that throw show nothing. */
export function renderings(value, seen = new Set()) {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return [String(value)];
  if (seen.has(value)) return [];
  seen.add(value);
  const out = [];
  const safe = (f) => {
    try {
      const r = f();
      if (r !== undefined) out.push(String(r));
    } catch {
      // a rendering that throws shows nothing
    }
  };
  safe(() => value.message);
  safe(() => value.stack);
  safe(() => String(value));
  safe(() => JSON.stringify(value));
  safe(() => inspect(value, { depth: Infinity, showHidden: true, getters: true }));
  for (const key of Reflect.ownKeys(value)) {
    safe(() => key.toString());
    let field;
    try {
      field = value[key];
    } catch {
      continue; // a field that cannot be read shows nothing
    }
    out.push(...renderings(field, seen));
  }
  if (value instanceof Error && value.cause !== undefined) out.push(...renderings(value.cause, seen));
  return out;
}

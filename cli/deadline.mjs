// `--timeout` (the whole command's deadline) and `--interval` (the first pause between polls
// of a wait), turned into the per-call `timeoutMs` the package takes.
import { parseDuration } from "./duration.mjs";
import { UsageError } from "./exit-codes.mjs";

/** The longest `timeoutMs` the package takes for one call, and its longest poll interval. */
const CALL_MAX_MS = 600_000;

/**
 * Reads `values.timeout` and `values.interval`. `callMs()` is the timeout for the next single
 * call (what is left, at most 10 minutes), `waitMs()` for a wait (what is left); both
 * `undefined` without --timeout, leaving the package's defaults.
 */
export function readDeadline(values, now = Date.now) {
  const timeoutMs = values.timeout === undefined ? undefined : parseDuration(values.timeout, "--timeout");
  const intervalMs = values.interval === undefined ? undefined : parseDuration(values.interval, "--interval", CALL_MAX_MS);
  if (intervalMs !== undefined && !values.wait) throw new UsageError("--interval only applies with --wait");
  const end = timeoutMs === undefined ? undefined : now() + timeoutMs;
  const left = () => Math.max(1, end - now());
  return {
    intervalMs,
    callMs: () => (end === undefined ? undefined : Math.min(CALL_MAX_MS, left())),
    waitMs: () => (end === undefined ? undefined : left()),
  };
}

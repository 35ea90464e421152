// Durations on the command line (`--timeout 10m`) and elapsed times in progress output.
import { UsageError } from "./exit-codes.mjs";

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** A day: the longest wait the package takes. */
export const DAY_MS = 24 * UNIT_MS.h;

/**
 * Reads `30s`, `10m`, `1.5h`, `500ms` or a bare number of seconds into whole milliseconds.
 * Throws a UsageError naming `flag` for anything else, zero, or more than `maxMs` (a day).
 */
export function parseDuration(text, flag, maxMs = DAY_MS) {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const ms = match ? Math.round(Number(match[1]) * UNIT_MS[match[2] ?? "s"]) : NaN;
  if (!(ms >= 1 && ms <= maxMs)) {
    throw new UsageError(`${flag} needs a duration from 1ms to ${formatElapsed(maxMs)}, such as 30s, 10m or 1h (got ${JSON.stringify(text.slice(0, 20))})`);
  }
  return ms;
}

/** `5s`, `1m05s`, `1h02m03s`: an elapsed time to show a person. */
export function formatElapsed(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n) => String(n).padStart(2, "0");
  if (h > 0) return `${h}h${two(m)}m${two(s)}s`;
  if (m > 0) return `${m}m${two(s)}s`;
  return `${s}s`;
}

// Timing helpers: calibrated batches, interleaved rounds, order statistics, formatting.
//
// Every comparison row measures "ours" and "theirs" in the same process, round after round,
// alternating which goes first, so that drift (CPU frequency, other load on the machine, GC
// pressure) hits both sides alike. A row reports the median of the per-round figures, their
// p25–p75 spread, and the ratio of the medians.

import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Rounds per row; `BENCH_ROUNDS=…` overrides, `--quick` in run.mjs lowers it. */
export const settings = {
  rounds: Number(process.env.BENCH_ROUNDS ?? 21),
  batchMs: Number(process.env.BENCH_BATCH_MS ?? 40),
  warmupMs: Number(process.env.BENCH_WARMUP_MS ?? 300),
};

/**
 * A full garbage collection, between suites, so that one suite's garbage (the validation corpus
 * is megabytes) is not collected during the next one's batches.
 */
export function collectGarbage() {
  setFlagsFromString("--expose-gc");
  runInNewContext("gc")();
}

/** Linear-interpolated quantile of a sorted copy of `values` (q in 0..1). */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Median, quartiles and extremes of a sample. */
export function summarize(values) {
  return {
    n: values.length,
    median: quantile(values, 0.5),
    p25: quantile(values, 0.25),
    p75: quantile(values, 0.75),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

/** How many calls of `fn` make one batch of about `settings.batchMs`. */
function calibrate(fn) {
  let iterations = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < iterations; i++) fn();
    const elapsed = performance.now() - start;
    if (elapsed >= settings.batchMs / 4 || iterations >= 1 << 24) {
      return Math.max(1, Math.round((iterations * settings.batchMs) / Math.max(elapsed, 0.001)));
    }
    iterations *= 4;
  }
}

/** Milliseconds per call of `fn` over one batch of `iterations` calls. */
function batch(fn, iterations) {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return (performance.now() - start) / iterations;
}

/**
 * Compares two synchronous functions: calibrates each, warms both up, then runs `rounds`
 * rounds, each timing one batch of each (the order alternating). Returns per-call times in ms.
 */
export function compareSync(ours, theirs, { rounds = settings.rounds } = {}) {
  collectGarbage();
  const nOurs = calibrate(ours);
  const nTheirs = theirs ? calibrate(theirs) : 0;
  // Warm up until both sides have run a few batches (JIT tiers, inline caches, wasm tier-up).
  const warmUntil = performance.now() + settings.warmupMs;
  do {
    batch(ours, nOurs);
    if (theirs) batch(theirs, nTheirs);
  } while (performance.now() < warmUntil);
  const a = [];
  const b = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0 || !theirs) {
      a.push(batch(ours, nOurs));
      if (theirs) b.push(batch(theirs, nTheirs));
    } else {
      b.push(batch(theirs, nTheirs));
      a.push(batch(ours, nOurs));
    }
  }
  return {
    ours: { ...summarize(a), perBatch: nOurs },
    theirs: theirs ? { ...summarize(b), perBatch: nTheirs } : null,
  };
}

/**
 * Compares two async functions call by call: `calls` calls of each in `blocks` interleaved
 * blocks (order alternating per block), after `warmup` calls of each. Returns the per-call
 * latency distribution in ms.
 */
export async function compareAsync(ours, theirs, { calls = 2000, blocks = 10, warmup = 100 } = {}) {
  collectGarbage();
  for (let i = 0; i < warmup; i++) {
    await ours();
    await theirs();
  }
  const a = [];
  const b = [];
  const perBlock = Math.ceil(calls / blocks);
  const run = async (fn, into) => {
    for (let i = 0; i < perBlock; i++) {
      const start = performance.now();
      await fn();
      into.push(performance.now() - start);
    }
  };
  for (let block = 0; block < blocks; block++) {
    if (block % 2 === 0) {
      await run(ours, a);
      await run(theirs, b);
    } else {
      await run(theirs, b);
      await run(ours, a);
    }
  }
  return { ours: summarize(a), theirs: summarize(b) };
}

/** `1.23 ms`, `45.6 µs`, `789 ns`: three significant figures in a fitting unit. */
export function formatTime(ms) {
  if (!Number.isFinite(ms)) return "—";
  const sig = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  if (ms >= 1000) return `${sig(ms / 1000)} s`;
  if (ms >= 1) return `${sig(ms)} ms`;
  if (ms >= 0.001) return `${sig(ms * 1000)} µs`;
  return `${sig(ms * 1e6)} ns`;
}

/** `12,345 B (12.1 KiB)`. */
export function formatBytes(bytes) {
  if (!Number.isFinite(bytes)) return "—";
  const grouped = Math.round(bytes).toLocaleString("en-US");
  return bytes >= 1024 ? `${grouped} B (${(bytes / 1024).toFixed(1)} KiB)` : `${grouped} B`;
}

/** A timing cell: median and p25–p75. */
export function timeCell(stats) {
  if (!stats) return "—";
  return `${formatTime(stats.median)} (${formatTime(stats.p25)}–${formatTime(stats.p75)})`;
}

/** `0.42×`: ours ÷ theirs. */
export function ratioCell(ours, theirs) {
  if (!Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) return "—";
  const r = ours / theirs;
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×`;
}

// d. Cold start in Node: fresh child processes, interleaved, each importing one subject and
// making one first call (coldstart-child.mjs). Reports the in-process import time (for the
// package: read + compile + instantiate the .wasm), the first call, and the whole process
// (spawn → exit) as the parent sees it.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { summarize } from "../lib/measure.mjs";

const CHILD = fileURLToPath(new URL("./coldstart-child.mjs", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function once(what, home) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    // HOME points at a scratch folder: parts of the SDK core write $HOME/.huaweicloud/.
    const child = spawn(process.execPath, [CHILD, what], { cwd: ROOT, env: { ...process.env, HOME: home }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.once("error", reject);
    child.once("exit", (code) => {
      const wallMs = performance.now() - start;
      if (code !== 0) return reject(new Error(`cold start child "${what}" exited with ${code}`));
      resolve({ ...JSON.parse(out), wallMs });
    });
  });
}

/** Runs every subject `rounds` times, in a rotating order. */
export async function measure(subjects, rounds) {
  const home = mkdtempSync(join(tmpdir(), "codearts-bench-home-"));
  const samples = Object.fromEntries(subjects.map((s) => [s, []]));
  try {
    for (const s of subjects) await once(s, home); // warm the disk cache once
    for (let round = 0; round < rounds; round++) {
      const order = subjects.map((_, i) => subjects[(i + round) % subjects.length]);
      for (const s of order) samples[s].push(await once(s, home));
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  const stat = (s, key) => summarize(samples[s].map((x) => x[key]));
  return Object.fromEntries(subjects.map((s) => [s, { importMs: stat(s, "importMs"), firstCallMs: stat(s, "firstCallMs"), wallMs: stat(s, "wallMs") }]));
}

export async function run({ rounds = 12 } = {}) {
  const m = await measure(["package", "sdk-core", "sdk-signer", "package-validate", "ajv", "nothing"], rounds);
  return [
    { group: "Cold start (Node)", name: "import + instantiate vs import the SDK core (+ BasicCredentials)", ours: m.package.importMs, theirs: m["sdk-core"].importMs },
    { group: "Cold start (Node)", name: "import + instantiate vs import only the SDK's AKSKSigner module", ours: m.package.importMs, theirs: m["sdk-signer"].importMs },
    { group: "Cold start (Node)", name: "first signing call after import (vs SDK core)", ours: m.package.firstCallMs, theirs: m["sdk-core"].firstCallMs },
    { group: "Cold start (Node)", name: "whole process: start, import, sign once, exit (vs SDK core)", ours: m.package.wallMs, theirs: m["sdk-core"].wallMs },
    { group: "Cold start (Node)", name: "validation only: import + instantiate + first validation vs import Ajv + compile schema + first validation", ours: add(m["package-validate"].importMs, m["package-validate"].firstCallMs), theirs: add(m.ajv.importMs, m.ajv.firstCallMs) },
    { group: "Cold start (Node)", name: "(reference) a Node process that imports nothing: start → exit", ours: m.nothing.wallMs, theirs: null },
  ];
}

/** Medians and quartiles of a sum, approximated by summing the order statistics. */
function add(a, b) {
  return { median: a.median + b.median, p25: a.p25 + b.p25, p75: a.p75 + b.p75, min: a.min + b.min, max: a.max + b.max, n: a.n };
}

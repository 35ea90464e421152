// CPU load beside a test run: worker threads that spin until stopped (or, as a bound, for at
// most `maxMs`), so the tests' timers, collector and I/O callbacks run late and interleave
// differently — the conditions under which a race shows.
//
//   node scripts/cpu-load.mjs [--threads N] [-- command args…]   (default command: npm test)
//
// runs the command with N spinning threads (default: one per core) beside it and exits with the
// command's status. tests/js/faults-load.test.mjs uses `startCpuLoad` directly.
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const SPIN = `
const { workerData } = require("node:worker_threads");
const flag = new Int32Array(workerData.flag);
const until = Date.now() + workerData.maxMs;
let x = 0;
while (Atomics.load(flag, 0) === 0 && Date.now() < until) {
  for (let i = 0; i < 1e5; i++) x = (x * 31 + i) | 0;
}
`;

/** Starts `threads` spinning workers (default: one per core); `await stop()` ends them. */
export function startCpuLoad({ threads = availableParallelism(), maxMs = 60 * 60_000 } = {}) {
  const flag = new SharedArrayBuffer(4);
  const workers = Array.from({ length: threads }, () => new Worker(SPIN, { eval: true, workerData: { flag, maxMs } }));
  const exited = workers.map((w) => new Promise((resolve) => w.once("exit", resolve)));
  return {
    threads,
    async stop() {
      Atomics.store(new Int32Array(flag), 0, 1);
      await Promise.all(exited);
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dash = args.indexOf("--");
  const flags = dash < 0 ? args : args.slice(0, dash);
  const command = dash < 0 ? ["npm", "test"] : args.slice(dash + 1);
  const at = flags.indexOf("--threads");
  const threads = at < 0 ? availableParallelism() : Number(flags[at + 1]);
  if (!Number.isInteger(threads) || threads < 1 || command.length === 0) {
    console.error("usage: node scripts/cpu-load.mjs [--threads N] [-- command args…]");
    process.exit(2);
  }
  const load = startCpuLoad({ threads });
  console.error(`cpu-load: ${threads} spinning thread(s) beside: ${command.join(" ")}`);
  const child = spawn(command[0], command.slice(1), { stdio: "inherit" });
  child.on("exit", async (code, signal) => {
    await load.stop();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

// Following a started run from the page: waitForDeployment with the run's status kept on the
// outcome (so the response panel and the history can show it), an elapsed-time tick, and a
// Cancel that stops following only — the deployment goes on in CodeArts Deploy.
import { CodeArtsDeployClient } from "codearts-deploy-wasm";
import { describeError } from "./call.js";

/** Poll from 1 s growing to 3 s: the page wants to show progress quickly. */
const POLL = { intervalMs: 1000, maxIntervalMs: 3000 };
const TICK_MS = 1000;

/** Milliseconds between two `yyyy-MM-dd HH:mm:ss` times of the same zone, or null. */
export function runDurationMs(startTime, endTime) {
  const parse = (text) => (typeof text === "string" && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)
    ? Date.parse(`${text.replace(" ", "T")}Z`) : Number.NaN);
  const ms = parse(endTime) - parse(startTime);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

/**
 * Follows one run at a time.
 * `outcome.run` is the state shown: `{ state: "following" | "done" | "stopped" | "error",
 * status?: DeployStatus, polls: number, elapsedMs: number, error?: object }`.
 * @param {{ onChange: (outcome) => void }} options called on every change (status, tick, end)
 */
export function createFollower({ onChange }) {
  let controller = null;
  let followed = null;

  /** Follows `outcome.record` with `config` until it ends, the user stops, or it cannot be known. */
  async function follow(outcome, config) {
    stop();
    const startedAt = outcome.at.getTime() + outcome.latencyMs;
    const run = { state: "following", polls: 0, elapsedMs: Date.now() - startedAt, status: outcome.run?.status };
    outcome.run = run;
    followed = outcome;
    const mine = new AbortController();
    controller = mine;
    const tick = setInterval(() => {
      run.elapsedMs = Date.now() - startedAt;
      onChange(outcome);
    }, TICK_MS);
    onChange(outcome);
    let client = null;
    try {
      client = new CodeArtsDeployClient(config);
      const status = await client.waitForDeployment(outcome.record, {
        ...POLL,
        signal: mine.signal,
        onProgress: (progress) => {
          run.status = progress;
          run.polls += 1;
          onChange(outcome);
        },
      });
      run.status = status;
      run.state = "done";
      run.elapsedMs = runDurationMs(status.startTime, status.endTime) ?? Date.now() - startedAt;
    } catch (error) {
      run.state = mine.signal.aborted ? "stopped" : "error";
      run.error = describeError(error);
      run.elapsedMs = Date.now() - startedAt;
    } finally {
      clearInterval(tick);
      client?.free();
      if (controller === mine) {
        controller = null;
        followed = null;
      }
      onChange(outcome);
    }
  }

  /** Stops following (never the deployment). */
  function stop() {
    controller?.abort(new DOMException("Stopped following from the page", "AbortError"));
  }

  return { follow, stop, busy: () => controller !== null, followed: () => followed };
}

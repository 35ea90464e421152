// Progress of a wait, on stderr. On a terminal: one live line (spinner, status, step, elapsed
// time) redrawn in place. Elsewhere (CI logs, files): one line per change of status or step.
import { formatElapsed } from "./duration.mjs";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const TICK_MS = 100;
const CLEAR_LINE = "\r\x1b[2K";

/**
 * A progress display on `stream` for the run `recordId`. `update(status)` takes each
 * DeployStatus; `stop()` ends it (a live line is cleared). Live only when `stream` is a
 * terminal and TERM is not "dumb".
 */
export function createProgress({ stream, env, recordId, now = Date.now }) {
  const started = now();
  const elapsed = () => formatElapsed(now() - started);
  const describe = (status) => (status ? `${status.status}${status.step ? ` · step ${status.step}` : ""}` : "waiting for the first answer");
  let last;

  if (!stream.isTTY || env.TERM === "dumb") {
    let lastKey;
    return {
      update(status) {
        const key = `${status.status}\u0000${status.step ?? ""}`;
        if (key === lastKey) return;
        lastKey = key;
        stream.write(`[${elapsed()}] ${describe(status)}\n`);
      },
      stop() {},
    };
  }

  let frame = 0;
  const draw = () => {
    const line = `${FRAMES[frame % FRAMES.length]} ${describe(last)} · ${elapsed()} · record ${recordId}`;
    const width = Math.max(20, (stream.columns || 80) - 1);
    stream.write(`${CLEAR_LINE}${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    frame += 1;
  };
  const timer = setInterval(draw, TICK_MS);
  timer.unref();
  draw();
  return {
    update(status) {
      last = status;
      draw();
    },
    stop() {
      clearInterval(timer);
      stream.write(CLEAR_LINE);
    },
  };
}

// Following a started run to its end (`--wait`), with progress on stderr, and how a run's
// status is told to a person.
import { createProgress } from "./progress.mjs";

/**
 * Waits for the run `ids` (`{ taskId, recordId }`) to end with the package's
 * waitForDeployment and resolves with its final DeployStatus. `signal` (Ctrl-C) stops the
 * waiting, never the deployment; the rejection is the package's typed error.
 */
export async function follow(client, ids, { signal, timeoutMs, intervalMs, output, env }) {
  output.note(`Waiting for deployment ${ids.recordId} of task ${ids.taskId} to end (Ctrl-C stops waiting, not the deployment).`);
  const progress = createProgress({ stream: output.stderr, env, recordId: ids.recordId });
  const options = { signal, onProgress: (status) => progress.update(status) };
  if (timeoutMs !== undefined) options.timeoutMs = timeoutMs;
  if (intervalMs !== undefined) options.intervalMs = intervalMs;
  try {
    return await client.waitForDeployment(ids, options);
  } finally {
    progress.stop();
  }
}

/** One line about a run: `Deployment <record> of task <task>: succeeded (step finish, …)`. */
export function statusLine(status) {
  const details = [
    status.step && `step ${status.step}`,
    status.startTime && `started ${status.startTime}`,
    status.endTime && `ended ${status.endTime}`,
    status.requestId && `request id ${status.requestId}`,
  ].filter(Boolean);
  return `Deployment ${status.recordId} of task ${status.taskId}: ${status.status}${details.length ? ` (${details.join(", ")})` : ""}`;
}

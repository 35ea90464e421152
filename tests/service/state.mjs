/**
 * What the service remembers between requests: counters for `stats()`, when each task last
 * started (for the "already deploying" conflict) and how many requests each throttle spec has
 * turned away. `reset()` forgets all of it.
 */
export class ServiceState {
  constructor() {
    this.reset();
  }

  /** Forgets every counter, start and throttle. */
  reset() {
    this.requests = 0;
    this.preflights = 0;
    this.starts = 0;
    this.rejected = 0;
    this.aborted = 0;
    this.startsByTask = new Map();
    this.lastStartAt = new Map();
    this.throttled = new Map();
    this.lastStart = null;
  }

  /**
   * Records a started deployment.
   * @param {{ taskId: string, body: object, headersSeen: string[], auth: string, projectId: string|null }} start
   *   `body` must already have its secrets masked.
   */
  recordStart(start, nowMs) {
    this.starts += 1;
    this.startsByTask.set(start.taskId, (this.startsByTask.get(start.taskId) ?? 0) + 1);
    this.lastStartAt.set(start.taskId, nowMs);
    this.lastStart = start;
  }

  /** True while `taskId` is still deploying from a start less than `deployingMs` ago. */
  isDeploying(taskId, nowMs, deployingMs) {
    const last = this.lastStartAt.get(taskId);
    return deployingMs > 0 && last !== undefined && nowMs - last < deployingMs;
  }

  /** Counts one request against throttle `spec`; true while it is among the first `limit`. */
  takeThrottle(spec, limit) {
    const seen = this.throttled.get(spec) ?? 0;
    if (seen >= limit) return false;
    this.throttled.set(spec, seen + 1);
    return true;
  }

  /** A JSON-ready snapshot (the shape of `stats()` and `GET /__service/stats`). */
  snapshot() {
    return {
      requests: this.requests,
      starts: this.starts,
      rejected: this.rejected,
      aborted: this.aborted,
      preflights: this.preflights,
      startsByTask: Object.fromEntries(this.startsByTask),
      lastStart: this.lastStart === null ? null : structuredClone(this.lastStart),
    };
  }
}

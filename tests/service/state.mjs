/**
 * What the service remembers between requests: counters for `stats()`, when each task last
 * started (for the "already deploying" conflict), the runs started (for the reads) and how many
 * requests each throttle spec has turned away. `reset()` forgets all of it.
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
    this.statusRequests = 0;
    this.paramsRequests = 0;
    this.lastRead = null;
    /** recordId → run (see run.mjs), in start order. */
    this.runs = new Map();
    /** taskId → its latest run. */
    this.latestRuns = new Map();
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

  /** Remembers a started run (see run.mjs) as its task's latest. */
  addRun(run) {
    this.runs.set(run.recordId, run);
    this.latestRuns.set(run.taskId, run);
  }

  /** The run `recordId` of `taskId`, or, without `recordId`, the task's latest; null when none. */
  findRun(taskId, recordId) {
    const run = recordId === null ? this.latestRuns.get(taskId) : this.runs.get(recordId);
    return run !== undefined && run.taskId === taskId ? run : null;
  }

  /** Counts one read request (`kind`: "status" or "params"). */
  countRead(kind) {
    if (kind === "status") this.statusRequests += 1;
    else this.paramsRequests += 1;
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

  /**
   * A JSON-ready snapshot (the shape of `stats()` and `GET /__service/stats`).
   * @param {(run: object) => string} statusOf a run's status now
   */
  snapshot(statusOf) {
    return {
      requests: this.requests,
      starts: this.starts,
      rejected: this.rejected,
      aborted: this.aborted,
      preflights: this.preflights,
      startsByTask: Object.fromEntries(this.startsByTask),
      lastStart: this.lastStart === null ? null : structuredClone(this.lastStart),
      statusRequests: this.statusRequests,
      paramsRequests: this.paramsRequests,
      runs: Object.fromEntries([...this.runs].map(([id, run]) => [id, { taskId: run.taskId, status: statusOf(run) }])),
      lastRead: this.lastRead === null ? null : structuredClone(this.lastRead),
    };
  }
}

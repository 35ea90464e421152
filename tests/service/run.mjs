/**
 * A started run as the read endpoints report it: `running` (step `running`) for `runningMs` of
 * the service clock after its start, then `succeeded` or `failed` (step `finish`), with three
 * steps that advance with the time; and the parameters its start sent.
 */
import { REGION, stableId } from "./record.mjs";

/** Who started every run. */
export const EXECUTOR = "demo-user";
/** The steps every run goes through, in order. */
export const STEP_NAMES = ["Download the package", "Stop the service", "Start the service"];
/** The reference's zone for times of runs in cn-north-4: UTC+08:00. */
const ZONE_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The record of a started run.
 * @param {{ taskId: string, recordId: string, startedAtMs: number, params: unknown, fails: boolean }} start
 *   `params` is the start body's `params` (any shape the rules accepted, or absent).
 */
export function createRun({ taskId, recordId, startedAtMs, params, fails }) {
  const list = Array.isArray(params) ? params : [];
  return {
    taskId,
    recordId,
    startedAtMs,
    fails,
    params: list.map(({ key, type, value }) => ({ name: key, type, value: type === "encrypt" ? "" : value })),
  };
}

/** `yyyy-MM-dd HH:mm:ss` in UTC+08:00. */
export function formatRunTime(ms) {
  return new Date(Math.trunc(ms) + ZONE_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** How far the run is, 0 to 1, at `nowMs`. */
function progress(run, nowMs, runningMs) {
  if (runningMs <= 0) return 1;
  return Math.min(1, Math.max(0, (nowMs - run.startedAtMs) / runningMs));
}

/** `running`, `succeeded` or `failed` at `nowMs`. */
export function runStatus(run, nowMs, runningMs) {
  if (progress(run, nowMs, runningMs) < 1) return "running";
  return run.fails ? "failed" : "succeeded";
}

/** The per-step details: all fields strings, as the reference's `step_state`. */
function stepStates(run, nowMs, runningMs) {
  const done = progress(run, nowMs, runningMs);
  const stepMs = runningMs / STEP_NAMES.length;
  const current = Math.min(STEP_NAMES.length - 1, Math.floor(done * STEP_NAMES.length));
  const elapsedMs = Math.max(0, Math.min(nowMs, run.startedAtMs + runningMs) - run.startedAtMs);
  return STEP_NAMES.map((name, index) => {
    const inStepMs = Math.min(stepMs, Math.max(0, elapsedMs - index * stepMs));
    return {
      region: REGION,
      id: stableId(`step:${run.taskId}:${index}`),
      offset: String(index),
      enable: "true",
      name,
      current_offset: String(current),
      elapsed_time: String(Math.round(inStepMs / 1000)),
      faq_url: "",
    };
  });
}

/**
 * The 200 body of `GET /v2/tasks/{task_id}/state` for `run` at `nowMs`.
 * @param {boolean} withSteps include `step_state`
 */
export function statusBody(run, nowMs, runningMs, withSteps) {
  const status = runStatus(run, nowMs, runningMs);
  const result = {
    record_id: run.recordId,
    task_id: run.taskId,
    nick_name: EXECUTOR,
    executor: EXECUTOR,
    task_name: `task-${run.taskId.slice(0, 8)}`,
    status,
    step: status === "running" ? "running" : "finish",
    start_time: formatRunTime(run.startedAtMs),
    end_time: status === "running" ? "" : formatRunTime(run.startedAtMs + runningMs),
  };
  if (withSteps) result.step_state = stepStates(run, nowMs, runningMs);
  return { status: "success", result };
}

/** The 200 body of `GET /v2/history/tasks/{task_id}/params`: `[{ name, type, value }]`, `encrypt` values `""`. */
export function paramsBody(run) {
  return run.params.map((param) => ({ ...param }));
}

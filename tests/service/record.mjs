/**
 * The deployment record a successful start answers with (spec "Response 200"): a fresh `id`,
 * the `task_id`, a 50-character `job_name` and one plausible `AppComponentDao`.
 */
import { createHash, randomBytes } from "node:crypto";

/** The tenant (domain) id every record reports. */
export const DOMAIN_ID = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
/** The region every record reports. */
export const REGION = "cn-north-4";

/** 32 hex characters derived from `text`, so a task always maps to the same app and component. */
export function stableId(text) {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

/**
 * Builds the record of a deployment of `taskId` started at `nowMs`.
 * `job_name` = `job_<id>_<13-digit epoch ms>` (4 + 32 + 1 + 13 = 50 characters).
 */
export function buildDeployRecord(taskId, nowMs) {
  const id = randomBytes(16).toString("hex");
  const appId = stableId(`app:${taskId}`);
  return {
    id,
    task_id: taskId,
    job_name: `job_${id}_${String(Math.trunc(nowMs)).padStart(13, "0")}`,
    app_component_list: [
      {
        task_id: taskId,
        app_id: appId,
        app_name: `app${appId.slice(0, 8)}`,
        comp_id: stableId(`component:${taskId}`),
        comp_name: "demo-component",
        domain_id: DOMAIN_ID,
        region: REGION,
        state: "1",
      },
    ],
  };
}

/**
 * The service's own reading of the StartDeployTask rules R1 and R4–R9
 * (shared/spec/start-deploy-task.md), written independently of the Rust core so that each
 * checks the other. Rules never echo a value back: messages name the field and the rule only,
 * so a secret (`encrypt`) value cannot leak through an error.
 *
 * @typedef {{ path: (string|number)[], rule: string, message: string }} Issue
 */

/** R1 / R5: ASCII letters and digits, exactly 32. */
const ID_32 = /^[A-Za-z0-9]{32}$/;
/** R7: ASCII letters, digits, `.`, `_`, `-`; 1 to 128. */
const PARAM_KEY = /^[A-Za-z0-9._-]{1,128}$/;
/** R8: maximum value length in UTF-16 code units. */
export const MAX_VALUE_LENGTH = 8192;
/** R8: sequences a value must not contain (template injection). */
export const FORBIDDEN_SEQUENCES = ["{{", "{%", "{#"];
/** R9: accepted parameter types. */
export const PARAM_TYPES = ["text", "host_group", "encrypt", "enum"];
/** R6: accepted trigger sources (the reference's example writes a number). */
const TRIGGER_SOURCES = ["0", "1", 0, 1];
/** Body fields the API knows. */
const BODY_FIELDS = ["params", "record_id", "trigger_source"];
/** Fields every parameter must have, and no others. */
const PARAM_FIELDS = ["key", "value", "type"];

/** True for a plain JSON object (not null, not an array). */
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A field name safe to quote in a message (field names are never secret, but keep them short). */
function quoteName(name) {
  return JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
}

/**
 * R1: the path's `task_id`.
 * @param {string} taskId percent-decoded path segment
 * @returns {Issue[]}
 */
export function validateTaskId(taskId) {
  if (ID_32.test(taskId)) return [];
  return [{ path: ["task_id"], rule: "R1", message: "must be exactly 32 ASCII letters or digits" }];
}

/**
 * R4, R7–R9: one `DynamicConfigInfo`.
 * @returns {Issue[]}
 */
function validateParam(param, index) {
  const at = (field) => ["params", index, ...(field === undefined ? [] : [field])];
  if (!isObject(param)) return [{ path: at(), rule: "R4", message: "must be an object with key, value and type" }];
  const issues = [];
  for (const name of Object.keys(param)) {
    if (!PARAM_FIELDS.includes(name)) {
      issues.push({ path: at(name), rule: "R4", message: `unknown field ${quoteName(name)} (allowed: key, value, type)` });
    }
  }
  const { key, value, type } = param;
  if (key === undefined || key === null) issues.push({ path: at("key"), rule: "R7", message: "is required" });
  else if (typeof key !== "string" || !PARAM_KEY.test(key)) {
    issues.push({ path: at("key"), rule: "R7", message: "must be 1 to 128 of A-Z a-z 0-9 . _ -" });
  }
  if (value === undefined || value === null) issues.push({ path: at("value"), rule: "R8", message: "is required" });
  else if (typeof value !== "string") issues.push({ path: at("value"), rule: "R8", message: "must be a string" });
  else {
    if (value.length > MAX_VALUE_LENGTH) {
      issues.push({ path: at("value"), rule: "R8", message: `must be at most ${MAX_VALUE_LENGTH} characters` });
    }
    if (FORBIDDEN_SEQUENCES.some((seq) => value.includes(seq))) {
      issues.push({ path: at("value"), rule: "R8", message: "must not contain {{, {% or {#" });
    }
  }
  if (type === undefined || type === null) issues.push({ path: at("type"), rule: "R9", message: "is required" });
  else if (!PARAM_TYPES.includes(type)) {
    issues.push({ path: at("type"), rule: "R9", message: `must be one of ${PARAM_TYPES.join(", ")}` });
  }
  return issues;
}

/**
 * The whole `EnvExecutionBody` (already parsed from JSON). `null` counts as absent.
 * @returns {Issue[]}
 */
export function validateStartBody(body) {
  if (!isObject(body)) return [{ path: [], rule: "R4", message: "body must be a JSON object" }];
  const issues = [];
  for (const name of Object.keys(body)) {
    if (!BODY_FIELDS.includes(name)) {
      issues.push({ path: [name], rule: "R4", message: `unknown field ${quoteName(name)} (allowed: ${BODY_FIELDS.join(", ")})` });
    }
  }
  const { params, record_id: recordId, trigger_source: triggerSource } = body;
  if (params !== undefined && params !== null) {
    if (!Array.isArray(params)) issues.push({ path: ["params"], rule: "R4", message: "must be an array" });
    else params.forEach((param, index) => issues.push(...validateParam(param, index)));
  }
  if (recordId !== undefined && recordId !== null && (typeof recordId !== "string" || !ID_32.test(recordId))) {
    issues.push({ path: ["record_id"], rule: "R5", message: "must be exactly 32 ASCII letters or digits" });
  }
  if (triggerSource !== undefined && triggerSource !== null && !TRIGGER_SOURCES.includes(triggerSource)) {
    issues.push({ path: ["trigger_source"], rule: "R6", message: 'must be "0" or "1"' });
  }
  return issues;
}

/** `["params", 2, "value"]` → `params[2].value`. */
export function formatPath(path) {
  return path.reduce((text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${part}` : part), "");
}

/** All issues as one `error_msg`: `params[2].value: must … (R8); …`. */
export function formatIssues(issues) {
  return issues.map((issue) => `${formatPath(issue.path) || "body"}: ${issue.message} (${issue.rule})`).join("; ");
}

/** A copy of a valid body with every `encrypt` parameter's value replaced by `******`. */
export function maskSecrets(body) {
  const copy = structuredClone(body);
  for (const param of Array.isArray(copy.params) ? copy.params : []) {
    if (param.type === "encrypt") param.value = "******";
  }
  return copy;
}

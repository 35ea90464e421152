// The inputs every comparison uses: deterministic (no randomness), so two runs measure the same
// bytes.
//
// Validation bodies have 3, 50 or 500 parameters whose values cycle through 8192, 32, 512 and
// 4096 UTF-16 code units (so every body holds at least one value at the 8 KB limit), mixing
// ASCII, Chinese and an astral character (two UTF-16 units). An invalid body breaks the task id
// and the record id and one parameter in ten (at least one), each break chosen so that the
// package and the JSON Schema report it as the same number of issues.

export const TASK_ID = "d2dc947ec2424d8789bb3984bb3adf45";
export const RECORD_ID = "0ee9c8e6a7dc44109541e53c6dccf47c";
export const PARAM_COUNTS = [3, 50, 500];
const VALUE_LENGTHS = [8192, 32, 512, 4096];
const PARAM_TYPES = ["text", "host_group", "encrypt", "enum"];
const FILLER = "deploy-value_0123456789 部署参数 ";

/** A value of exactly `length` UTF-16 code units (one astral character when long enough). */
export function valueOf(length, seed) {
  const astral = length >= 64 ? "😀" : "";
  let text = astral;
  let i = seed % FILLER.length;
  while (text.length < length) {
    text += FILLER[i];
    i = (i + 1) % FILLER.length;
  }
  return text.slice(0, length);
}

/** A valid parameter `i`. */
function param(i) {
  return {
    key: `param.${i}_key-${i % 7}`,
    value: valueOf(VALUE_LENGTHS[i % VALUE_LENGTHS.length], i),
    type: PARAM_TYPES[i % PARAM_TYPES.length],
  };
}

/**
 * The ways a parameter is broken in invalid bodies, and how many issues each yields (the same
 * for both validators by construction).
 */
const BREAKS = [
  (p) => ({ ...p, key: "bad key!" }), // R7 charset: 1
  (p) => ({ ...p, value: `${p.value.slice(0, 16)}{{ secret }}` }), // R8 forbidden {{: 1
  (p) => ({ ...p, value: valueOf(8193, 3) }), // R8 too long: 1
  (p) => ({ ...p, type: "txt" }), // R9 enum: 1
  (p) => ({ key: p.key, value: p.value }), // R9 required: 1
  (p) => ({ ...p, Key: "typo" }), // unknown field: 1
  () => null, // R4 not an object: 1
  (p) => ({ ...p, value: 42 }), // R8 type: 1
];

/** A body with `count` parameters; `valid: false` breaks it as described above. */
export function validationInput(count, valid) {
  const params = Array.from({ length: count }, (_, i) => param(i));
  if (valid) return { taskId: TASK_ID, params, recordId: RECORD_ID, triggerSource: "0" };
  const step = Math.min(10, count);
  let broken = 0;
  for (let i = 0; i < count; i += step) {
    params[i] = BREAKS[broken % BREAKS.length](params[i]);
    broken++;
  }
  return {
    taskId: "d2dc947e-c242-4d87-89bb-3984bb3adf45", // R1: length and charset: 2
    params,
    recordId: "not a record id", // R5: length and charset: 2
    triggerSource: 0,
  };
}

/** Every validation case: `{ name, count, valid, input, bytes }`. */
export function validationCases() {
  const cases = [];
  for (const count of PARAM_COUNTS) {
    for (const valid of [true, false]) {
      const input = validationInput(count, valid);
      const bytes = Buffer.byteLength(JSON.stringify(input));
      cases.push({ name: `${count} params, ${valid ? "valid" : "invalid"}`, count, valid, input, bytes });
    }
  }
  return cases;
}

/** A wire body (`EnvExecutionBody`) of about `bytes` bytes as a JS object. */
export function wireBodyOfSize(bytes) {
  const params = [];
  let i = 0;
  const size = () => Buffer.byteLength(JSON.stringify({ params, trigger_source: "0" }));
  while (size() < bytes) {
    params.push({ key: `k${i}`, value: valueOf(Math.min(4096, bytes - size()), i).replace("😀", "x"), type: "text" });
    i++;
  }
  return { params, trigger_source: "0" };
}

/** The signing cases: a small body and one of 64 KiB, on the same URL and headers. */
export function signingCases() {
  const url = `https://codearts-deploy.cn-north-4.myhuaweicloud.com/v2/tasks/${TASK_ID}/start`;
  return [
    { name: "small body", url, data: { params: [{ key: "env", value: "prod", type: "text" }], trigger_source: "0" } },
    { name: "64 KiB body", url, data: wireBodyOfSize(64 * 1024) },
  ].map((c) => ({ ...c, bytes: Buffer.byteLength(JSON.stringify(c.data)) }));
}

const validBodies = new Map();
/** The valid body with `count` parameters, built once per count (for the Workers' loops). */
export function cachedValidInput(count) {
  if (!validBodies.has(count)) validBodies.set(count, validationInput(count, true));
  return validBodies.get(count);
}

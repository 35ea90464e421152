// startDeployTaskSchema as a Standard Schema v1 (https://standardschema.dev): the shape the spec
// fixes, results form libraries consume, messages in either locale. Its types are checked against
// @standard-schema/spec's own StandardSchemaV1 by tsc in tests/js/types.test.mjs
// (tests/types/consumer.ts assigns the schema to it and infers its input and output).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  startDeployTaskSchema,
  createStartDeployTaskSchema,
  validateStartDeployTask,
  ConfigError,
} from "codearts-deploy-wasm";

const TASK_ID = "d2dc947ec2424d8789bb3984bb3adf45";
const valid = {
  taskId: TASK_ID,
  params: [
    { key: "version", value: "1.4.2", type: "text" },
    { key: "db_password", value: "hunter2", type: "encrypt" },
  ],
  triggerSource: 0,
};
const invalid = {
  taskId: "short",
  params: [{ key: "ok", value: "{{ template }}", type: "text" }, { key: "bad key", value: "", type: "secret" }],
  trigger_source: "0",
};

/**
 * What a form library does with any Standard Schema: it knows nothing of this package, awaits
 * a Promise if it gets one and turns `path` segments (plain keys or `{ key }`) into field names.
 */
async function validateLikeAFormLibrary(schema, value) {
  const props = schema["~standard"];
  assert.equal(props.version, 1);
  let result = props.validate(value);
  if (result instanceof Promise) result = await result;
  if (!result.issues) return { value: result.value, errors: {} };
  const errors = {};
  for (const issue of result.issues) {
    const name = (issue.path ?? []).map((segment) => (typeof segment === "object" ? segment.key : segment)).join(".");
    (errors[name] ??= []).push(issue.message);
  }
  return { errors };
}

test("the schema has the spec's ~standard properties: version 1, the vendor, a validate function", () => {
  const props = startDeployTaskSchema["~standard"];
  assert.equal(props.version, 1);
  assert.equal(props.vendor, "codearts-deploy-wasm");
  assert.equal(typeof props.validate, "function");
  assert.ok(Object.isFrozen(startDeployTaskSchema) && Object.isFrozen(props), "a shared schema cannot be altered");
});

test("a valid input gives { value } (the input itself), synchronously and without issues", () => {
  const result = startDeployTaskSchema["~standard"].validate(valid);
  assert.ok(!(result instanceof Promise));
  assert.equal(result.value, valid);
  assert.equal(result.issues, undefined);
});

test("an invalid input gives every issue with its message and path, plus code and rule", () => {
  const result = startDeployTaskSchema["~standard"].validate(invalid);
  assert.equal("value" in result, false);
  assert.deepEqual(
    result.issues.map(({ path, code, rule }) => [path, code, rule]),
    validateStartDeployTask(invalid).issues.map(({ path, code, rule }) => [path, code, rule]),
  );
  const byPath = Object.fromEntries(result.issues.map((issue) => [JSON.stringify(issue.path), issue]));
  assert.equal(byPath['["taskId"]'].code, "length");
  assert.equal(byPath['["params",0,"value"]'].code, "forbidden_sequence");
  assert.equal(byPath['["params",1,"key"]'].rule, "R7");
  assert.equal(byPath['["params",1,"type"]'].code, "enum");
  assert.match(byPath['["trigger_source"]'].message, /triggerSource/);
  for (const issue of result.issues) {
    assert.equal(typeof issue.message, "string");
    assert.ok(issue.message.length > 0);
    assert.deepEqual(Object.keys(issue).sort(), ["code", "message", "path", "rule"]);
  }
});

test("a form library turns the issues into per-field errors", async () => {
  const { errors } = await validateLikeAFormLibrary(startDeployTaskSchema, invalid);
  assert.deepEqual(Object.keys(errors).sort(), [
    "params.0.value",
    "params.1.key",
    "params.1.type",
    "taskId",
    "trigger_source",
  ]);
  const ok = await validateLikeAFormLibrary(startDeployTaskSchema, valid);
  assert.equal(ok.value, valid);
});

test("validate never throws: anything that is not an object is one issue at the root path", () => {
  for (const value of [undefined, null, 5, "text", [], Symbol("s"), 1n, () => {}]) {
    const result = startDeployTaskSchema["~standard"].validate(value);
    assert.ok(result.issues?.length >= 1, `${String(value)} must be rejected`);
  }
  assert.deepEqual(startDeployTaskSchema["~standard"].validate(42).issues.map((i) => [i.path, i.code]), [[[], "type"]]);
});

test("an encrypt value never appears in a message", () => {
  const secret = "hunter2{{not-a-template";
  const result = startDeployTaskSchema["~standard"].validate({
    taskId: TASK_ID,
    params: [{ key: "db_password", value: secret, type: "encrypt" }],
  });
  assert.equal(result.issues.length, 1);
  assert.ok(!JSON.stringify(result).includes("hunter2"));
});

test("createStartDeployTaskSchema({ locale: 'zh-CN' }) gives Chinese messages; libraryOptions choose per call", () => {
  const zh = createStartDeployTaskSchema({ locale: "zh-CN" });
  const chinese = zh["~standard"].validate({ taskId: "x" }).issues[0];
  assert.deepEqual(chinese.path, ["taskId"]);
  assert.match(chinese.message, /[\u4e00-\u9fff]/);
  assert.equal(chinese.message, validateStartDeployTask({ taskId: "x" }, { locale: "zh-CN" }).issues[0].message);

  const english = zh["~standard"].validate({ taskId: "x" }, { libraryOptions: { locale: "en" } }).issues[0];
  assert.equal(english.message, validateStartDeployTask({ taskId: "x" }).issues[0].message);
  const perCall = startDeployTaskSchema["~standard"].validate({ taskId: "x" }, { libraryOptions: { locale: "zh-CN" } });
  assert.equal(perCall.issues[0].message, chinese.message);
  // An unknown per-call locale keeps the schema's own: validate must not throw.
  assert.equal(zh["~standard"].validate({ taskId: "x" }, { libraryOptions: { locale: "fr" } }).issues[0].message, chinese.message);
  assert.equal(createStartDeployTaskSchema()["~standard"].validate({ taskId: "x" }).issues[0].message, english.message);
});

test("createStartDeployTaskSchema refuses an unknown locale with a ConfigError", () => {
  for (const options of [{ locale: "fr" }, { locale: "zh" }, null, "zh-CN"]) {
    assert.throws(() => createStartDeployTaskSchema(options), (error) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.reason, "invalid_options");
      return true;
    });
  }
});

// Standard Schema v1 (https://standardschema.dev) over validateStartDeployTask, so that form
// libraries and routers that accept any Standard Schema (TanStack Form, React Hook Form's
// standardSchemaResolver, tRPC, Hono's validator, …) check a StartDeployTask input with every
// rule of the API and show its messages field by field.
//
// Shared by the main entry (js/standard-schema.js) and the validate-only entry
// (js/validate/exports.js), each with its own module's validateStartDeployTask. Nothing here
// touches the WebAssembly module until `validate` runs: the entry files evaluate this module
// before they have instantiated it.
import { ConfigError } from "../pkg/errors.js";

const VENDOR = "codearts-deploy-wasm";
const LOCALES = ["en", "zh-CN"];

function checkLocale(locale, where) {
  if (locale !== undefined && !LOCALES.includes(locale)) {
    throw new ConfigError(`${where} must be "en" or "zh-CN"`, "invalid_options");
  }
}

/** `createStartDeployTaskSchema` over one module's `validateStartDeployTask`. */
export function schemaFactory(validateStartDeployTask) {
  /**
   * Builds a Standard Schema v1 object for `StartDeployTaskInput`.
   *
   * `validate(value)` returns `{ value }` (the input itself, unchanged) when it breaks no rule, or
   * `{ issues }`: every problem, each `{ message, path, code, rule }` as `validateStartDeployTask`
   * reports it. It never throws and never returns a Promise. A call may pick another language with
   * the spec's vendor options: `validate(value, { libraryOptions: { locale: "zh-CN" } })`.
   *
   * ```js
   * const schema = createStartDeployTaskSchema({ locale: "zh-CN" });
   * const result = schema["~standard"].validate({ taskId: "x" });
   * result.issues?.[0]; // { message: "taskId 的长度必须为 32 个字符（当前为 1 个）。", path: ["taskId"], code: "length", rule: "R1" }
   * ```
   *
   * @param {{ locale?: "en" | "zh-CN" }} [options] the messages' language; English by default.
   * @throws {ConfigError} (`reason: "invalid_options"`) when the locale is not one of them.
   */
  function createStartDeployTaskSchema(options = {}) {
    if (options === null || typeof options !== "object") {
      throw new ConfigError("createStartDeployTaskSchema options must be an object", "invalid_options");
    }
    const { locale } = options;
    checkLocale(locale, "locale");
    const standard = {
      version: 1,
      vendor: VENDOR,
      validate(value, validateOptions) {
        // The package's locale policy (README, "Locales"): a per-call locale that is not
        // understood is ignored, as this function never throws; the schema's own is used.
        const callLocale = validateOptions?.libraryOptions?.locale;
        const chosen = LOCALES.includes(callLocale) ? callLocale : locale;
        const result = validateStartDeployTask(value, chosen === undefined ? undefined : { locale: chosen });
        if (result.ok) return { value };
        return {
          issues: result.issues.map(({ message, path, code, rule }) => ({ message, path, code, rule })),
        };
      },
    };
    return Object.freeze({ "~standard": Object.freeze(standard) });
  }
  return createStartDeployTaskSchema;
}

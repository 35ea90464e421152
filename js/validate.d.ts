// Types of the validate-only entry `codearts-deploy-wasm/validate`: the validation API, the
// error classes and the Standard Schema object. The main entry's types (index.d.ts) start
// from these: the same declarations for both entries.
export { validateStartDeployTask } from "../pkg/codearts_deploy_wasm.js";
export type {
  StartDeployTaskInput,
  DeployParam,
  ParamType,
  Issue,
  IssueCode,
  PathSegment,
  ValidationResult,
  ValidateOptions,
} from "../pkg/codearts_deploy_wasm.js";
export * from "./errors.js";
export {
  startDeployTaskSchema,
  createStartDeployTaskSchema,
} from "./standard-schema.js";
export type {
  StandardSchemaV1,
  StartDeployTaskSchema,
  StartDeployTaskSchemaProps,
  StartDeployTaskSchemaIssue,
  StartDeployTaskSchemaOptions,
  StartDeployTaskSchemaLibraryOptions,
} from "./standard-schema.js";

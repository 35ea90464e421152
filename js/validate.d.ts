// Types of the validate-only entry `codearts-deploy-wasm/validate`: the same validation API as
// the main entry (the same declarations), without the client.
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

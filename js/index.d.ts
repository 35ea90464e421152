// The package's types: the functions and model types generated from the Rust code, the error
// classes and the Standard Schema object.
export {
  validateStartDeployTask,
  buildStartDeployTaskRequest,
  previewStartDeployTaskRequest,
  signRequest,
  listRegions,
  CodeArtsDeployClient,
} from "../pkg/codearts_deploy_wasm.js";
export type {
  StartDeployTaskInput,
  DeployParam,
  ParamType,
  DeployRecord,
  DeployStatus,
  RunIds,
  CallOptions,
  WaitOptions,
  ResponseMetadata,
  AppComponent,
  Issue,
  IssueCode,
  PathSegment,
  ValidationResult,
  ValidateOptions,
  ClientConfig,
  RetryOptions,
  StartOptions,
  PreparedRequest,
  SignableRequest,
  SigningCredentials,
  SignOptions,
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

// The package's types: the validation API (shared with `codearts-deploy-wasm/validate`), then
// the client, requests and signing, generated from the Rust code.
export * from "./validate.js";
export {
  buildStartDeployTaskRequest,
  previewStartDeployTaskRequest,
  signRequest,
  listRegions,
  CodeArtsDeployClient,
} from "../pkg/codearts_deploy_wasm.js";
export type {
  DeployRecord,
  DeployStatus,
  RunIds,
  CallOptions,
  WaitOptions,
  ResponseMetadata,
  AppComponent,
  ClientConfig,
  RetryOptions,
  StartOptions,
  PreparedRequest,
  SignableRequest,
  SigningCredentials,
  SignOptions,
} from "../pkg/codearts_deploy_wasm.js";

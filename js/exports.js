// The package's public API, shared by every runtime's entry file. The entry files load the
// WebAssembly module first, then re-export this.
export {
  validateStartDeployTask,
  buildStartDeployTaskRequest,
  previewStartDeployTaskRequest,
  signRequest,
  listRegions,
  CodeArtsDeployClient,
} from "../pkg/codearts_deploy_wasm.js";
export {
  CodeArtsDeployError,
  ValidationError,
  ConfigError,
  DeployApiError,
  TimeoutError,
  AbortError,
  NetworkError,
  ResponseFormatError,
} from "../pkg/errors.js";
export { startDeployTaskSchema, createStartDeployTaskSchema } from "./standard-schema.js";

// The package's public API, shared by every runtime's entry file. The entry files load the
// WebAssembly module first, then re-export this.
export {
  CodeArtsDeployClient,
  validateStartDeployTask,
  buildStartDeployTaskRequest,
  previewStartDeployTaskRequest,
  signRequest,
  listRegions,
} from "../pkg/codearts_deploy_wasm.js";
export * from "../pkg/errors.js";
export { startDeployTaskSchema, createStartDeployTaskSchema } from "./standard-schema.js";

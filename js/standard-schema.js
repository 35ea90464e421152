// Standard Schema v1 (https://standardschema.dev) over validateStartDeployTask: see
// standard-schema-of.js. Nothing here touches the WebAssembly module until `validate` runs.
import { validateStartDeployTask } from "../pkg/codearts_deploy_wasm.js";
import { schemaFactory } from "./standard-schema-of.js";

/** Builds a Standard Schema v1 object for `StartDeployTaskInput` (see standard-schema-of.js). */
export const createStartDeployTaskSchema = /* @__PURE__ */ schemaFactory(validateStartDeployTask);

/** The Standard Schema v1 object for `StartDeployTaskInput`, with English messages. */
export const startDeployTaskSchema = /* @__PURE__ */ createStartDeployTaskSchema();

// The validate-only API (`codearts-deploy-wasm/validate`), shared by its runtime entries: the
// same validateStartDeployTask and Standard Schema objects as the main entry, over the
// validate-only module, and the same error classes (one copy: `instanceof` holds across both
// entries).
import { validateStartDeployTask } from "../../pkg/validate/validate.js";
import { schemaFactory } from "../standard-schema-of.js";

export { validateStartDeployTask };
export * from "../../pkg/errors.js";
export const createStartDeployTaskSchema = /* @__PURE__ */ schemaFactory(validateStartDeployTask);
export const startDeployTaskSchema = /* @__PURE__ */ createStartDeployTaskSchema();

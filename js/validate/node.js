// Validate-only Node entry: the validate-only module is read from disk and compiled
// synchronously at import time. No set-up call is needed. scripts/build.mjs bundles this file
// with the js/ modules it imports into pkg/validate/node.js, the `node` condition's module.
import { readFileSync } from "node:fs";
import { initSync } from "../../pkg/validate/validate.js";

initSync({ module: readFileSync(new URL("../../pkg/validate/validate_bg.wasm", import.meta.url)) });

export * from "./exports.js";

// Node entry: Node's fetch cannot read file: URLs, so the module is read from disk and
// compiled synchronously at import time. No set-up call is needed.
import { readFileSync } from "node:fs";
import { initSync } from "../pkg/codearts_deploy_wasm.js";

initSync({ module: readFileSync(new URL("../pkg/codearts_deploy_wasm_bg.wasm", import.meta.url)) });

export * from "./exports.js";

// Browser (and bundler) entry: fetches and instantiates the module next to the glue before the
// importing module runs (top-level await). No set-up call is needed.
import init from "../pkg/codearts_deploy_wasm.js";

await init({ module_or_path: new URL("../pkg/codearts_deploy_wasm_bg.wasm", import.meta.url) });

export * from "./exports.js";

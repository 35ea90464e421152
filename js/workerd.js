// Cloudflare Workers / workerd entry: Workers forbid compiling WebAssembly at run time, so the
// module is imported precompiled (wrangler and Miniflare turn a .wasm import into a
// WebAssembly.Module) and instantiated synchronously.
import wasmModule from "../pkg/codearts_deploy_wasm_bg.wasm";
import { initSync } from "../pkg/codearts_deploy_wasm.js";

initSync({ module: wasmModule });

export * from "./exports.js";

// Validate-only Cloudflare Workers / workerd entry: the validate-only module imported
// precompiled (wrangler and Miniflare turn a .wasm import into a WebAssembly.Module) and
// instantiated synchronously.
import wasmModule from "../../pkg/validate/validate_bg.wasm";
import { initSync } from "../../pkg/validate/validate.js";

initSync({ module: wasmModule });

export * from "./exports.js";

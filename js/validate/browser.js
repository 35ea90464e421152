// Validate-only browser (and bundler) entry: fetches and instantiates the validate-only module
// (pkg/validate/, a few dozen KB: no client, request or signing code) before the importing
// module runs (top-level await). No set-up call is needed.
import init from "../../pkg/validate/validate.js";

await init({ module_or_path: new URL("../../pkg/validate/validate_bg.wasm", import.meta.url) });

export * from "./exports.js";

// The size of the package's WebAssembly memory in this process. The package entry has already
// instantiated the module; `initSync()` with no argument hands back that same instance's exports
// (the glue returns the existing one), so no extra export is needed. Import the package first.
import { initSync } from "../../../pkg/codearts_deploy_wasm.js";

/** The current size of the module's linear memory, in bytes (it grows in 64 KiB pages and never shrinks). */
export function wasmMemoryBytes() {
  return initSync().memory.buffer.byteLength;
}

/** `bytes` as MiB and exact bytes, for figures. */
export const mib = (bytes) => `${(bytes / 1048576).toFixed(2)} MiB (${bytes} bytes)`;

// Node entry: Node's fetch cannot read file: URLs, so the module is read from disk and
// compiled synchronously at import time. No set-up call is needed. Signing hashes long inputs
// with node:crypto (native, synchronous), handed to the module here.
import { readFileSync } from "node:fs";
import { createHash, createHmac } from "node:crypto";
import { initSync, useHostDigests } from "../pkg/codearts_deploy_wasm.js";

initSync({ module: readFileSync(new URL("../pkg/codearts_deploy_wasm_bg.wasm", import.meta.url)) });
useHostDigests({
  sha256: (data) => createHash("sha256").update(data).digest("hex"),
  hmac: (key, data) => createHmac("sha256", key).update(data).digest("hex"),
});

export * from "./exports.js";

// Node entry: Node's fetch cannot read file: URLs, so the module is read from disk and
// compiled synchronously at import time. No set-up call is needed. Signing hashes long inputs
// with node:crypto (native, synchronous), loaded on the first such input so that importing the
// package does not pay for it. scripts/build.mjs bundles this file with the js/ modules it
// imports into pkg/node.js, the module package.json's `node` condition names.
import { readFileSync } from "node:fs";
import { initSync, useHostDigests } from "../pkg/codearts_deploy_wasm.js";

initSync({ module: readFileSync(new URL("../pkg/codearts_deploy_wasm_bg.wasm", import.meta.url)) });

let crypto;
const nodeCrypto = () => (crypto ??= process.getBuiltinModule("node:crypto"));
if (typeof process.getBuiltinModule === "function") {
  useHostDigests({
    sha256: (data) => nodeCrypto().createHash("sha256").update(data).digest("hex"),
    hmac: (key, data) => nodeCrypto().createHmac("sha256", key).update(data).digest("hex"),
  });
}

export * from "./exports.js";

// b. Signing: signRequest vs the official Node SDK core's signer (AKSKSigner.sign, the class its
// HTTP client calls) on the same requests. Both start from the same JS body object and end with
// the headers to send: the SDK signer hashes JSON.stringify(request.data) itself, so ours
// includes JSON.stringify too.

import { createRequire } from "node:module";
import { signRequest } from "codearts-deploy-wasm";
import { signingCases } from "../corpus.mjs";
import { compareSync } from "../lib/measure.mjs";

const require = createRequire(import.meta.url);
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js");
const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core");

const ACCESS_KEY = "TESTAK0000000000EXAMP";
const SECRET_KEY = "test-secret-key-0123456789abcdef";
const SDK_DATE = "20240102T030405Z";
const sdkCredentials = new BasicCredentials().withAk(ACCESS_KEY).withSk(SECRET_KEY);

/** The package: `includeHost: true` signs exactly as the official SDKs do (Host included). */
function ours(c) {
  return signRequest(
    { method: "POST", url: c.url, headers: { "Content-Type": "application/json", "X-Sdk-Date": SDK_DATE }, body: JSON.stringify(c.data) },
    { accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
    { sdkDate: SDK_DATE, includeHost: true },
  );
}

/** The SDK core: the request shape its HcClient hands to the signer. */
function theirs(c) {
  return AKSKSigner.sign(
    { endpoint: c.url, method: "POST", headers: { "Content-Type": "application/json", "X-Sdk-Date": SDK_DATE }, data: c.data, queryParams: {} },
    sdkCredentials,
  );
}

/** Both must produce the same Authorization for the same request and date. */
export function agreement() {
  return signingCases().map((c) => {
    const a = ours(c).Authorization;
    const b = theirs(c).Authorization;
    if (a !== b) throw new Error(`signing "${c.name}": Authorization differs\n  package: ${a}\n  SDK:     ${b}`);
    return { name: c.name, bytes: c.bytes, authorization: a };
  });
}

export function run() {
  return signingCases().map((c) => {
    const result = compareSync(() => ours(c), () => theirs(c));
    return { group: "Signing", name: `${c.name} (${c.bytes.toLocaleString("en-US")} B)`, ours: result.ours, theirs: result.theirs };
  });
}

// Long inputs are hashed by the runtime's own digests in Node (node:crypto, handed to the module
// by js/node.js) and by the module's sha2 elsewhere: the signatures must be the official SDK's
// either way. The official Node SDK core's signer is the judge, on bodies on both sides of the
// size where hashing moves out of the module.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { signRequest } from "codearts-deploy-wasm";

const require = createRequire(import.meta.url);
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js");
const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core");

const AK = "TESTAK0000000000EXAMP";
const SK = "test-secret-key-0123456789abcdef";
const SDK_DATE = "20240102T030405Z";
const URL_ = "https://codearts-deploy.cn-north-4.myhuaweicloud.com/v2/tasks/d2dc947ec2424d8789bb3984bb3adf45/start";

function sdkAuthorization(data) {
  const credentials = new BasicCredentials().withAk(AK).withSk(SK);
  const headers = { "Content-Type": "application/json", "X-Sdk-Date": SDK_DATE };
  return AKSKSigner.sign({ endpoint: URL_, method: "POST", headers, data, queryParams: {} }, credentials).Authorization;
}

for (const size of [0, 1000, 1023, 1024, 1025, 4096, 65536, 1 << 20]) {
  test(`a ${size}-character value (ASCII, Chinese and emoji) signs as the official SDK does`, () => {
    const value = "aé中😀".repeat(Math.ceil(size / 5)).slice(0, size);
    const data = { params: [{ key: "k", value, type: "text" }], trigger_source: "0" };
    const body = JSON.stringify(data);
    const headers = { "Content-Type": "application/json", "X-Sdk-Date": SDK_DATE };
    const credentials = { accessKey: AK, secretKey: SK };
    const ours = signRequest({ method: "POST", url: URL_, headers, body }, credentials, { sdkDate: SDK_DATE, includeHost: true });
    assert.equal(ours.Authorization, sdkAuthorization(data));
    const asBytes = signRequest({ method: "POST", url: URL_, headers, body: new TextEncoder().encode(body) }, credentials, { sdkDate: SDK_DATE, includeHost: true });
    assert.equal(asBytes.Authorization, ours.Authorization, "the same body as a Uint8Array");
  });
}

test("a long secret key and a long security token sign as the official SDK does", () => {
  // The SDK's HTTP client sends a security token as the X-Security-Token header it signs.
  const sk = "k".repeat(3000);
  const token = "t".repeat(5000);
  const credentials = new BasicCredentials().withAk(AK).withSk(sk);
  const headers = { "Content-Type": "application/json", "X-Sdk-Date": SDK_DATE };
  const data = { trigger_source: "0" };
  const theirs = AKSKSigner.sign(
    { endpoint: URL_, method: "POST", headers: { ...headers, "X-Security-Token": token }, data, queryParams: {} },
    credentials,
  );
  const ours = signRequest(
    { method: "POST", url: URL_, headers, body: JSON.stringify(data) },
    { accessKey: AK, secretKey: sk, securityToken: token },
    { sdkDate: SDK_DATE, includeHost: true },
  );
  assert.equal(ours.Authorization, theirs.Authorization);
  assert.equal(ours["X-Security-Token"], token);
});

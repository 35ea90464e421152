// The smallest way to do this package's job with the official Node SDK core: its AKSKSigner
// alone plus fetch. Bundled by bench/suites/size.mjs, and run once against the local service.
import signerModule from "@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js";

const { AKSKSigner } = signerModule;

/** Starts a deployment with AK/SK; resolves to the parsed record. */
export async function startDeployTask({ endpoint, accessKey, secretKey, taskId, body }) {
  const url = `${endpoint}/v2/tasks/${taskId}/start`;
  const signed = AKSKSigner.sign(
    { endpoint: url, method: "POST", headers: { "Content-Type": "application/json" }, data: body, queryParams: {} },
    { getAk: () => accessKey, getSk: () => secretKey },
  );
  // fetch sends Host itself (the same value the signer used).
  const { host, ...headers } = signed;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  return response.json();
}

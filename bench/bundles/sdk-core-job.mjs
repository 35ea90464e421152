// The official Node SDK core doing this package's job: sign (AK/SK) and send one
// StartDeployTask request. Bundled with esbuild by bench/suites/size.mjs to size what a user
// of the SDK core ships, and run once against the local service to prove it does the job.
//
// It builds the HcClient as ClientBuilder.build() does, minus ClientBuilder: in 3.1.211
// ClientBuilder → http/DefaultUserAgent requires `uuid`, which the package does not declare
// as a dependency, so `ClientBuilder` throws "Cannot find module 'uuid'" in a clean install.
import core from "@huaweicloud/huaweicloud-sdk-core";
import hcClientModule from "@huaweicloud/huaweicloud-sdk-core/HcClient.js";
import httpClientModule from "@huaweicloud/huaweicloud-sdk-core/http/DefaultHttpClient.js";

const { BasicCredentials } = core;
const { HcClient } = hcClientModule;
const { DefaultHttpClient } = httpClientModule;

/** Starts a deployment with AK/SK; resolves to the SDK's response object. */
export async function startDeployTask({ endpoint, accessKey, secretKey, taskId, body }) {
  const credentials = new BasicCredentials().withAk(accessKey).withSk(secretKey);
  const http = new DefaultHttpClient({ disableSslVerification: true, headers: {} }, [endpoint]);
  const client = new HcClient(http).withCredential(credentials).withEndpoints([endpoint]);
  return client.sendRequest({
    method: "POST",
    url: "/v2/tasks/{task_id}/start",
    pathParams: { task_id: taskId },
    queryParams: {},
    headers: {},
    contentType: "application/json",
    data: body,
  });
}

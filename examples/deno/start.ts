// Starts a CodeArts Deploy deployment from Deno 2, with the package installed from npm:
//
//   CODEARTS_ENDPOINT=https://… CODEARTS_ACCESS_KEY=… CODEARTS_SECRET_KEY=… \
//     deno run --allow-read=node_modules --allow-net=<endpoint host> \
//       --allow-env=CODEARTS_ENDPOINT,CODEARTS_ACCESS_KEY,CODEARTS_SECRET_KEY start.ts <taskId> <version>
//
// It validates the input first (messages in Chinese), then the client signs the request with the
// AK/SK and starts the deployment. Prints one JSON line.
import { CodeArtsDeployClient, DeployApiError, validateStartDeployTask } from "codearts-deploy-wasm";
import type { StartDeployTaskInput } from "codearts-deploy-wasm";

const [taskId = "", version = ""] = Deno.args;
const input: StartDeployTaskInput = { taskId, params: [{ key: "version", value: version, type: "text" }] };

const checked = validateStartDeployTask(input, { locale: "zh-CN" });
if (!checked.ok) {
  console.log(JSON.stringify({ issues: checked.issues.map(({ path, message }) => `${path.join(".")}: ${message}`) }));
  Deno.exit(2);
}

const client = new CodeArtsDeployClient({
  endpoint: Deno.env.get("CODEARTS_ENDPOINT"),
  accessKey: Deno.env.get("CODEARTS_ACCESS_KEY"),
  secretKey: Deno.env.get("CODEARTS_SECRET_KEY"),
});
try {
  const record = await client.startDeployTask(input);
  console.log(JSON.stringify({ recordId: record.id, requestId: record.requestId }));
} catch (error) {
  // The package's errors are real classes: narrow with instanceof.
  if (!(error instanceof DeployApiError)) throw error;
  console.log(JSON.stringify({ errorCode: error.errorCode, status: error.status }));
  Deno.exit(1);
}

// Starts a CodeArts Deploy deployment from Bun 1, with the package installed from npm:
//
//   CODEARTS_ENDPOINT=https://… CODEARTS_ACCESS_KEY=… CODEARTS_SECRET_KEY=… \
//     bun start.ts <taskId> <version>
//
// It checks the input with the Standard Schema (messages in Chinese), then builds the request
// signed with the AK/SK (`SDK-HMAC-SHA256`) and sends it with Bun's own `fetch`: the way to use
// any HTTP client. Prints one JSON line.
import { buildStartDeployTaskRequest, createStartDeployTaskSchema } from "codearts-deploy-wasm";

const [taskId = "", version = ""] = Bun.argv.slice(2);
const { CODEARTS_ENDPOINT: endpoint, CODEARTS_ACCESS_KEY: accessKey = "", CODEARTS_SECRET_KEY: secretKey = "" } = Bun.env;

const schema = createStartDeployTaskSchema({ locale: "zh-CN" });
const checked = schema["~standard"].validate({ taskId, params: [{ key: "version", value: version, type: "text" }] });
if (checked.issues) {
  console.log(JSON.stringify({ issues: checked.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) }));
  process.exit(2);
}

// Method, URL, signed headers (X-Sdk-Date, Authorization) and the JSON body, ready to send.
const { method, url, headers, body } = buildStartDeployTaskRequest(checked.value, { endpoint, accessKey, secretKey });
const response = await fetch(url, { method, headers, body });
const answer = await response.json();
console.log(JSON.stringify(response.ok ? { recordId: answer.id, requestId: response.headers.get("x-request-id") } : { errorCode: answer.error_code, status: response.status }));
process.exit(response.ok ? 0 : 1);

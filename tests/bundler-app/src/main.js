// A small browser app that imports the package as any app would, built with esbuild
// (build.mjs) and run in Chromium by tests/js/bundler.test.mjs. It checks a form's input with
// the Standard Schema, starts a deployment, and reports what happened on the page.
//
// The endpoint, token and task id come from the page's query string: this is a test app. A real
// page must not hold a long-lived credential; see examples/cloudflare-worker for a backend that
// keeps the keys.
import {
  CodeArtsDeployClient,
  DeployApiError,
  ValidationError,
  listRegions,
  startDeployTaskSchema,
  validateStartDeployTask,
} from "codearts-deploy-wasm";

const query = new URLSearchParams(location.search);
const endpoint = query.get("endpoint");
const report = { regions: listRegions().length };

// What a form library does on submit: every issue, with the field it belongs to.
const form = { taskId: "short", params: [{ key: "version", value: "{{ version }}", type: "text" }] };
const checked = startDeployTaskSchema["~standard"].validate(form);
report.formIssues = checked.issues.map(({ path, code }) => ({ field: path.join("."), code }));

const input = {
  taskId: query.get("taskId"),
  params: [{ key: "version", value: "1.4.2", type: "text" }],
  triggerSource: "0",
};
report.valid = validateStartDeployTask(input).ok;

const client = new CodeArtsDeployClient({ endpoint, token: query.get("token") });
try {
  const record = await client.startDeployTask(input);
  report.record = { id: record.id, taskId: record.taskId, requestId: record.requestId };
} catch (error) {
  report.error = { name: error.name, message: error.message };
}

// The error classes survive minification: names, codes and instanceof.
try {
  await client.startDeployTask({ taskId: "x" });
} catch (error) {
  report.invalid = { name: error.name, code: error.code, isValidationError: error instanceof ValidationError };
}
try {
  await new CodeArtsDeployClient({ endpoint, token: "wrong-token" }).startDeployTask(input);
} catch (error) {
  report.denied = { name: error.name, errorCode: error.errorCode, isDeployApiError: error instanceof DeployApiError };
}

document.querySelector("#report").textContent = JSON.stringify(report, null, 2);
document.documentElement.dataset.state = "done";

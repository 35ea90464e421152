// The page's logic, shared by the Vite and the webpack app (tests/js/vite-webpack.test.mjs
// copies it to src/app.js next to the entry it generates, which imports every entry of the
// package by name and hands them here). For each entry it does what a page does with it and
// writes a JSON report into #report:
//  - checks a form with messages in Chinese (the function and the Standard Schema);
//  - triggers a ConfigError and looks at it after minification (name, code, instanceof, also
//    of the other entries' classes);
//  - where the entry has the client: starts a deployment on the local service, then gets a
//    ValidationError and a DeployApiError and checks them the same way.
// The endpoint, token and task id come from the query string: this is a test page. A real page
// must not hold a long-lived credential.

export const FORM = { taskId: "short", params: [{ key: "version", value: "{{ version }}", type: "text" }] };

/**
 * What a minified bundle must keep of an error: its name, code and classes — the entry's own,
 * and the same-named class of every other entry (the entries share one copy of the classes).
 */
function describe(error, api, expected, entries) {
  return {
    name: error.name,
    code: error.code,
    ofClass: error instanceof api[expected],
    ofBase: error instanceof api.CodeArtsDeployError,
    ofError: error instanceof Error,
    ofEveryEntry: Object.values(entries).every((other) => !other[expected] || error instanceof other[expected]),
  };
}

const fieldsOf = (issues) => issues.map(({ path, code, message }) => ({ field: path.join("."), code, message }));

async function exercise(api, query, entries) {
  const out = { exports: Object.keys(api).sort() };
  out.formIssues = fieldsOf(api.validateStartDeployTask(FORM, { locale: "zh-CN" }).issues);
  out.schemaIssues = fieldsOf(api.createStartDeployTaskSchema({ locale: "zh-CN" })["~standard"].validate(FORM).issues);
  try {
    api.createStartDeployTaskSchema({ locale: "fr" });
  } catch (error) {
    out.configError = describe(error, api, "ConfigError", entries);
  }
  if (!api.CodeArtsDeployClient) return out;

  const input = { taskId: query.get("taskId"), params: [{ key: "version", value: "1.4.2", type: "text" }] };
  const client = new api.CodeArtsDeployClient({ endpoint: query.get("endpoint"), token: query.get("token") });
  const record = await client.startDeployTask(input);
  out.record = { id: record.id, taskId: record.taskId };
  out.validationError = await client.startDeployTask({ taskId: "x" }).then(
    () => null,
    (error) => describe(error, api, "ValidationError", entries),
  );
  const denied = new api.CodeArtsDeployClient({ endpoint: query.get("endpoint"), token: "wrong-token" });
  out.deployApiError = await denied.startDeployTask(input).then(
    () => null,
    (error) => ({ ...describe(error, api, "DeployApiError", entries), errorCode: error.errorCode }),
  );
  return out;
}

/** Runs every entry in turn and shows the report; `entries` maps import specifiers to modules. */
export async function runEntries(entries) {
  const query = new URLSearchParams(location.search);
  const report = {};
  for (const [specifier, api] of Object.entries(entries)) {
    try {
      report[specifier] = await exercise(api, query, entries);
    } catch (error) {
      report[specifier] = { failure: `${error?.name}: ${error?.message}` };
    }
  }
  document.querySelector("#report").textContent = JSON.stringify(report, null, 2);
  document.documentElement.dataset.state = "done";
}

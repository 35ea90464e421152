// The form ↔ the package's two inputs: the StartDeployTaskInput (what to start) and the
// ClientConfig (where and as whom). Also fills the form from an input (Load example).

/** The form's controls, by role. */
export function formControls(document) {
  const byId = (id) => document.getElementById(id);
  return {
    form: byId("deploy-form"),
    target: byId("target"),
    targetLocal: byId("target-local"),
    targetRegions: byId("target-regions"),
    targetHint: byId("target-hint"),
    endpointField: byId("endpoint-field"),
    endpoint: byId("endpoint"),
    authRadios: [...document.querySelectorAll('input[name="auth"]')],
    tokenFields: byId("token-fields"),
    akskFields: byId("aksk-fields"),
    token: byId("token"),
    tokenHint: byId("token-hint"),
    accessKey: byId("access-key"),
    secretKey: byId("secret-key"),
    projectId: byId("project-id"),
    taskId: byId("task-id"),
    recordId: byId("record-id"),
    triggerSource: byId("trigger-source"),
  };
}

/** "token" or "aksk". */
export function authMode(controls) {
  return controls.authRadios.find((radio) => radio.checked)?.value ?? "token";
}

/**
 * Reads the form.
 * @returns {{ input: import("codearts-deploy-wasm").StartDeployTaskInput,
 *             config: import("codearts-deploy-wasm").ClientConfig }}
 *   Optional fields left empty are left out, so the body leaves them out too.
 */
export function readForm(controls, params, { origin, locale }) {
  const target = controls.target.value;
  const where = target === "local" ? { endpoint: origin }
    : target === "custom" ? { endpoint: controls.endpoint.value.trim() }
    : { region: target };
  const auth = authMode(controls) === "token"
    ? { auth: "token", token: controls.token.value }
    : { auth: "aksk", accessKey: controls.accessKey.value, secretKey: controls.secretKey.value };
  const projectId = controls.projectId.value.trim();
  const config = { ...where, ...auth, locale, ...(projectId ? { projectId } : {}) };

  const input = { taskId: controls.taskId.value };
  const list = params.read();
  if (list.length > 0) input.params = list;
  if (controls.recordId.value !== "") input.recordId = controls.recordId.value;
  if (controls.triggerSource.value !== "") input.triggerSource = controls.triggerSource.value;
  return { input, config };
}

/** Puts a StartDeployTaskInput into the deployment fields and the parameters table. */
export function fillDeployment(controls, params, input) {
  controls.taskId.value = input.taskId ?? "";
  controls.recordId.value = input.recordId ?? "";
  controls.triggerSource.value = input.triggerSource === undefined ? "" : String(input.triggerSource);
  params.replace(input.params ?? []);
}

/** Shows the endpoint input for a custom endpoint and the fields of the chosen auth method. */
export function syncVisibility(controls, t) {
  const target = controls.target.value;
  controls.endpointField.hidden = target !== "custom";
  controls.targetHint.textContent = t(target === "local" ? "hintLocal" : target === "custom" ? "hintCustom" : "hintRegion");
  const token = authMode(controls) === "token";
  controls.tokenFields.hidden = !token;
  controls.akskFields.hidden = token;
}

/**
 * Which control a ConfigError is about, from its `reason` (and, for a bad header value, the
 * option its message names).
 */
export function configErrorControl(controls, error) {
  const endpoint = controls.target.value === "custom" ? controls.endpoint : controls.target;
  const credential = authMode(controls) === "token" ? controls.token
    : controls.accessKey.value === "" ? controls.accessKey : controls.secretKey;
  switch (error.reason) {
    case "missing_endpoint":
    case "invalid_endpoint":
    case "unknown_region":
    case "conflicting_endpoint":
      return endpoint;
    case "missing_credentials":
    case "incomplete_credentials":
    case "conflicting_credentials":
    case "token_too_long":
      return credential;
    case "invalid_header_value": {
      const option = /config\.(\w+)/.exec(error.message)?.[1];
      return { token: controls.token, accessKey: controls.accessKey, secretKey: controls.secretKey,
        projectId: controls.projectId }[option] ?? credential;
    }
    default:
      return null;
  }
}

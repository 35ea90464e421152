// Header injection and path tricks are refused before anything is sent: CR, LF and every other
// control character in any header value (token, projectId, securityToken, accessKey, secretKey,
// signRequest's headers and names), a token over R3's 20000 characters, an endpoint with a line
// break, a taskId trying to leave its path segment (`../`, `%2F`, `/`, `?`, `#`), and strings
// holding an unpaired UTF-16 surrogate. The local service counts every request it receives: it
// must stay at 0.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  CodeArtsDeployClient,
  ConfigError,
  ValidationError,
  buildStartDeployTaskRequest,
  previewStartDeployTaskRequest,
  signRequest,
  validateStartDeployTask,
} from "codearts-deploy-wasm";
import { startService, DEFAULT_TOKEN, DEFAULT_CREDENTIALS, SPEC_EXAMPLE_TASK_ID } from "../service/service.mjs";

const [credentials] = DEFAULT_CREDENTIALS;
const input = { taskId: SPEC_EXAMPLE_TASK_ID, triggerSource: "0" };
/** Characters that must never reach a header: CR, LF, CRLF, NUL, tab, ESC, DEL, NEL, LS, a non-ASCII letter. */
const BAD = ["\r", "\n", "\r\n", "\r\nX-Injected: 1", "\0", "\t", "\x1b", "\x7f", "\u0085", "\u2028", "é"];
let service;

before(async () => {
  service = await startService({ anyTask: true });
});
after(() => service.close());

/** What `f` threw (it must throw). */
function thrown(f) {
  try {
    f();
  } catch (error) {
    return error;
  }
  assert.fail("expected a throw");
}

/** Asserts the config is refused by the client, the builder and the preview, with `reason`. */
async function refused(config, reason, label) {
  for (const [name, attempt] of [
    ["new CodeArtsDeployClient", () => new CodeArtsDeployClient(config)],
    ["buildStartDeployTaskRequest", () => buildStartDeployTaskRequest(input, config)],
    ["previewStartDeployTaskRequest", () => previewStartDeployTaskRequest(input, config)],
  ]) {
    const error = thrown(attempt);
    assert.ok(error instanceof ConfigError, `${label} / ${name}: ${error}`);
    assert.equal(error.reason, reason, `${label} / ${name}: ${error.message}`);
    assert.ok(!/[\r\n]/.test(error.message), `${label}: line break in the message`);
  }
}

test("a control or non-ASCII character in the token, projectId, AK, SK or security token is refused before sending", { timeout: 30_000 }, async () => {
  const base = { endpoint: service.url };
  let cases = 0;
  for (const bad of BAD) {
    const token = `tok${bad}en`;
    await refused({ ...base, token }, "invalid_header_value", `token ${JSON.stringify(bad)}`);
    await refused({ ...base, token: DEFAULT_TOKEN, projectId: `p${bad}1` }, "invalid_header_value", `projectId ${JSON.stringify(bad)}`);
    await refused({ ...base, ...credentials, accessKey: `AK${bad}1` }, "invalid_header_value", `accessKey ${JSON.stringify(bad)}`);
    await refused({ ...base, ...credentials, secretKey: `SK${bad}1` }, "invalid_header_value", `secretKey ${JSON.stringify(bad)}`);
    await refused({ ...base, ...credentials, securityToken: `ST${bad}1` }, "invalid_header_value", `securityToken ${JSON.stringify(bad)}`);
    cases += 5;
  }
  await refused({ ...base, token: "t".repeat(20001) }, "token_too_long", "token of 20001");
  await refused({ ...base, token: `${"t".repeat(19999)}\u{1F600}` }, "token_too_long", "token of 20001 UTF-16 units");
  await refused({ ...base, token: "tok\uD800en" }, "invalid_header_value", "token with a lone surrogate");
  assert.ok(new CodeArtsDeployClient({ ...base, token: "t".repeat(20000) }), "20000 is allowed");
  for (const endpoint of [`${service.url}/\r\nX-Injected: 1`, `${service.url}/a b`, `${service.url}\t`, `${service.url}/\u2028`]) {
    await refused({ endpoint, token: DEFAULT_TOKEN }, "invalid_endpoint", `endpoint ${JSON.stringify(endpoint)}`);
  }
  assert.ok(cases >= 55);
  assert.equal(service.stats().requests, 0);
});

test("a taskId trying path tricks is a ValidationError (R1) and nothing is sent", { timeout: 30_000 }, async () => {
  const client = new CodeArtsDeployClient({ endpoint: service.url, token: DEFAULT_TOKEN });
  const pad = (s) => s.padStart(32, "a"); // exactly 32 characters: only the charset can refuse them
  const tricks = [
    "../", "..%2F", "%2F", "/", "?", "#", "\\", "\r\n", "%00", "%2e%2e", "?x=1", "#frag",
    pad("../"), pad("..%2F"), pad("%2F"), pad("/"), pad("?"), pad("#"), pad("\\"), pad("\r\n"), pad("%00"), pad(" "),
    pad("/../../v2/tasks/x/stop"), `${SPEC_EXAMPLE_TASK_ID}/../x`, "ａ".repeat(32), pad("\uD800"),
  ];
  for (const taskId of tricks) {
    const error = await client.startDeployTask({ taskId }).catch((e) => e);
    assert.ok(error instanceof ValidationError, `${JSON.stringify(taskId)}: ${error}`);
    assert.ok(error.issues.some((i) => i.path.join() === "taskId" && i.rule === "R1"), JSON.stringify(error.issues));
    if (taskId.length === 32) assert.ok(error.issues.some((i) => i.code === "charset"), JSON.stringify(taskId));
    assert.ok(thrown(() => buildStartDeployTaskRequest({ taskId }, { endpoint: service.url, token: DEFAULT_TOKEN })) instanceof ValidationError);
  }
  assert.equal(service.stats().requests, 0);
});

test("signRequest refuses control characters in header values, header names and the URL", { timeout: 30_000 }, () => {
  const url = `${service.url}/v2/tasks/${SPEC_EXAMPLE_TASK_ID}/start`;
  for (const bad of BAD.filter((c) => c !== "é")) {
    if (bad !== "\t") {
      const value = thrown(() => signRequest({ method: "POST", url, headers: { "X-Project-Id": `p${bad}1` }, body: "{}" }, credentials));
      assert.ok(value instanceof ConfigError);
      assert.match(value.reason, /^header_value_(control_character|non_ascii)$/, JSON.stringify(bad));
    }
    const name = thrown(() => signRequest({ method: "POST", url, headers: { [`X-A${bad}B`]: "v" }, body: "{}" }, credentials));
    assert.equal(name.reason, "invalid_header_name", JSON.stringify(bad));
    const inUrl = thrown(() => signRequest({ method: "POST", url: `${url}${bad}`, body: "{}" }, credentials));
    assert.ok(inUrl.reason.startsWith("url_"), `${JSON.stringify(bad)}: ${inUrl.reason}`);
    const ak = thrown(() => signRequest({ method: "POST", url, body: "{}" }, { ...credentials, accessKey: `AK${bad}` }));
    assert.equal(ak.reason, "invalid_access_key", JSON.stringify(bad));
    const sts = thrown(() => signRequest({ method: "POST", url, body: "{}" }, { ...credentials, securityToken: `ST${bad}` }));
    assert.equal(sts.reason, "invalid_security_token", JSON.stringify(bad));
  }
  // A tab inside a value is legal HTTP (RFC 9110 field-content): signed, as the official SDK does.
  const tabbed = signRequest({ method: "POST", url, headers: { "X-Custom": "a\tb" }, body: "{}" }, credentials);
  assert.equal(tabbed["X-Custom"], "a\tb");
  const nonAscii = thrown(() => signRequest({ method: "POST", url, headers: { "X-Project-Id": "é" } }, credentials));
  assert.equal(nonAscii.reason, "header_value_non_ascii");
  const method = thrown(() => signRequest({ method: "POST\r\nX: 1", url }, credentials));
  assert.equal(method.reason, "invalid_method");
  assert.equal(service.stats().requests, 0);
});

test("a string with an unpaired surrogate is an issue (charset), never sent with U+FFFD in its place", { timeout: 30_000 }, async () => {
  const params = [
    { key: "pw", value: "abc\uD800def", type: "encrypt" },
    { key: "k\uDC00", value: "v", type: "text" },
    { key: "ok", value: "paired \uD83D\uDE00 is fine", type: "text" },
    { key: "t", value: "v", type: "text\uD800" },
  ];
  const result = validateStartDeployTask({ ...input, params });
  assert.equal(result.ok, false);
  const found = result.issues.map((i) => [i.path.join("."), i.code, i.rule]);
  assert.deepEqual(found, [
    ["params.0.value", "charset", "R8"],
    ["params.1.key", "charset", "R7"],
    ["params.3.type", "charset", "R9"],
  ]);
  assert.match(result.issues[0].message, /unpaired UTF-16 surrogate at position 4/);
  assert.ok(!result.issues[0].message.includes("abc"));
  assert.match(validateStartDeployTask({ taskId: "x\uDBFF" }, { locale: "zh-CN" }).issues[0].message, /代理项/);
  const client = new CodeArtsDeployClient({ endpoint: service.url, token: DEFAULT_TOKEN });
  const error = await client.startDeployTask({ ...input, params: [params[0]] }).catch((e) => e);
  assert.ok(error instanceof ValidationError);
  assert.ok(validateStartDeployTask({ ...input, params: [params[2]] }).ok, "a paired surrogate (emoji) is valid");
  assert.equal(service.stats().requests, 0);
});

test("the constructor refuses keys the signer would refuse, with the signer's reason, before any call", async () => {
  for (const accessKey of ["AK 1", "AK,1", "AK1 "]) {
    const error = thrown(() => new CodeArtsDeployClient({ endpoint: service.url, accessKey, secretKey: "SK" }));
    assert.ok(error instanceof ConfigError, JSON.stringify(accessKey));
    assert.equal(error.reason, "invalid_access_key", JSON.stringify(accessKey));
    // signRequest gives the same answer for the same key: one rule.
    const signed = thrown(() => signRequest({ method: "POST", url: service.url }, { accessKey, secretKey: "SK" }));
    assert.equal(signed.reason, "invalid_access_key");
  }
  const sts = thrown(() => new CodeArtsDeployClient({ endpoint: service.url, accessKey: "AK", secretKey: "SK", securityToken: "S T" }));
  assert.equal(sts.reason, "invalid_security_token");
  assert.equal(service.stats().requests, 0);
});

// No secret leaks: the token, the secret key (SK), the security token and `encrypt` parameter
// values never appear in anything the package throws, previews or prints.
//
// Each secret is a recognisable random-looking string; a leak is any 10-character piece of one
// found in: an error's message, stack, String(), JSON.stringify, util.inspect (hidden fields
// too), every own field (and its cause, recursively); every previewStartDeployTaskRequest
// output; anything written through console.* while the tests run; everything the
// `codearts-deploy` command prints (stdout and stderr, human and --json) with the secrets in its
// environment. Every scenario must really throw (or reject) the expected error class, or exit
// with the expected code, so the checks never pass on nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { closedPort } from "./helpers/closed-port.mjs";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderings } from "./helpers/renderings.mjs";
import { cliEnv, runCli } from "./helpers/cli.mjs";
import { startService, SPEC_EXAMPLE_TASK_ID } from "../service/service.mjs";

const SECRETS = {
  token: "tokQ7vRz2LmX9pWk4NcJ8sHd3FbT6yGa",
  secretKey: "skB4nE8wQ1zV6cX3mR9tY2uI7oP5aSdF",
  securityToken: "stH2jK5lZ8xC1vB4nM7qW0eR3tY6uIoP",
  encrypt: "encG9hJ2kL5zX8cV1bN4mQ7wE0rT3yUi",
};
const ACCESS_KEY = "AKSECRETSTEST00000001"; // an AK is an identifier, not a secret
const PROJECT_ID = "0123456789abcdef0123456789abcdef";
const WINDOW = 10;

/** Every WINDOW-character piece of every secret, with the secret's name. */
const PIECES = Object.entries(SECRETS).flatMap(([name, secret]) =>
  Array.from({ length: secret.length - WINDOW + 1 }, (_, i) => [name, secret.slice(i, i + WINDOW)]),
);

/** Fails if `text` holds any piece of any secret. */
function assertNoSecret(label, text) {
  for (const [name, piece] of PIECES) {
    if (text.includes(piece)) {
      assert.fail(`${label} leaks the ${name} (${JSON.stringify(piece)} in ${JSON.stringify(text.slice(0, 300))}…)`);
    }
  }
}

let checked = 0;
function assertClean(label, value) {
  for (const text of renderings(value)) assertNoSecret(label, text);
  checked += 1;
}

/** Runs `f`, which must throw (or reject with) an instance of `Class`, and checks what it threw. */
async function expectThrowClean(label, Class, f) {
  let thrown;
  let threw = false;
  try {
    await f();
  } catch (error) {
    thrown = error;
    threw = true;
  }
  assert.ok(threw, `${label}: expected a ${Class.name}, nothing was thrown`);
  assert.ok(thrown instanceof Class, `${label}: expected a ${Class.name}, got ${inspect(thrown)}`);
  assertClean(label, thrown);
  return thrown;
}

// console.* is watched for the whole file, from before the package is imported: the package
// must not print a secret anywhere.
const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug", "trace", "dir", "dirxml", "table", "group", "groupCollapsed", "assert", "count", "time", "timeLog", "timeEnd"];
const originalConsole = {};
const printed = [];
for (const method of CONSOLE_METHODS) {
  originalConsole[method] = console[method];
  console[method] = (...args) => {
    printed.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: Infinity, showHidden: true }))).join(" "));
  };
}
const {
  CodeArtsDeployClient,
  ConfigError,
  DeployApiError,
  TimeoutError,
  AbortError,
  NetworkError,
  ValidationError,
  buildStartDeployTaskRequest,
  previewStartDeployTaskRequest,
  signRequest,
} = await import("codearts-deploy-wasm");
let service;

before(async () => {
  service = await startService({
    anyTask: true,
    tokens: [SECRETS.token],
    credentials: [
      { accessKey: ACCESS_KEY, secretKey: SECRETS.secretKey },
      { accessKey: `${ACCESS_KEY}T`, secretKey: SECRETS.secretKey, securityToken: SECRETS.securityToken },
    ],
  });
});

after(async () => {
  await service?.close();
  for (const method of CONSOLE_METHODS) console[method] = originalConsole[method];
});

const input = {
  taskId: SPEC_EXAMPLE_TASK_ID,
  params: [
    { key: "db_password", value: SECRETS.encrypt, type: "encrypt" },
    { key: "env", value: "prod", type: "text" },
  ],
  triggerSource: "0",
};
const tokenConfig = () => ({ endpoint: service.url, token: SECRETS.token, projectId: PROJECT_ID });
const akskConfig = () => ({ endpoint: service.url, accessKey: ACCESS_KEY, secretKey: SECRETS.secretKey, projectId: PROJECT_ID });
const temporaryConfig = () => ({ ...akskConfig(), accessKey: `${ACCESS_KEY}T`, securityToken: SECRETS.securityToken });
const withCrLf = (secret) => `${secret.slice(0, 16)}\r\n${secret.slice(16)}`;

/** Configs that must be refused, each with the ConfigError reason it must give. */
const BAD_CONFIGS = [
  ["only an AK", "incomplete_credentials", () => ({ endpoint: service.url, accessKey: ACCESS_KEY, securityToken: SECRETS.securityToken })],
  ["only an SK", "incomplete_credentials", () => ({ endpoint: service.url, secretKey: SECRETS.secretKey })],
  ["only an SK with a token and auth aksk", "incomplete_credentials", () => ({ endpoint: service.url, secretKey: SECRETS.secretKey, token: SECRETS.token, auth: "aksk" })],
  ["token and AK/SK without auth", "conflicting_credentials", () => ({ ...akskConfig(), token: SECRETS.token, securityToken: SECRETS.securityToken })],
  ["CR/LF in the SK", "invalid_header_value", () => ({ ...akskConfig(), secretKey: withCrLf(SECRETS.secretKey) })],
  ["CR/LF in the token", "invalid_header_value", () => ({ ...tokenConfig(), token: withCrLf(SECRETS.token) })],
  ["CR/LF in the security token", "invalid_header_value", () => ({ ...temporaryConfig(), securityToken: withCrLf(SECRETS.securityToken) })],
  ["a token over 20000 characters", "token_too_long", () => ({ ...tokenConfig(), token: SECRETS.token.repeat(700) })],
  ["auth token without a token", "missing_credentials", () => ({ ...akskConfig(), auth: "token" })],
  ["a misspelt secretKey option", "unknown_option", () => ({ endpoint: service.url, accessKey: ACCESS_KEY, secretkey: SECRETS.secretKey })],
  ["a bad endpoint with secrets around", "invalid_endpoint", () => ({ ...temporaryConfig(), endpoint: "ftp://example.com" })],
];

test("bad configs: the ConfigError of the client, build and preview never holds a secret", async () => {
  for (const [label, reason, config] of BAD_CONFIGS) {
    for (const [where, f] of [
      ["new CodeArtsDeployClient", () => new CodeArtsDeployClient(config())],
      ["buildStartDeployTaskRequest", () => buildStartDeployTaskRequest(input, config())],
      ["previewStartDeployTaskRequest", () => previewStartDeployTaskRequest(input, config())],
    ]) {
      const error = await expectThrowClean(`${label} (${where})`, ConfigError, f);
      assert.equal(error.reason, reason, `${label} (${where}): ${error.message}`);
    }
  }
});

test("signRequest failures never hold the SK or the security token", async () => {
  const credentials = { accessKey: ACCESS_KEY, secretKey: SECRETS.secretKey, securityToken: SECRETS.securityToken };
  const url = `${service.url}/v2/tasks/${SPEC_EXAMPLE_TASK_ID}/start`;
  const cases = [
    ["header injection (CR/LF in a value)", { method: "POST", url, headers: { "X-Note": `a\r\nX-Evil: ${SECRETS.secretKey}` } }, credentials],
    ["header injection (CR/LF in a name)", { method: "POST", url, headers: { "X-Note\r\nX-Evil": "v" } }, credentials],
    ["a URL that is not a URL", { method: "POST", url: `not a url ${SECRETS.secretKey}` }, credentials],
    ["a relative URL", { method: "POST", url: "/v2/tasks" }, credentials],
    ["an empty SK", { method: "POST", url }, { ...credentials, secretKey: "" }],
    ["CR/LF in the security token", { method: "POST", url }, { ...credentials, securityToken: withCrLf(SECRETS.securityToken) }],
    ["a misspelt credentials field", { method: "POST", url }, { accessKey: ACCESS_KEY, secret_key: SECRETS.secretKey }],
    ["a non-string SK", { method: "POST", url }, { accessKey: ACCESS_KEY, secretKey: 42, securityToken: SECRETS.securityToken }],
    ["a bad sdkDate", { method: "POST", url }, credentials, { sdkDate: `x${SECRETS.secretKey}` }],
  ];
  for (const [label, request, creds, options] of cases) {
    await expectThrowClean(`signRequest: ${label}`, ConfigError, () => signRequest(request, creds, options));
  }
});

test("signRequest's headers never hold the SK (only the security token it must send)", () => {
  const url = `${service.url}/v2/tasks/${SPEC_EXAMPLE_TASK_ID}/start`;
  for (const includeHost of [false, true]) {
    // CR/LF in the SK: the SK is only an HMAC key, never sent; whatever signRequest does, the SK must not show.
    for (const secretKey of [SECRETS.secretKey, withCrLf(SECRETS.secretKey)]) {
      let headers;
      try {
        headers = signRequest({ method: "POST", url, body: "{}" }, { accessKey: ACCESS_KEY, secretKey }, { includeHost });
      } catch (error) {
        assertClean("signRequest with a CR/LF SK", error);
        continue;
      }
      assertClean(`signRequest headers (includeHost ${includeHost})`, headers);
    }
    const temporary = signRequest({ method: "POST", url, body: "{}" }, { accessKey: ACCESS_KEY, secretKey: SECRETS.secretKey, securityToken: SECRETS.securityToken }, { includeHost });
    assert.equal(temporary["X-Security-Token"], SECRETS.securityToken);
    const { "X-Security-Token": _sent, ...rest } = temporary;
    assertClean("signRequest headers other than X-Security-Token", rest);
  }
});

test("failing calls (wrong SK, wrong token, timeout, abort, network error, invalid input) never hold a secret", async () => {
  const refusingPort = await closedPort();
  const configs = { token: tokenConfig(), aksk: akskConfig(), temporary: temporaryConfig() };
  for (const [name, config] of Object.entries(configs)) {
    // Accepted first: the keys are right, so what follows fails for the reason it names.
    service.reset();
    const record = await new CodeArtsDeployClient(config).startDeployTask(input);
    assertClean(`${name}: the record`, record);
    assert.equal(service.stats().starts, 1, `${name}: accepted`);
    assert.equal(service.stats().lastStart.body.params[0].value, "******");

    const wrong =
      name === "token"
        ? { ...config, token: SECRETS.token.split("").reverse().join("") }
        : { ...config, secretKey: `${SECRETS.secretKey.slice(0, -1)}X` };
    const refused = await expectThrowClean(`${name}: wrong key`, DeployApiError, () => new CodeArtsDeployClient(wrong).startDeployTask(input));
    assert.equal(refused.errorCode, "APIGW.0301");
    assert.equal(refused.status, 401);

    await expectThrowClean(`${name}: timeout`, TimeoutError, () =>
      new CodeArtsDeployClient({ ...config, endpoint: `${service.url}/__fault/delay=5000` }).startDeployTask(input, { timeoutMs: 100 }),
    );
    const controller = new AbortController();
    const pending = new CodeArtsDeployClient({ ...config, endpoint: `${service.url}/__fault/delay=5000` }).startDeployTask(input, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expectThrowClean(`${name}: abort`, AbortError, () => pending);
    await expectThrowClean(`${name}: network error`, NetworkError, () =>
      new CodeArtsDeployClient({ ...config, endpoint: `http://127.0.0.1:${refusingPort}` }).startDeployTask(input),
    );
    const invalid = {
      ...input,
      params: [
        { key: "a", value: `{{${SECRETS.encrypt}}}`, type: "encrypt" },
        { key: "b", value: SECRETS.encrypt.repeat(300), type: "encrypt" },
        { key: SECRETS.encrypt, value: SECRETS.encrypt, type: "secret" },
      ],
    };
    const validation = await expectThrowClean(`${name}: invalid input`, ValidationError, () => new CodeArtsDeployClient(config).startDeployTask(invalid));
    assert.ok(validation.issues.length >= 3, inspect(validation.issues));
    await expectThrowClean(`${name}: build with invalid input`, ValidationError, () => buildStartDeployTaskRequest(invalid, config));
    await expectThrowClean(`${name}: preview with invalid input`, ValidationError, () => previewStartDeployTaskRequest(invalid, config));
    assertClean(`${name}: the client object`, new CodeArtsDeployClient(config));
  }
});

test("every previewStartDeployTaskRequest output masks the token, the signature, the security token and encrypt values", () => {
  const configs = {
    token: tokenConfig(),
    "token by auth": { ...akskConfig(), token: SECRETS.token, auth: "token" },
    aksk: akskConfig(),
    "aksk by auth": { ...akskConfig(), token: SECRETS.token, auth: "aksk" },
    temporary: temporaryConfig(),
    "by region": { region: "cn-north-4", token: SECRETS.token },
  };
  const inputs = [
    input,
    { taskId: SPEC_EXAMPLE_TASK_ID },
    { taskId: SPEC_EXAMPLE_TASK_ID, params: [{ key: "k", value: SECRETS.encrypt, type: "encrypt" }, { key: "k2", value: "", type: "encrypt" }], recordId: "0123456789abcdef0123456789abcdef", triggerSource: 1 },
  ];
  for (const [name, config] of Object.entries(configs)) {
    for (const [i, each] of inputs.entries()) {
      const preview = previewStartDeployTaskRequest(each, config);
      assertClean(`preview ${name} #${i}`, preview);
      const built = buildStartDeployTaskRequest(each, config);
      assert.equal(preview.url, built.url);
      if (built.headers.Authorization) {
        const signature = built.headers.Authorization.split("Signature=")[1];
        assert.match(signature, /^[0-9a-f]{64}$/);
        assert.ok(!JSON.stringify(preview).includes(signature), `preview ${name} #${i} shows the signature`);
      }
      // The build holds what must be sent (token, security token, encrypt values), never the SK.
      for (const text of renderings(built)) {
        for (let at = 0; at + WINDOW <= SECRETS.secretKey.length; at += 1) {
          assert.ok(!text.includes(SECRETS.secretKey.slice(at, at + WINDOW)), `build ${name} #${i} holds the SK`);
        }
      }
    }
  }
});

test("buildStartDeployTaskRequest with AK/SK: X-Sdk-Date and Authorization, no Host; X-Security-Token when temporary", () => {
  const aksk = buildStartDeployTaskRequest(input, akskConfig());
  assert.match(aksk.headers["X-Sdk-Date"], /^\d{8}T\d{6}Z$/);
  assert.match(
    aksk.headers.Authorization,
    new RegExp(`^SDK-HMAC-SHA256 Access=${ACCESS_KEY}, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$`),
  );
  const names = Object.keys(aksk.headers).map((n) => n.toLowerCase());
  assert.ok(!names.includes("host"), `no Host header: ${names}`);
  assert.ok(!names.includes("x-auth-token"));
  assert.ok(!names.includes("x-security-token"));

  const temporary = buildStartDeployTaskRequest(input, temporaryConfig());
  assert.equal(temporary.headers["X-Security-Token"], SECRETS.securityToken);
  assert.match(temporary.headers.Authorization, /SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token,/);
  assert.ok(!Object.keys(temporary.headers).some((n) => n.toLowerCase() === "host"));

  const token = buildStartDeployTaskRequest(input, tokenConfig());
  assert.equal(token.headers["X-Auth-Token"], SECRETS.token);
  assert.equal(token.headers.Authorization, undefined);
  assert.equal(token.headers["X-Sdk-Date"], undefined);
});

test("the codearts-deploy command never prints a secret: token, AK/SK, security token, encrypt values", async () => {
  const dir = mkdtempSync(join(tmpdir(), "codearts-cli-secrets-"));
  const inputFile = join(dir, "input.json");
  writeFileSync(inputFile, JSON.stringify(input));
  const badFile = join(dir, "bad.json");
  writeFileSync(badFile, `{"taskId": "${SPEC_EXAMPLE_TASK_ID}", "params": [{"key": "pw", "value": ${SECRETS.encrypt}}]}`);
  const token = { CODEARTS_TOKEN: SECRETS.token };
  const aksk = { CODEARTS_ACCESS_KEY: ACCESS_KEY, CODEARTS_SECRET_KEY: SECRETS.secretKey };
  const temporary = { CODEARTS_ACCESS_KEY: `${ACCESS_KEY}T`, CODEARTS_SECRET_KEY: SECRETS.secretKey, CODEARTS_SECURITY_TOKEN: SECRETS.securityToken };
  const wrongSk = { ...aksk, CODEARTS_SECRET_KEY: `${SECRETS.secretKey.slice(0, -1)}X` };
  const wrongToken = { CODEARTS_TOKEN: SECRETS.token.split("").reverse().join("") };
  const secretParams = ["--param-env", "db_password:encrypt=DB_PASSWORD", "--param", "env=prod"];
  const badParams = ["--param-env", "a:encrypt=BAD_VALUE", "--param-env", "b:secret=DB_PASSWORD", "--param", `${SECRETS.encrypt}`];
  const start = (endpoint, ...rest) => ["start", "--endpoint", endpoint, "--task", SPEC_EXAMPLE_TASK_ID, "--project-id", PROJECT_ID, ...rest];
  const scenarios = [
    ["token", 0, token, start(service.url, ...secretParams)],
    ["aksk", 0, aksk, start(service.url, ...secretParams)],
    ["temporary", 0, temporary, start(service.url, ...secretParams)],
    ["--input with an encrypt value", 0, token, ["start", "--endpoint", service.url, "--input", inputFile]],
    ["start --wait", 0, temporary, start(service.url, ...secretParams, "--wait", "--interval", "200ms")],
    ["status", 0, aksk, ["status", "--endpoint", service.url, "--task", SPEC_EXAMPLE_TASK_ID, "--project-id", PROJECT_ID]],
    ["status with a wrong token", 3, wrongToken, ["status", "--endpoint", service.url, "--task", SPEC_EXAMPLE_TASK_ID]],
    ["wrong token", 3, wrongToken, start(service.url, ...secretParams)],
    ["wrong SK", 3, wrongSk, start(service.url, ...secretParams)],
    ["token and AK/SK", 2, { ...token, ...temporary }, start(service.url, ...secretParams)],
    ["CR/LF in the token", 2, { CODEARTS_TOKEN: withCrLf(SECRETS.token) }, start(service.url)],
    ["timeout", 4, temporary, start(`${service.url}/__fault/delay=5000`, "--timeout", "200ms", ...secretParams)],
    ["refused", 4, token, start(`http://127.0.0.1:${await closedPort()}`, ...secretParams)],
    ["a --param without =", 2, token, start(service.url, ...badParams)],
    ["invalid encrypt values", 2, token, start(service.url, "--param-env", "a:encrypt=BAD_VALUE", "--param-env", "b:secret=DB_PASSWORD")],
    ["an unparsable --input", 2, token, ["start", "--endpoint", service.url, "--input", badFile]],
    ["validate", 2, token, ["validate", inputFile, "--param-env", "a:encrypt=BAD_VALUE", "--param-env", "b:secret=DB_PASSWORD"]],
  ];
  let runs = 0;
  try {
    for (const [label, expected, env, args] of scenarios) {
      for (const json of [false, true]) {
        const run = await runCli(json ? [...args, "--json"] : args, {
          env: cliEnv({ ...env, DB_PASSWORD: SECRETS.encrypt, BAD_VALUE: `{{${SECRETS.encrypt}}}` }),
        });
        assert.equal(run.code, expected, `${label}: ${run.stderr}`);
        assertNoSecret(`codearts-deploy ${label}${json ? " --json" : ""} (stdout)`, run.stdout);
        assertNoSecret(`codearts-deploy ${label}${json ? " --json" : ""} (stderr)`, run.stderr);
        runs += 1;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(runs, scenarios.length * 2);
});

test("nothing the package printed through console.* holds a secret", () => {
  assert.ok(checked >= 90, `only ${checked} values were checked: the scenarios above did not run`);
  for (const [i, line] of printed.entries()) assertNoSecret(`console output #${i}`, line);
});

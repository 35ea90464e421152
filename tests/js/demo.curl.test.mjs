// "Copy as curl" of the demo page (www/curl.js): the command holds no secret and, run by a
// shell with the environment variables set, sends exactly the request the package builds.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { buildStartDeployTaskRequest, previewStartDeployTaskRequest } from "codearts-deploy-wasm";
import { paramVariable, shellQuote, toCurl } from "../../www/curl.js";

const input = {
  taskId: "d2dc947ec2424d8789bb3984bb3adf45",
  params: [
    { key: "db.password", value: "p'a\"ss", type: "encrypt" },
    { key: "note", value: "it's fine", type: "text" },
    { key: "db-password", value: "second", type: "encrypt" },
  ],
  triggerSource: "0",
};

/** Runs the command in bash with `curl` replaced by a function that prints its arguments, one per line. */
function runCurl(command, env) {
  const script = `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${command}`;
  const out = execFileSync("bash", ["-c", script], { env: { PATH: process.env.PATH, ...env }, encoding: "utf8" });
  return out.split("\0").slice(0, -1);
}

test("a token request: the token and encrypt values come from variables and reach the wire intact", () => {
  const config = { endpoint: "http://127.0.0.1:8080", token: "the-real-token" };
  const { command, variables } = toCurl(previewStartDeployTaskRequest(input, config));
  assert.deepEqual(variables, ["CODEARTS_TOKEN", "CODEARTS_PARAM_DB_PASSWORD", "CODEARTS_PARAM_DB_PASSWORD_2"]);
  assert.ok(!command.includes("the-real-token") && !command.includes("p'a") && !command.includes("second"), command);
  assert.ok(!command.includes("********"), "no masked value is sent literally");

  const args = runCurl(command, {
    CODEARTS_TOKEN: "the-real-token",
    CODEARTS_PARAM_DB_PASSWORD: 'p\'a\\"ss', // JSON-escaped, as the comment asks
    CODEARTS_PARAM_DB_PASSWORD_2: "second",
  });
  const real = buildStartDeployTaskRequest(input, config);
  assert.deepEqual(args.slice(0, 4), ["-i", "-X", "POST", real.url]);
  assert.ok(args.includes("X-Auth-Token: the-real-token"), args.join(" "));
  assert.ok(args.includes("Content-Type: application/json"));
  assert.equal(args.at(-2), "--data-raw");
  assert.equal(args.at(-1), real.body, "the body is byte for byte the package's");
});

test("an AK/SK request: access key, date and signature come from variables", () => {
  const config = { endpoint: "https://codearts-deploy.cn-north-4.myhuaweicloud.com", accessKey: "MYAK", secretKey: "MYSK" };
  const { command, variables } = toCurl(previewStartDeployTaskRequest({ taskId: input.taskId }, config));
  assert.deepEqual(variables.sort(), ["CODEARTS_AK", "CODEARTS_SDK_DATE", "CODEARTS_SIGNATURE"]);
  assert.ok(!command.includes("MYSK") && !command.includes("MYAK"), command);
  assert.match(command, /signRequest\(\)/);
  const args = runCurl(command, { CODEARTS_AK: "AK1", CODEARTS_SDK_DATE: "20260101T000000Z", CODEARTS_SIGNATURE: "abc" });
  assert.ok(args.includes("Authorization: SDK-HMAC-SHA256 Access=AK1, SignedHeaders=content-type;host;x-sdk-date, Signature=abc"), args.join("\n"));
  assert.ok(args.includes("X-Sdk-Date: 20260101T000000Z"));
});

test("shell quoting and variable names", () => {
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
  assert.equal(execFileSync("bash", ["-c", `printf %s ${shellQuote("a'b\"c$HOME`x`")}`], { encoding: "utf8" }), "a'b\"c$HOME`x`");
  const taken = new Set();
  assert.equal(paramVariable("db.password", taken), "CODEARTS_PARAM_DB_PASSWORD");
  assert.equal(paramVariable("db-password", taken), "CODEARTS_PARAM_DB_PASSWORD_2");
  assert.equal(paramVariable("...", taken), "CODEARTS_PARAM_SECRET");
});

// The `codearts-deploy` command, spawned as a process against the local CodeArts Deploy
// service, as a CI job runs it: every exit code, --json purity (stdout holds exactly one JSON
// object), --param parsing, --input, the help texts. The service's counters prove what was
// (not) sent. Needs a build (pkg/); the test command builds first.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { closedPort } from "./helpers/closed-port.mjs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliEnv, onlyJson, runCli } from "./helpers/cli.mjs";
import { startService, DEFAULT_TOKEN, EXAMPLE_TASK_IDS, SPEC_EXAMPLE_TASK_ID } from "../service/service.mjs";

const TASK = SPEC_EXAMPLE_TASK_ID;
const HOST_GROUP = EXAMPLE_TASK_IDS[4];
const VERSION = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;
let service, work;

before(async () => {
  service = await startService();
  work = mkdtempSync(join(tmpdir(), "codearts-cli-"));
});
after(async () => {
  await service?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});
beforeEach(() => service.reset());

const tokenEnv = (token = DEFAULT_TOKEN) => cliEnv({ CODEARTS_TOKEN: token });
/** Runs the bin against the service with the default token. */
const cli = (args, options = {}) => runCli(args, { env: tokenEnv(), ...options });
const withEndpoint = (command, ...rest) => [command, "--endpoint", service.url, ...rest];

test("--help of each command shows its usage, examples, exit codes and that secrets come from the environment", async () => {
  for (const args of [["--help"], ["start", "--help"], ["status", "-h"], ["validate", "--help"], ["help", "start"]]) {
    const { code, stdout, stderr } = await runCli(args);
    assert.equal(code, 0, `${args.join(" ")}: ${stderr}`);
    assert.equal(stderr, "");
    assert.match(stdout, /Usage:/);
    assert.match(stdout, /Examples:/);
    assert.match(stdout, /Exit codes/);
  }
  const { stdout: start } = await runCli(["start", "--help"]);
  for (const text of ["CODEARTS_TOKEN", "CODEARTS_ACCESS_KEY", "CODEARTS_SECRET_KEY", "never from flags", "--param KEY[:TYPE]=VALUE", "--wait", "--timeout DURATION", "--json", "130"]) {
    assert.ok(start.includes(text), `start --help lacks ${text}`);
  }
  const { code, stdout } = await runCli(["--version"]);
  assert.equal(code, 0);
  assert.equal(stdout, `${VERSION}\n`);
});

test("exit 0: start prints the record; with --json stdout is exactly the DeployRecord", async () => {
  const human = await cli(withEndpoint("start", "--task", TASK, "--param", `env:host_group=${HOST_GROUP}`));
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, new RegExp(`^Started deployment [0-9a-f]{32} of task ${TASK} \\(job job_[0-9a-f]{32}_\\d{13}, request id [0-9a-f]{32}\\)\\.\\n$`));
  assert.match(human.stderr, /codearts-deploy status --task/);

  const json = await cli(withEndpoint("start", "--task", TASK, "--json"));
  assert.equal(json.code, 0, json.stderr);
  const record = onlyJson(json.stdout);
  assert.match(record.id, /^[0-9a-f]{32}$/);
  assert.equal(record.taskId, TASK);
  assert.equal(record.jobName.length, 50);
  assert.equal(record.appComponentList.length, 1);
  assert.match(json.stderr, new RegExp(`Started deployment ${record.id}`), "the human line goes to stderr");
  assert.equal(service.stats().starts, 2);
});

test("--param splits at the first =: = and : stay in values, types default to text, order is kept", async () => {
  const { code, stderr } = await cli(
    withEndpoint(
      "start", "--task", TASK,
      "--param", "url=http://host:8080/p?a=b&c=d",
      "--param", "pair:text=k=v",
      "--param", "choice:enum=x:y:z",
      "--param", "empty=",
      "--param", `env:host_group=${HOST_GROUP}`,
      "--param", "spaced=  two words  ",
      "--param", "unicode=部署=ok",
      "--param-env", "db_password:encrypt=DB_PASSWORD",
      "--param", "last=1",
    ),
    { env: { ...tokenEnv(), DB_PASSWORD: "p=ss:word" } },
  );
  assert.equal(code, 0, stderr);
  assert.deepEqual(service.stats().lastStart.body.params, [
    { key: "url", value: "http://host:8080/p?a=b&c=d", type: "text" },
    { key: "pair", value: "k=v", type: "text" },
    { key: "choice", value: "x:y:z", type: "enum" },
    { key: "empty", value: "", type: "text" },
    { key: "env", value: HOST_GROUP, type: "host_group" },
    { key: "spaced", value: "  two words  ", type: "text" },
    { key: "unicode", value: "部署=ok", type: "text" },
    { key: "db_password", value: "******", type: "encrypt" },
    { key: "last", value: "1", type: "text" },
  ]);
});

test("exit 2 for a --param without =, an unknown type, an empty key, an unset --param-env variable: nothing sent", async () => {
  const cases = [
    [["--param", "env"], /--param #1 has no "=": write KEY\[:TYPE\]=VALUE/],
    [["--param", "a=1", "--param", "secretvalue"], /--param #2 has no "="/],
    [["--param", "db:secret=x"], /params\[0\]\.type\s+enum\s+params\[0\]\.type must be one of text, host_group, encrypt, enum\. \(from --param #1\)/],
    [["--param", "a=1", "--param", "b:=2"], /params\[1\]\.type\s+enum .*\(from --param #2\)/],
    [["--param", "=value"], /params\[0\]\.key\s+length .*\(from --param #1\)/],
    [["--param-env", "pw:encrypt=NOT_SET_ANYWHERE"], /--param-env #1: the environment variable NOT_SET_ANYWHERE is not set/],
    [["--param-env", "pw:encrypt"], /--param-env #1 has no "="/],
  ];
  for (const [flags, message] of cases) {
    const { code, stdout, stderr } = await cli(withEndpoint("start", "--task", TASK, ...flags));
    assert.equal(code, 2, `${flags.join(" ")}: ${stderr}`);
    assert.match(stderr, message, flags.join(" "));
    assert.equal(stdout, "");
    assert.ok(!stderr.includes("secretvalue"), "a --param without = is not echoed");
  }
  assert.equal(service.stats().requests, 0);
});

test("exit 2 for an invalid input: every issue with its path, code and message, 0 requests counted", async () => {
  const human = await cli(withEndpoint("start", "--task", "x", "--record", "", "--trigger-source", "2", "--param", "a={{b}}"));
  assert.equal(human.code, 2);
  assert.equal(human.stdout, "");
  const lines = human.stderr.split("\n");
  assert.equal(lines[0], "codearts-deploy: the input is invalid (nothing was sent):");
  for (const issue of [/^ {2}taskId {2}length {2}taskId must be exactly 32/, /^ {2}params\[0\]\.value {2}forbidden_sequence .*\(from --param #1\)$/, /^ {2}recordId {2}length/, /^ {2}triggerSource {2}enum/]) {
    assert.ok(lines.some((line) => issue.test(line)), `${issue} in ${human.stderr}`);
  }

  const json = await cli(withEndpoint("start", "--task", "x", "--json", "--locale", "zh-CN"));
  assert.equal(json.code, 2);
  const { error } = onlyJson(json.stdout);
  assert.equal(error.name, "ValidationError");
  assert.equal(error.exitCode, 2);
  assert.equal(error.mayHaveStarted, false);
  assert.deepEqual(error.issues.map(({ path, code, rule }) => ({ path, code, rule })), [{ path: ["taskId"], code: "length", rule: "R1" }]);
  assert.match(error.issues[0].message, /taskId 的长度必须为 32 个字符/);
  assert.equal(service.stats().requests, 0);
});

test("exit 2 for usage errors: unknown flags, missing values, bad durations, missing credentials or place; nothing sent", async () => {
  const cases = [
    [["start", "--task", TASK, "--endpoint", service.url, "--frobnicate"], tokenEnv(), /unknown option "--frobnicate"/],
    [["start", "--task", "--wait", "--endpoint", service.url], tokenEnv(), /--task needs a value/],
    [["start", "--endpoint", service.url], tokenEnv(), /give --task ID/],
    [["start", "--task", TASK, "--task", TASK, "--endpoint", service.url], tokenEnv(), /--task is given twice/],
    [["start", "--task", TASK, "--endpoint", service.url, "--wait=yes"], tokenEnv(), /--wait takes no value/],
    [["start", "--task", TASK, "--endpoint", service.url, "--timeout", "soon"], tokenEnv(), /--timeout needs a duration/],
    [["start", "--task", TASK, "--endpoint", service.url, "--timeout", "0s"], tokenEnv(), /--timeout needs a duration/],
    [["start", "--task", TASK, "--endpoint", service.url, "--interval", "1s"], tokenEnv(), /--interval only applies with --wait/],
    [["start", "--task", TASK, "--endpoint", service.url, "--region", "cn-north-4"], tokenEnv(), /give --region or --endpoint, not both/],
    [["start", "--task", TASK, "--endpoint", service.url, "--locale", "fr"], tokenEnv(), /--locale must be "en" or "zh-CN"/],
    [["start", "--task", TASK, "--endpoint", service.url, TASK], tokenEnv(), /too many arguments/],
    [["start", "--task", TASK, "--endpoint", service.url], cliEnv(), /set CODEARTS_TOKEN, or CODEARTS_ACCESS_KEY and CODEARTS_SECRET_KEY/],
    [["start", "--task", TASK, "--endpoint", service.url], cliEnv({ CODEARTS_TOKEN: "" }), /set CODEARTS_TOKEN/],
    [["start", "--task", TASK, "--endpoint", service.url], cliEnv({ CODEARTS_ACCESS_KEY: "AK" }), /set both CODEARTS_ACCESS_KEY and CODEARTS_SECRET_KEY/],
    [["start", "--task", TASK], tokenEnv(), /give --region or --endpoint, or set CODEARTS_REGION or CODEARTS_ENDPOINT/],
    [["start", "--task", TASK, "--region", "mars-1"], tokenEnv(), /not a known region/],
    [["deploy"], tokenEnv(), /unknown command "deploy": use start, status or validate/],
    [[], tokenEnv(), /give a command/],
    [["status", "--endpoint", service.url], tokenEnv(), /give --task ID/],
    [["validate"], tokenEnv(), /give a FILE, - for stdin/],
  ];
  for (const [args, env, message] of cases) {
    for (const json of [false, true]) {
      const { code, stdout, stderr } = await runCli(json ? [...args, "--json"] : args, { env });
      assert.equal(code, 2, `${args.join(" ")}: ${stderr}`);
      assert.match(stderr, message, args.join(" "));
      if (json) assert.equal(onlyJson(stdout).error.exitCode, 2);
      else assert.equal(stdout, "");
    }
  }
  assert.equal(service.stats().requests, 0);
});

test("--input FILE and --input -: the whole input as JSON, flags override its fields", async () => {
  const file = join(work, "input.json");
  writeFileSync(file, JSON.stringify({ taskId: TASK, params: [{ key: "from", value: "file", type: "text" }], triggerSource: "1" }));
  const fromFile = await cli(withEndpoint("start", "--input", file, "--json"));
  assert.equal(fromFile.code, 0, fromFile.stderr);
  assert.deepEqual(service.stats().lastStart.body, { params: [{ key: "from", value: "file", type: "text" }], trigger_source: "1" });

  const overridden = await cli(withEndpoint("start", "--input", file, "--param", "from=flag", "--trigger-source", "0", "--task", EXAMPLE_TASK_IDS[0]));
  assert.equal(overridden.code, 0, overridden.stderr);
  assert.equal(service.stats().lastStart.taskId, EXAMPLE_TASK_IDS[0]);
  assert.deepEqual(service.stats().lastStart.body, { params: [{ key: "from", value: "flag", type: "text" }], trigger_source: "0" });

  const fromStdin = await cli(withEndpoint("start", "--input", "-", "--json"), { stdin: JSON.stringify({ taskId: TASK, params: [] }) });
  assert.equal(fromStdin.code, 0, fromStdin.stderr);
  assert.equal(onlyJson(fromStdin.stdout).taskId, TASK);
  assert.equal(service.stats().starts, 3);

  service.reset();
  const notJson = join(work, "broken.json");
  writeFileSync(notJson, '{"taskId": "x", "params": [{"key": "pw", "value": hunter2secret, "type": "encrypt"}]}');
  for (const [args, stdin, message] of [
    [["--input", notJson], undefined, /broken\.json is not valid JSON/],
    [["--input", "-"], "not json at all", /stdin is not valid JSON/],
    [["--input", join(work, "missing.json")], undefined, /cannot read .*missing\.json: no such file/],
    [["--input", work], undefined, /it is a folder/],
    [["--input", "-", "--task", TASK], "[1, 2]", /--input must hold a JSON object to be combined with flags/],
  ]) {
    const { code, stderr } = await cli(withEndpoint("start", ...args), { stdin });
    assert.equal(code, 2, stderr);
    assert.match(stderr, message);
    assert.ok(!stderr.includes("hunter2secret"), "the file's content is not echoed");
  }
  const notObject = await cli(withEndpoint("start", "--input", "-"), { stdin: "[1, 2]" });
  assert.equal(notObject.code, 2);
  assert.match(notObject.stderr, /\(input\) {2}type/);
  assert.equal(service.stats().requests, 0);
});

test("exit 3: the API's error with its errorCode, errorMsg and request id; a wrong token never shows", async () => {
  const wrongToken = "wrong-token-Zq8Xv3Lm9Pw2Rt7Y";
  const human = await runCli(withEndpoint("start", "--task", TASK), { env: tokenEnv(wrongToken) });
  assert.equal(human.code, 3);
  assert.match(human.stderr, /^codearts-deploy: the API answered 401: APIGW\.0301: Incorrect IAM authentication information/);
  assert.match(human.stderr, /request id: [0-9a-f]{32}/);
  assert.match(human.stderr, /The deployment was not started\./);

  const json = await runCli(withEndpoint("start", "--task", TASK, "--json"), { env: tokenEnv(wrongToken) });
  assert.equal(json.code, 3);
  const { error, taskId } = onlyJson(json.stdout);
  assert.deepEqual({ name: error.name, status: error.status, errorCode: error.errorCode, exitCode: error.exitCode, mayHaveStarted: error.mayHaveStarted, taskId },
    { name: "DeployApiError", status: 401, errorCode: "APIGW.0301", exitCode: 3, mayHaveStarted: false, taskId: TASK });
  assert.match(error.requestId, /^[0-9a-f]{32}$/);
  for (const text of [human.stdout, human.stderr, json.stdout, json.stderr]) assert.ok(!text.includes("Zq8Xv3Lm9P"), "the token shows");

  const unknownTask = await cli(withEndpoint("start", "--task", "0".repeat(32)));
  assert.equal(unknownTask.code, 3);
  assert.match(unknownTask.stderr, /404: Deploy\.00011020/);
  const draft = await cli(["start", "--endpoint", `${service.url}/__fault/failed200`, "--task", TASK]);
  assert.equal(draft.code, 3);
  assert.match(draft.stderr, /Deploy\.00011042/);
  const unavailable = await cli(["start", "--endpoint", `${service.url}/__fault/503`, "--task", TASK, "--json"]);
  assert.equal(unavailable.code, 3);
  assert.equal(onlyJson(unavailable.stdout).error.mayHaveStarted, true, "a 503 may have acted");
  assert.match(unavailable.stderr, /The deployment may have started: check with "codearts-deploy status --task/);
  assert.equal(service.stats().starts, 0);
});

test("exit 4: timeout, refused connection, unreadable answer; each says whether the deployment may have started", async () => {
  const timeout = await cli(["start", "--endpoint", `${service.url}/__fault/delay=5000`, "--task", TASK, "--timeout", "300ms", "--json"]);
  assert.equal(timeout.code, 4, timeout.stderr);
  const timedOut = onlyJson(timeout.stdout).error;
  assert.equal(timedOut.name, "TimeoutError");
  assert.equal(timedOut.mayHaveStarted, true);
  assert.match(timeout.stderr, /The deployment may have started: check with "codearts-deploy status --task d2dc947ec2424d8789bb3984bb3adf45" before starting it again\./);

  const refused = await cli(["start", "--endpoint", `http://127.0.0.1:${await closedPort()}`, "--task", TASK, "--json"]);
  assert.equal(refused.code, 4, refused.stderr);
  const { error } = onlyJson(refused.stdout);
  assert.equal(error.name, "NetworkError");
  assert.equal(typeof error.mayHaveStarted, "boolean");
  assert.match(refused.stderr, error.mayHaveStarted ? /The deployment may have started/ : /The deployment was not started\./);

  const truncated = await cli(["start", "--endpoint", `${service.url}/__fault/truncated`, "--task", TASK]);
  assert.equal(truncated.code, 4, truncated.stderr);
  assert.match(truncated.stderr, /The deployment may have started/);
  assert.equal(service.stats().starts, 1, "the service did start it: the message is right to say so");
});

test("validate FILE|-: 'valid' or every issue on its own line (English or Chinese), exit 0 or 2, never sends", async () => {
  const good = join(work, "good.json");
  writeFileSync(good, JSON.stringify({ taskId: TASK, params: [{ key: "env", value: HOST_GROUP, type: "host_group" }] }));
  const valid = await runCli(["validate", good]);
  assert.deepEqual({ code: valid.code, stdout: valid.stdout, stderr: valid.stderr }, { code: 0, stdout: "valid\n", stderr: "" });

  const bad = { taskId: "x", params: [{ key: "a b", value: "{%x", type: "secret" }], trigger_source: 0 };
  const invalid = await runCli(["validate", "-"], { stdin: JSON.stringify(bad) });
  assert.equal(invalid.code, 2);
  assert.deepEqual(invalid.stdout.trimEnd().split("\n").map((line) => line.split("  ").slice(0, 2).join(" ")), [
    "trigger_source unknown_field",
    "taskId length",
    "params[0].key charset",
    "params[0].value forbidden_sequence",
    "params[0].type enum",
  ]);
  const chinese = await runCli(["validate", "-", "--locale", "zh-CN"], { stdin: JSON.stringify(bad) });
  assert.equal(chinese.code, 2);
  assert.match(chinese.stdout, /taskId {2}length {2}taskId 的长度必须为 32 个字符/);
  const json = await runCli(["validate", "-", "--json"], { stdin: JSON.stringify(bad) });
  assert.equal(json.code, 2);
  const result = onlyJson(json.stdout);
  assert.equal(result.ok, false);
  assert.equal(result.issues.length, 5);
  const fromFlags = await runCli(["validate", good, "--param", "x:nope=1", "--json"]);
  assert.equal(fromFlags.code, 2);
  assert.deepEqual(onlyJson(fromFlags.stdout).issues.map(({ path, flag }) => ({ path, flag })), [{ path: ["params", 0, "type"], flag: "--param #1" }]);
  assert.deepEqual(onlyJson((await runCli(["validate", good, "--json"])).stdout), { ok: true, issues: [] });
  assert.equal(service.stats().requests, 0);
});

// The `codearts-deploy` command, spawned as a process against the local CodeArts Deploy
// service, as a CI job runs it: every exit code, --json purity (stdout holds exactly one JSON
// object), --param parsing, --input, the help texts, following a run (progress lines, a live
// line on a terminal, Ctrl-C), and `npx codearts-deploy` from the packed tarball. The service's
// counters prove what was (not) sent. Needs a build (pkg/); the test command builds first.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { closedPort } from "./helpers/closed-port.mjs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN, cliEnv, onlyJson, runCli, spawnCli } from "./helpers/cli.mjs";
import { emptyProject, installOffline, packInto } from "./helpers/npm.mjs";
import { startLossyGateway } from "./helpers/lossy-gateway.mjs";
import { substituteExpressions, workflowSteps } from "./helpers/workflow-steps.mjs";
import { startService, DEFAULT_CREDENTIALS, DEFAULT_TOKEN, EXAMPLE_TASK_IDS, FAILING_TASK_ID, SPEC_EXAMPLE_TASK_ID } from "../service/service.mjs";

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
  // Whether the request had left when the deadline passed is the package's to say (mayHaveStarted).
  assert.equal(typeof timedOut.mayHaveStarted, "boolean");
  assert.match(timeout.stderr, timedOut.mayHaveStarted
    ? /The deployment may have started: check with "codearts-deploy status --task d2dc947ec2424d8789bb3984bb3adf45" before starting it again\./
    : /The deployment was not started\./);

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

// Following a run. The service's clock is the test's: a run stays "running" until the test moves
// the clock past `runningMs`, so what the command shows while waiting is seen every time.
const RUNNING_MS = 60_000;
let clock = Date.now();
let followed;
before(async () => {
  followed = await startService({ runningMs: RUNNING_MS, now: () => clock });
});
after(() => followed?.close());

/** Resolves once `check()` is true, looking every 20 ms; fails after 30 s of never. */
async function until(label, check) {
  for (let i = 0; i < 1500; i += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`never happened: ${label}`);
}

/** Runs the bin against the clocked service; `whileRunning(stderr, child)` is awaited once stderr shows a running run. */
async function follow(args, { whileRunning, env = tokenEnv() } = {}) {
  let running = false;
  const { child, done } = spawnCli([args[0], "--endpoint", followed.url, ...args.slice(1)], {
    env,
    onStderr: (text) => (running ||= /running · step running/.test(text)),
  });
  if (whileRunning) {
    await until("the command shows the run running", () => running || child.exitCode !== null);
    await whileRunning(child);
  }
  return done;
}

test("exit 0 with --wait: one line per change on a non-terminal, then the final DeployStatus as the only JSON", async () => {
  followed.reset();
  const result = await follow(["start", "--task", TASK, "--param", `env:host_group=${HOST_GROUP}`, "--wait", "--interval", "50ms", "--json"], {
    whileRunning: async () => {
      await until("three status reads", () => followed.stats().statusRequests >= 3);
      clock += RUNNING_MS;
    },
  });
  assert.equal(result.code, 0, result.stderr);
  const status = onlyJson(result.stdout);
  assert.equal(status.status, "succeeded");
  assert.equal(status.taskId, TASK);
  assert.match(status.recordId, /^[0-9a-f]{32}$/);
  assert.equal(status.step, "finish");
  const progress = result.stderr.split("\n").filter((line) => /^\[\d+(m\d\d)?s\] /.test(line));
  assert.deepEqual(progress.map((line) => line.replace(/^\[[^\]]+\] /, "")), ["running · step running", "succeeded · step finish"], result.stderr);
  assert.ok(followed.stats().statusRequests >= 4, "several reads, yet one line per change");
  assert.match(result.stderr, /Ctrl-C stops waiting, not the deployment/);
  assert.equal(followed.stats().starts, 1);
});

test("exit 1: a deployment that fails, followed by start --wait and by status", async () => {
  followed.reset();
  const result = await follow(["start", "--task", FAILING_TASK_ID, "--wait", "--interval", "50ms", "--json"], {
    whileRunning: async () => {
      clock += RUNNING_MS;
    },
  });
  assert.equal(result.code, 1, result.stderr);
  const status = onlyJson(result.stdout);
  assert.equal(status.status, "failed");
  assert.match(result.stderr, new RegExp(`Deployment ${status.recordId} of task ${FAILING_TASK_ID}: failed`));

  const read = await follow(["status", "--task", FAILING_TASK_ID, "--record", status.recordId]);
  assert.equal(read.code, 1);
  assert.match(read.stdout, new RegExp(`^Deployment ${status.recordId} of task ${FAILING_TASK_ID}: failed \\(step finish, started .+, ended .+, request id [0-9a-f]{32}\\)\\n$`));
  const latest = await follow(["status", "--task", FAILING_TASK_ID, "--json"]);
  assert.equal(latest.code, 1);
  assert.equal(onlyJson(latest.stdout).recordId, status.recordId, "without --record: the task's latest run");
});

test("status reads without starting anything: running exits 0, --wait follows to succeeded; unknown runs exit 3", async () => {
  followed.reset();
  const started = await follow(["start", "--task", TASK, "--json"]);
  const record = onlyJson(started.stdout);
  const running = await follow(["status", "--task", TASK, "--record", record.id, "--json"]);
  assert.equal(running.code, 0, running.stderr);
  assert.deepEqual([onlyJson(running.stdout).status, onlyJson(running.stdout).recordId], ["running", record.id]);

  const waited = await follow(["status", "--task", TASK, "--wait", "--interval", "50ms"], {
    whileRunning: async () => {
      clock += RUNNING_MS;
    },
  });
  assert.equal(waited.code, 0, waited.stderr);
  assert.match(waited.stdout, new RegExp(`Deployment ${record.id} of task ${TASK}: succeeded`));
  assert.equal(followed.stats().starts, 1, "status never starts");
  assert.equal(followed.stats().requests, 1, "the start was the only request besides reads");

  const unknown = await follow(["status", "--task", TASK, "--record", "0".repeat(32), "--json"]);
  assert.equal(unknown.code, 3);
  assert.equal(onlyJson(unknown.stdout).error.errorCode, "Deploy.00021534");
  assert.equal(onlyJson(unknown.stdout).error.mayHaveStarted, false);
  const invalid = await follow(["status", "--task", "x"]);
  assert.equal(invalid.code, 2);
});

test("Ctrl-C during --wait: exit 130, 'stopped waiting; the deployment goes on', no request after it", async () => {
  followed.reset();
  let before;
  const result = await follow(["start", "--task", TASK, "--wait", "--interval", "10m"], {
    whileRunning: async (child) => {
      before = followed.stats();
      child.kill("SIGINT");
    },
  });
  assert.equal(result.code, 130, result.stderr);
  assert.match(result.stderr, /codearts-deploy: stopped waiting; the deployment goes on\./);
  const recordId = /Started deployment ([0-9a-f]{32})/.exec(result.stdout)[1];
  assert.match(result.stderr, new RegExp(`codearts-deploy status --task ${TASK} --record ${recordId} --wait`));
  const after = followed.stats();
  assert.equal(after.statusRequests, before.statusRequests, "no read after Ctrl-C");
  assert.equal(after.requests, 1, "only the start: nothing was sent to stop it");
  assert.equal(after.runs[recordId].status, "running", "the deployment goes on");
  clock += RUNNING_MS;
  assert.equal(followed.stats().runs[recordId].status, "succeeded");
});

test("Ctrl-C while a status read is in flight: the read is abandoned, exit 130, nothing more is sent", async () => {
  followed.reset();
  const record = onlyJson((await follow(["start", "--task", TASK, "--json"])).stdout);
  const { child, done } = spawnCli(["status", "--endpoint", `${followed.url}/__fault/delay=600000`, "--task", TASK, "--record", record.id, "--wait", "--json"], { env: tokenEnv() });
  await until("the first read reached the service", () => followed.stats().statusRequests === 1);
  child.kill("SIGINT");
  const result = await done;
  assert.equal(result.code, 130, result.stderr);
  assert.match(result.stderr, /stopped waiting; the deployment goes on/);
  const { error, recordId } = onlyJson(result.stdout);
  assert.deepEqual([error.name, error.exitCode, error.deploymentGoesOn, recordId], ["AbortError", 130, true, record.id]);
  assert.equal(followed.stats().statusRequests, 1);
});

test("exit 4 when --timeout ends a wait: the deployment goes on, and the message says so", async () => {
  followed.reset();
  const record = onlyJson((await follow(["start", "--task", TASK, "--json"])).stdout);
  // status --wait --record reads nothing before the wait: the deadline can only end the wait.
  const result = await follow(["status", "--task", TASK, "--record", record.id, "--wait", "--timeout", "1s", "--interval", "100ms", "--json"]);
  assert.equal(result.code, 4, result.stderr);
  const { error, recordId } = onlyJson(result.stdout);
  assert.equal(error.name, "TimeoutError");
  assert.equal(error.deploymentGoesOn, true);
  assert.equal(recordId, record.id);
  assert.match(result.stderr, new RegExp(`The deployment \\(task ${TASK}, record ${record.id}\\) goes on; follow it with:`));
  assert.equal(followed.stats().runs[record.id].status, "running");
});

/** `text` quoted for sh. */
const shQuote = (text) => `'${text.replaceAll("'", "'\\''")}'`;

test("on a terminal, --wait shows one live line: spinner, status, step, elapsed time, redrawn in place", async (t) => {
  const hasScript = await runCli([], { command: ["script", "--version"] }).then((r) => r.code === 0, () => false);
  if (!hasScript) return t.skip("util-linux `script` (which gives a command a terminal) is not installed");
  followed.reset();
  const record = onlyJson((await follow(["start", "--task", TASK, "--json"])).stdout);
  const line = [process.execPath, BIN, "status", "--endpoint", followed.url, "--task", TASK, "--record", record.id, "--wait", "--interval", "50ms"].map(shQuote).join(" ");
  let seen = "";
  const { child, done } = spawnCli([], { command: ["script", "-qefc", line, "/dev/null"], env: tokenEnv() });
  child.stdout.on("data", (chunk) => (seen += chunk));
  await until("the live line shows the run running", () => seen.includes("running · step running"));
  clock += RUNNING_MS;
  const result = await done;
  assert.equal(result.code, 0, result.stdout);
  const frames = result.stdout.split("\r\x1b[2K").slice(1);
  assert.ok(frames.length >= 2, JSON.stringify(result.stdout.slice(0, 500)));
  const live = frames.find((frame) => frame.includes("running · step running"));
  assert.match(live, new RegExp(`^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] running · step running · \\d+s · record ${record.id}$`));
  assert.ok(!live.includes("\n"), "the live line is redrawn, not repeated");
  assert.match(result.stdout, new RegExp(`Deployment ${record.id} of task ${TASK}: succeeded`));
  assert.doesNotMatch(result.stdout, /^\[\d+s\] /m, "no per-change lines on a terminal");
});

test("--reconcile: a start whose answer was lost is confirmed from the task's latest run (exit 0, one start)", async () => {
  followed.reset();
  const lossy = await startLossyGateway(followed.url, { mode: "lose-answer" });
  try {
    const lost = await runCli(["start", "--endpoint", lossy.url, "--task", TASK, "--json"], { env: tokenEnv() });
    assert.equal(lost.code, 4, lost.stderr);
    assert.equal(onlyJson(lost.stdout).error.mayHaveStarted, true);
    assert.match(lost.stderr, /The deployment may have started: check with "codearts-deploy status --task/);
    assert.equal(followed.stats().starts, 1, "it did start: the message was right");

    const gateway = await startLossyGateway(followed.url, { mode: "lose-answer" });
    try {
      const confirmed = await runCli(["start", "--endpoint", gateway.url, "--task", TASK, "--reconcile", "--json"], { env: tokenEnv() });
      assert.equal(confirmed.code, 0, confirmed.stderr);
      const record = onlyJson(confirmed.stdout);
      assert.equal(record.reconciled, true);
      assert.equal(record.taskId, TASK);
      assert.ok(followed.stats().runs[record.id], "the record is the run the service started");
      assert.match(confirmed.stderr, new RegExp(`Started deployment ${record.id} of task ${TASK} \\(.*its answer was lost; confirmed from the task's latest run\\)`));
      assert.equal(followed.stats().starts, 2, "one start for each command, none sent twice");
    } finally {
      await gateway.close();
    }
  } finally {
    await lossy.close();
  }
});

let installed;
/** An empty folder with the packed tarball installed offline (packed and installed once). */
function installedApp() {
  installed ??= (async () => {
    const { tarball } = await packInto(work);
    const dir = emptyProject(work, "npx-app");
    await installOffline(tarball, dir);
    return dir;
  })();
  return installed;
}

test("from the packed tarball installed offline in an empty folder: npx codearts-deploy start … --wait --json", async () => {
  const dir = await installedApp();
  const svc = await startService({ runningMs: 300 });
  try {
    const npx = (args, env = tokenEnv()) => runCli(args, { command: ["npx", "--offline", "codearts-deploy"], cwd: dir, env: { ...env, npm_config_update_notifier: "false" } });
    assert.equal((await npx(["--version"])).stdout, `${VERSION}\n`);

    const ok = await npx(["start", "--endpoint", svc.url, "--task", TASK, "--param", `env:host_group=${HOST_GROUP}`, "--wait", "--interval", "100ms", "--json"]);
    assert.equal(ok.code, 0, ok.stderr);
    const status = onlyJson(ok.stdout);
    assert.equal(status.status, "succeeded");
    assert.equal(svc.stats().starts, 1);

    const failed = await npx(["start", "--endpoint", svc.url, "--task", FAILING_TASK_ID, "--wait", "--interval", "100ms", "--json"]);
    assert.equal(failed.code, 1, failed.stderr);
    assert.equal(onlyJson(failed.stdout).status, "failed");

    svc.reset();
    const invalid = await npx(["start", "--endpoint", svc.url, "--task", "x", "--param", "a:secret={{b}}"]);
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr, /taskId {2}length/);
    assert.match(invalid.stderr, /params\[0\]\.value {2}forbidden_sequence/);
    assert.match(invalid.stderr, /params\[0\]\.type {2}enum/);
    assert.equal(svc.stats().requests, 0);
    assert.equal(svc.stats().statusRequests, 0);

    const wrong = "wrong-token-Tz4Kq9Wm2Xc7Vb1N";
    const denied = await npx(["start", "--endpoint", svc.url, "--task", TASK, "--json"], tokenEnv(wrong));
    assert.equal(denied.code, 3);
    assert.equal(onlyJson(denied.stdout).error.errorCode, "APIGW.0301");
    assert.match(denied.stderr, /APIGW\.0301/);
    for (const text of [denied.stdout, denied.stderr]) assert.ok(!text.includes("Tz4Kq9Wm2X"), "the token shows");
  } finally {
    await svc.close();
  }
});

test("the example GitHub Actions workflow's steps run as written against the local service (AK/SK, --param-env)", async () => {
  const dir = await installedApp();
  const steps = workflowSteps(readFileSync(new URL("../../examples/github-actions/deploy.yml", import.meta.url), "utf8"));
  const step = (name) => steps.find((each) => each.name === name) ?? assert.fail(`no step ${name}`);
  assert.match(step("Install codearts-deploy").run, /npm install .*codearts-deploy-wasm@/, "the example installs the package (here: the tarball, offline)");
  const svc = await startService({ runningMs: 300 });
  const [{ accessKey, secretKey }] = DEFAULT_CREDENTIALS;
  const expressions = {
    "secrets.CODEARTS_ACCESS_KEY": accessKey,
    "secrets.CODEARTS_SECRET_KEY": secretKey,
    "secrets.DB_PASSWORD": "hunter2-Qm7Zx4Wp",
    "vars.CODEARTS_PROJECT_ID": "0123456789abcdef0123456789abcdef",
    "vars.CODEARTS_HOST_GROUP": HOST_GROUP,
    "github.sha": "3f2c1a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39",
  };
  const summary = join(dir, "summary.md");
  /** Runs a step's script with bash as GitHub does, its env substituted; the region swapped for the local service. */
  const runStep = async (name) => {
    const { env, run } = step(name);
    const stepEnv = Object.fromEntries(Object.entries(env).map(([key, value]) => [key, substituteExpressions(value, expressions)]));
    if (stepEnv.CODEARTS_REGION) {
      delete stepEnv.CODEARTS_REGION;
      stepEnv.CODEARTS_ENDPOINT = svc.url;
    }
    const script = substituteExpressions(run, expressions);
    return runCli(["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
      command: ["bash"],
      cwd: dir,
      env: cliEnv({ ...stepEnv, GITHUB_STEP_SUMMARY: summary, npm_config_offline: "true", npm_config_update_notifier: "false" }),
    });
  };
  try {
    mkdirSync(join(dir, "deploy"), { recursive: true });
    for (const [task, code, outcome] of [[TASK, 0, "succeeded"], [FAILING_TASK_ID, 1, "failed"]]) {
      writeFileSync(join(dir, "deploy/input.json"), JSON.stringify({ taskId: task, triggerSource: "1" }));
      rmSync(summary, { force: true });
      const validate = await runStep("Validate the deployment input");
      assert.deepEqual([validate.code, validate.stdout], [0, "valid\n"], validate.stderr);
      const deploy = await runStep("Deploy and wait for the end");
      assert.equal(deploy.code, code, deploy.stderr);
      assert.match(deploy.stdout, code === 0 ? /^Deployment succeeded\.$/m : /^::error::The deployment failed/m);
      assert.ok(!`${deploy.stdout}${deploy.stderr}`.includes("Qm7Zx4Wp"), "the encrypt value shows");
      const result = JSON.parse(readFileSync(join(dir, "deployment.json"), "utf8"));
      assert.equal(result.status, outcome);
      const { auth, projectId, body } = svc.stats().lastStart;
      assert.deepEqual({ auth, projectId, body }, {
        auth: "aksk",
        projectId: expressions["vars.CODEARTS_PROJECT_ID"],
        body: {
          params: [
            { key: "env", value: HOST_GROUP, type: "host_group" },
            { key: "version", value: expressions["github.sha"], type: "text" },
            { key: "db_password", value: "******", type: "encrypt" },
          ],
          trigger_source: "1",
        },
      });
      const written = await runStep("Summary");
      assert.equal(written.code, 0, written.stderr);
      assert.equal(readFileSync(summary, "utf8"), `Deployment ${result.recordId} of task ${task}: ${outcome}\n`);
    }
  } finally {
    await svc.close();
  }
});

// The package in Deno 2 and Bun 1, both from npm (devDependencies `deno` and `bun`, whose
// binaries ship inside registry packages). Each runtime runs its example
// (examples/deno/start.ts, examples/bun/start.ts) in a project that has the packed package in
// node_modules, importing it by name: it validates (messages in Chinese), signs with the AK/SK
// and starts a deployment on the local CodeArts Deploy service, which verifies the signature and
// counts the start. `deno check` also type-checks the Deno example against the declarations.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { packedProject } from "./helpers/packed-project.mjs";
import { startService, DEFAULT_CREDENTIALS, SPEC_EXAMPLE_TASK_ID } from "../service/service.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ENV_NAMES = ["CODEARTS_ENDPOINT", "CODEARTS_ACCESS_KEY", "CODEARTS_SECRET_KEY"];
const RUNTIMES = {
  deno: {
    example: "examples/deno/start.ts",
    // The permissions the example's header documents, no more.
    command: (script) => [
      join(ROOT, "node_modules/.bin/deno"),
      ["run", "--allow-read=node_modules", "--allow-net=127.0.0.1", `--allow-env=${ENV_NAMES.join(",")}`, script],
    ],
    version: /^deno 2\./,
  },
  bun: {
    example: "examples/bun/start.ts",
    command: (script) => [join(ROOT, "node_modules/.bin/bun"), [script]],
    version: /^1\./,
  },
};

let service, project;

before(async () => {
  service = await startService();
  project = await packedProject("deno-bun");
  for (const { example } of Object.values(RUNTIMES)) copyFileSync(join(ROOT, example), join(project.dir, example.split("/")[1] + ".ts"));
});

after(async () => {
  await service?.close();
  project?.remove();
});

/** The environment of a runtime: its caches in the project, no update checks, no telemetry. */
function runtimeEnv(extra = {}) {
  return {
    PATH: process.env.PATH,
    HOME: project.dir,
    NO_COLOR: "1",
    DENO_DIR: join(project.dir, ".deno"),
    DENO_NO_UPDATE_CHECK: "1",
    DO_NOT_TRACK: "1",
    ...extra,
  };
}

/** Runs `file args` in the project; resolves to `{ code, stdout, stderr }` whatever the exit code. */
function run(file, args, env = runtimeEnv()) {
  return new Promise((done, fail) => {
    execFile(file, args, { cwd: project.dir, env, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") return fail(error);
      done({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

/** Runs `runtime`'s example with `args` and the AK/SK in its environment; `{ code, output, stderr }`. */
async function runExample(runtime, args, secretKey = DEFAULT_CREDENTIALS[0].secretKey) {
  const [file, runtimeArgs] = RUNTIMES[runtime].command(`${runtime}.ts`);
  const env = runtimeEnv({
    CODEARTS_ENDPOINT: service.url,
    CODEARTS_ACCESS_KEY: DEFAULT_CREDENTIALS[0].accessKey,
    CODEARTS_SECRET_KEY: secretKey,
  });
  const { code, stdout, stderr } = await run(file, [...runtimeArgs, ...args], env);
  try {
    return { code, output: JSON.parse(stdout.trim().split("\n").at(-1)), stderr };
  } catch {
    throw new Error(`${runtime} printed no JSON line:\n${stdout}\n${stderr}`);
  }
}

for (const runtime of Object.keys(RUNTIMES)) {
  test(`${runtime}: the example imports the package by name, validates, signs and starts one deployment`, async () => {
    const { stdout } = await run(RUNTIMES[runtime].command("")[0], ["--version"]);
    assert.match(stdout, RUNTIMES[runtime].version);
    service.reset();

    const invalid = await runExample(runtime, ["short", "{{ version }}"]);
    assert.equal(invalid.code, 2, invalid.stderr);
    const [taskIdIssue, valueIssue, ...more] = invalid.output.issues;
    assert.equal(taskIdIssue, "taskId: taskId 的长度必须为 32 个字符（当前为 5 个）。");
    assert.match(valueIssue, /^params\.0\.value: .*[\u4e00-\u9fff]/u, "the value's issue, in Chinese");
    assert.deepEqual(more, []);
    assert.equal(service.stats().requests, 0, "an invalid input sends nothing");

    const started = await runExample(runtime, [SPEC_EXAMPLE_TASK_ID, "1.4.2"]);
    assert.equal(started.code, 0, started.stderr);
    assert.match(started.output.recordId, /^[0-9a-f]{32}$/);
    assert.match(started.output.requestId, /^[0-9a-f]{32}$/);
    const stats = service.stats();
    assert.equal(stats.starts, 1, "exactly one deployment started");
    assert.equal(stats.lastStart.auth, "aksk", "signed with the AK/SK, and the service verified it");
    assert.deepEqual(stats.lastStart.body.params, [{ key: "version", value: "1.4.2", type: "text" }]);

    const refused = await runExample(runtime, [SPEC_EXAMPLE_TASK_ID, "1.4.2"], "not-the-secret-key");
    assert.equal(refused.code, 1, refused.stderr);
    assert.equal(refused.output.errorCode, "APIGW.0301");
    assert.equal(refused.output.status, 401);
    assert.equal(service.stats().starts, 1, "a bad signature starts nothing");
    assert.ok(!`${refused.stderr}${JSON.stringify(refused.output)}`.includes("not-the-secret-key"));
  });
}

test("deno check: the Deno example type-checks against the package's declarations", async () => {
  const { code, stdout, stderr } = await run(RUNTIMES.deno.command("")[0], ["check", "deno.ts"]);
  assert.equal(code, 0, `${stdout}${stderr}`);
});

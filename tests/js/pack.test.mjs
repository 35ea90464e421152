// The published artifact: `npm pack` holds only what users need, installs offline into an empty
// project (the package has no dependencies), and works there from Node ESM and from TypeScript
// against the local CodeArts Deploy service. Then the same through `npm install <repo folder>`.
// Needs a build (pkg/); the test command builds first.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { promisify } from "node:util";
import { runTsc } from "./helpers/tsc.mjs";
import { ROOT, emptyProject as emptyProjectIn, installOffline, packInto } from "./helpers/npm.mjs";
import { startService, DEFAULT_TOKEN, SPEC_EXAMPLE_TASK_ID } from "../service/service.mjs";

const run = promisify(execFile);

let work, service, packed, tarball;

before(async () => {
  work = mkdtempSync(join(tmpdir(), "codearts-pack-"));
  service = await startService();
  ({ packed, tarball } = await packInto(work));
});

after(async () => {
  await service?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** An empty ESM project in `work/<name>`. */
const emptyProject = (name) => emptyProjectIn(work, name);

// What a user writes: Node ESM, every runtime export, a deployment started with a token.
const NODE_APP = `
import * as api from "codearts-deploy-wasm";
const [endpoint, token, taskId] = process.argv.slice(2);
const checked = api.validateStartDeployTask({ taskId: "x" });
const schema = api.startDeployTaskSchema["~standard"].validate({ taskId });
const client = new api.CodeArtsDeployClient({ endpoint, token });
const record = await client.startDeployTask({ taskId, params: [{ key: "v", value: "1", type: "text" }] });
const error = await client.startDeployTask({ taskId: "x" }).catch((e) => e);
console.log(JSON.stringify({
  exports: Object.keys(api).sort(),
  issues: checked.issues.map(({ path, code }) => ({ path, code })),
  schemaOk: !schema.issues,
  recordId: record.id,
  validationError: error instanceof api.ValidationError && error.name,
}));
`;

// What a TypeScript user writes, compiled by tsc against the installed package's types.
const TS_APP = `
import {
  CodeArtsDeployClient,
  DeployApiError,
  startDeployTaskSchema,
  validateStartDeployTask,
  type DeployRecord,
  type StartDeployTaskInput,
} from "codearts-deploy-wasm";

declare const process: { argv: string[] };
const [endpoint = "", token = "", taskId = ""] = process.argv.slice(2);

const input: StartDeployTaskInput = { taskId, params: [{ key: "env", value: "prod", type: "text" }], triggerSource: "0" };
const result = startDeployTaskSchema["~standard"].validate(input);
if (result.issues) throw new Error(result.issues.map((issue) => issue.message).join("; "));
const record: DeployRecord = await new CodeArtsDeployClient({ endpoint, token }).startDeployTask(result.value);
const denied = await new CodeArtsDeployClient({ endpoint, token: "wrong" }).startDeployTask(input).catch((e: unknown) => e);
console.log(JSON.stringify({
  recordId: record.id,
  jobName: record.jobName,
  issueCodes: validateStartDeployTask({ taskId: 42 }).issues.map((issue) => issue.code),
  denied: denied instanceof DeployApiError ? denied.errorCode : null,
}));
`;

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: "ES2022",
    lib: ["ES2022", "DOM", "ESNext.Disposable"],
    module: "Node16",
    moduleResolution: "Node16",
    types: [],
    skipLibCheck: false,
    outDir: "dist",
  },
  files: ["index.ts"],
};

/** Uses the package installed in `dir` from Node ESM (`node -e` and a module) and from TypeScript. */
async function useInstalledPackage(dir) {
  const oneLiner = `import("codearts-deploy-wasm").then(m => console.log(JSON.stringify(m.validateStartDeployTask({taskId: "x"}))))`;
  const { stdout: line } = await run(process.execPath, ["-e", oneLiner], { cwd: dir });
  const printed = JSON.parse(line);
  assert.equal(printed.ok, false);
  assert.deepEqual(printed.issues.map(({ path, code, rule }) => ({ path, code, rule })), [{ path: ["taskId"], code: "length", rule: "R1" }]);

  writeFileSync(join(dir, "app.mjs"), NODE_APP);
  const { stdout: nodeOut } = await run(process.execPath, ["app.mjs", service.url, DEFAULT_TOKEN, SPEC_EXAMPLE_TASK_ID], { cwd: dir });
  const node = JSON.parse(nodeOut);
  assert.deepEqual(node.issues, [{ path: ["taskId"], code: "length" }]);
  assert.equal(node.schemaOk, true);
  assert.match(node.recordId, /^[0-9a-f]{32}$/);
  assert.equal(node.validationError, "ValidationError");
  for (const name of ["CodeArtsDeployClient", "validateStartDeployTask", "startDeployTaskSchema", "DeployApiError", "signRequest"]) {
    assert.ok(node.exports.includes(name), name);
  }

  writeFileSync(join(dir, "index.ts"), TS_APP);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  const compiled = await runTsc(["-p", "tsconfig.json"], { cwd: dir });
  assert.deepEqual(compiled.diagnostics, [], compiled.output);
  assert.equal(compiled.exitCode, 0, compiled.output);
  const { stdout: tsOut } = await run(process.execPath, ["dist/index.js", service.url, DEFAULT_TOKEN, SPEC_EXAMPLE_TASK_ID], { cwd: dir });
  const ts = JSON.parse(tsOut);
  assert.match(ts.recordId, /^[0-9a-f]{32}$/);
  assert.equal(ts.jobName.length, 50);
  assert.deepEqual(ts.issueCodes, ["type"]);
  assert.equal(ts.denied, "APIGW.0301");
}

test("npm pack holds only what users need: entries, types, the glue, the .wasm, the error classes, the command line", (t) => {
  const files = packed.files.map((file) => file.path).sort();
  t.diagnostic(`${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${files.length} files`);
  for (const file of packed.files) t.diagnostic(`  ${String(file.size).padStart(7)}  ${file.path}`);
  const expected = [
    "CHANGELOG.md",
    "LICENSE",
    "README.md",
    "bin/codearts-deploy.mjs",
    "cli/argv.mjs",
    "cli/commands/start.mjs",
    "cli/commands/status.mjs",
    "cli/commands/validate.mjs",
    "cli/config.mjs",
    "cli/deadline.mjs",
    "cli/duration.mjs",
    "cli/exit-codes.mjs",
    "cli/follow.mjs",
    "cli/help.mjs",
    "cli/input.mjs",
    "cli/issues.mjs",
    "cli/main.mjs",
    "cli/output.mjs",
    "cli/params.mjs",
    "cli/progress.mjs",
    "cli/report-error.mjs",
    "js/browser.js",
    "js/errors.d.ts",
    "js/exports.js",
    "js/index.d.ts",
    "js/standard-schema-of.js",
    "js/standard-schema.d.ts",
    "js/standard-schema.js",
    "js/validate.d.ts",
    "js/validate/browser.js",
    "js/validate/exports.js",
    "js/validate/workerd.js",
    "js/workerd.js",
    "package.json",
    "pkg/codearts_deploy_wasm.d.ts",
    "pkg/codearts_deploy_wasm.js",
    "pkg/codearts_deploy_wasm_bg.wasm",
    "pkg/errors.js",
    "pkg/node.js",
    "pkg/validate/node.js",
    "pkg/validate/validate.js",
    "pkg/validate/validate_bg.wasm",
  ];
  assert.deepEqual(files, expected);
  assert.ok(packed.size < 200 * 1024, `the tarball is ${packed.size} bytes`);
});

test("every relative import of a packed .js or .d.ts file points at a packed file", () => {
  const files = new Set(packed.files.map((file) => file.path));
  const missing = [];
  for (const file of files) {
    if (!/\.(m?js|d\.ts)$/.test(file)) continue;
    const text = readFileSync(join(ROOT, file), "utf8");
    for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      let target = posix.normalize(posix.join(posix.dirname(file), specifier));
      if (file.endsWith(".d.ts") && target.endsWith(".js") && !files.has(target)) target = target.replace(/\.js$/, ".d.ts");
      if (!files.has(target)) missing.push(`${file} → ${specifier}`);
    }
  }
  assert.deepEqual(missing, []);
});

test("the package.json users get is complete and every exports target is packed", () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  for (const field of ["name", "version", "description", "license", "type", "types", "exports", "files", "engines", "sideEffects", "keywords"]) {
    assert.ok(manifest[field] !== undefined, `package.json lacks ${field}`);
  }
  assert.equal(manifest.dependencies, undefined, "no runtime dependencies");
  const files = new Set(packed.files.map((file) => file.path));
  const targets = (value) => (typeof value === "string" ? [value] : Object.values(value).flatMap(targets));
  for (const target of targets(manifest.exports)) {
    assert.ok(files.has(target.replace(/^\.\//, "")), `exports → ${target} is not packed`);
  }
  assert.ok(files.has(manifest.types.replace(/^\.\//, "")));
});

test("the tarball installs offline into an empty folder and works from Node ESM and TypeScript", async () => {
  const dir = emptyProject("from-tarball");
  await installOffline(tarball, dir);
  const installed = JSON.parse(readFileSync(join(dir, "node_modules/codearts-deploy-wasm/package.json"), "utf8"));
  assert.equal(installed.name, "codearts-deploy-wasm");
  await useInstalledPackage(dir);
});

test("`npm install <repository folder>` works the same from Node ESM and TypeScript", async () => {
  const dir = emptyProject("from-folder");
  await installOffline(ROOT, dir);
  await useInstalledPackage(dir);
});

// The package in apps built by Vite 8 and webpack 5 with their defaults: no config file, the
// package installed from its `npm pack` tarball and imported by name, exactly as a new user
// would. The app (tests/bundler-apps/) imports EVERY entry of the package's `exports` map (the
// entry file is generated from it, so a new entry is covered as soon as it exists), is served on
// 127.0.0.1 and run in headless Chromium: each entry checks a form in Chinese and keeps its
// error classes after minification; each entry with the client starts a deployment on the local
// CodeArts Deploy service, which counts it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build as viteBuild } from "vite";
import webpack from "webpack";
import { FORM } from "../bundler-apps/app.js";
import { launchChromium, runReportPage, serveStatic, stopServer } from "./helpers/browser.mjs";
import { packedProject } from "./helpers/packed-project.mjs";
import { startService, DEFAULT_TOKEN, SPEC_EXAMPLE_TASK_ID } from "../service/service.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const APPS = join(ROOT, "tests/bundler-apps");
const MANIFEST = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const CJK = /[\u4e00-\u9fff]/u;

/** The import specifier of every JavaScript entry in the exports map ("." and "./x" subpaths). */
const ENTRIES = Object.entries(MANIFEST.exports)
  .filter(([, target]) => typeof target === "object" && target !== null && "browser" in target)
  .map(([subpath]) => (subpath === "." ? MANIFEST.name : `${MANIFEST.name}/${subpath.slice(2)}`));

/** The app's entry module: one `import * as` per package entry, all handed to app.js. */
function entrySource() {
  const imports = ENTRIES.map((specifier, index) => `import * as entry${index} from "${specifier}";`);
  const map = ENTRIES.map((specifier, index) => `  "${specifier}": entry${index},`);
  return `${imports.join("\n")}\nimport { runEntries } from "./app.js";\n\nawait runEntries({\n${map.join("\n")}\n});\n`;
}

/** Runs webpack with `options`; rejects on errors, resolves to the stats as JSON. */
function runWebpack(options) {
  return new Promise((done, fail) => {
    const compiler = webpack(options);
    compiler.run((error, stats) =>
      compiler.close(() => {
        if (error) return fail(error);
        if (stats.hasErrors()) return fail(new Error(stats.toString("errors-only")));
        done(stats.toJson({ all: false, warnings: true }));
      }),
    );
  });
}

// What each tool needs in the project, and how it builds: its defaults, pointed at the project.
const BUNDLERS = {
  vite: {
    entry: "src/main.js",
    // `vite build` in the project: index.html is the entry, output in dist/. `configFile: false`
    // makes sure no config is read; `root` is the folder `vite build` would run in.
    async build(dir) {
      copyFileSync(join(APPS, "vite/index.html"), join(dir, "index.html"));
      await viteBuild({ root: dir, configFile: false, logLevel: "warn" });
    },
  },
  webpack: {
    entry: "src/index.js",
    // `webpack` in the project with no config: entry ./src/index.js, output dist/main.js, mode
    // production. `context` and `output.path` restate those defaults for this folder. The page
    // that loads dist/main.js is the user's own (webpack emits no HTML without a plugin).
    async build(dir) {
      const { warnings } = await runWebpack({ context: dir, output: { path: join(dir, "dist") } });
      // Expected: no `mode` given, and the size hints (advice about a .wasm near 244 KiB).
      const advice = /'mode' option has not been set|size limit|performance recommendations/;
      const unexpected = warnings.filter(({ message }) => !advice.test(message));
      assert.deepEqual(unexpected.map(({ message }) => message), [], "webpack warned");
      copyFileSync(join(APPS, "webpack/index.html"), join(dir, "dist/index.html"));
    },
  },
};

let service, browser;
const projects = [];
const sites = {};
/** Node's view of each entry: its export names, and whether it has the client. */
const nodeEntries = {};

before(async () => {
  service = await startService({ anyTask: true });
  browser = await launchChromium();
  for (const specifier of ENTRIES) nodeEntries[specifier] = await import(specifier);
});

after(async () => {
  await browser?.close();
  await service?.close();
  for (const project of projects) project.remove();
});

test("the apps import every JavaScript entry of the exports map", () => {
  assert.ok(ENTRIES.includes(MANIFEST.name));
  const exported = Object.keys(MANIFEST.exports).filter((subpath) => !/\.(wasm|json)$/.test(subpath));
  assert.equal(ENTRIES.length, exported.length, `every JS subpath has a browser condition: ${exported}`);
});

for (const [bundler, { entry, build }] of Object.entries(BUNDLERS)) {
  test(`${bundler} builds the app with its defaults: minified, the .wasm emitted, no Node code`, async () => {
    const project = await packedProject(bundler);
    projects.push(project);
    mkdirSync(join(project.dir, "src"));
    copyFileSync(join(APPS, "app.js"), join(project.dir, "src/app.js"));
    writeFileSync(join(project.dir, entry), entrySource());
    await build(project.dir);
    const dist = join(project.dir, "dist");
    const files = readdirSync(dist, { recursive: true }).map(String);
    const scripts = files.filter((name) => name.endsWith(".js"));
    const modules = files.filter((name) => name.endsWith(".wasm"));
    assert.ok(scripts.length > 0 && modules.length > 0, `emitted: ${files.join(", ")}`);
    for (const name of scripts) {
      const code = readFileSync(join(dist, name), "utf8");
      assert.ok(!/node:fs|readFileSync/.test(code), `${name} must not carry the Node entry`);
      assert.ok(code.split("\n").length < 50, `${name} is minified`);
    }
    for (const name of modules) assert.ok(WebAssembly.validate(readFileSync(join(dist, name))), `${name} is a valid module`);
    sites[bundler] = { dist, modules };
  });

  test(`${bundler}: in Chromium every entry checks a form in Chinese and keeps its error classes; the client starts a deployment`, async (t) => {
    const site = sites[bundler];
    assert.ok(site, `the ${bundler} build failed`);
    const served = [];
    const server = await serveStatic(site.dist, served);
    t.after(() => stopServer(server));
    service.reset();

    const query = new URLSearchParams({ endpoint: service.url, token: DEFAULT_TOKEN, taskId: SPEC_EXAMPLE_TASK_ID });
    const { text, problems, wasmStatuses } = await runReportPage(browser, `http://127.0.0.1:${server.address().port}/?${query}`);

    // The app's own 401 (wrong token) is logged by Chromium as a failed resource load; nothing else may be.
    const unexpected = problems.filter((line) => !/status of 401/.test(line));
    assert.deepEqual(unexpected, [], `the page reported errors:\n${problems.join("\n")}\n${text}`);
    const report = JSON.parse(text);
    assert.deepEqual(Object.keys(report), ENTRIES);
    assert.ok(wasmStatuses.length > 0 && wasmStatuses.every((status) => status === 200), `.wasm answers: ${wasmStatuses}`);
    assert.ok(site.modules.every((name) => served.includes(`/${name}`)), `every emitted .wasm was loaded: ${served}`);

    const chinese = (api) =>
      api.validateStartDeployTask(FORM, { locale: "zh-CN" }).issues.map(({ path, code, message }) => ({ field: path.join("."), code, message }));
    let clients = 0;
    for (const specifier of ENTRIES) {
      const api = nodeEntries[specifier];
      const got = report[specifier];
      assert.equal(got.failure, undefined, `${specifier}: ${got.failure}`);
      assert.deepEqual(got.exports, Object.keys(api).sort(), `${specifier}: the same exports as in Node`);

      const expected = chinese(api);
      assert.deepEqual(expected.map(({ field, code }) => `${field} ${code}`), ["taskId length", "params.0.value forbidden_sequence"]);
      assert.ok(expected.every(({ message }) => CJK.test(message)), "messages in Chinese");
      assert.deepEqual(got.formIssues, expected, `${specifier}: validateStartDeployTask in the page`);
      assert.deepEqual(got.schemaIssues, expected, `${specifier}: the Standard Schema in the page`);
      const classes = { ofClass: true, ofBase: true, ofError: true, ofEveryEntry: true };
      assert.deepEqual(got.configError, { name: "ConfigError", code: "ERR_CONFIG", ...classes });

      if (!api.CodeArtsDeployClient) continue;
      clients += 1;
      assert.match(got.record.id, /^[0-9a-f]{32}$/);
      assert.equal(got.record.taskId, SPEC_EXAMPLE_TASK_ID);
      assert.deepEqual(got.validationError, { name: "ValidationError", code: "ERR_VALIDATION", ...classes });
      assert.deepEqual(got.deployApiError, { name: "DeployApiError", code: "ERR_DEPLOY_API", ...classes, errorCode: "APIGW.0301" });
    }
    assert.ok(clients > 0, "the main entry has the client");
    const stats = service.stats();
    assert.equal(stats.starts, clients, "one deployment started per entry with the client");
    assert.equal(stats.requests, 2 * clients, "the started one and the refused one; the invalid input sent nothing");
  });
}

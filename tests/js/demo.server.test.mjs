// The demo server (scripts/demo.mjs): the page, the package's published files and the local
// service on one port; no path leaves www/ or the package's `files`; correct media types.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { request } from "node:http";
import { after, before, test } from "node:test";
import { resolveStaticPath, startDemo } from "../../scripts/demo.mjs";

let demo;
before(async () => {
  demo = await startDemo({ port: 0 });
});
after(() => demo?.close());

/** A raw GET (the path is sent exactly as given, unlike fetch, which normalises `..`). */
function get(path, method = "GET") {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: demo.port, path, method }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("serves the page, its modules and the package with the right media types", async () => {
  const cases = [
    ["/", "text/html; charset=utf-8"],
    ["/app.js", "text/javascript; charset=utf-8"],
    ["/style.css", "text/css; charset=utf-8"],
    ["/favicon.svg", "image/svg+xml"],
    ["/node_modules/codearts-deploy-wasm/js/browser.js", "text/javascript; charset=utf-8"],
    ["/node_modules/codearts-deploy-wasm/pkg/codearts_deploy_wasm.js", "text/javascript; charset=utf-8"],
    ["/node_modules/codearts-deploy-wasm/pkg/codearts_deploy_wasm_bg.wasm", "application/wasm"],
    ["/node_modules/codearts-deploy-wasm/package.json", "application/json; charset=utf-8"],
  ];
  for (const [path, type] of cases) {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers["content-type"], type, path);
    assert.equal(res.headers["x-content-type-options"], "nosniff", path);
  }
  const wasm = await get("/node_modules/codearts-deploy-wasm/pkg/codearts_deploy_wasm_bg.wasm");
  assert.deepEqual([...wasm.body.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d], "a wasm module");
});

test("the page's CSP allows its import map by hash and WebAssembly, nothing inline else", async () => {
  const res = await get("/");
  const html = res.body.toString("utf8");
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)[1];
  assert.equal(JSON.parse(importMap).imports["codearts-deploy-wasm"], "/node_modules/codearts-deploy-wasm/js/browser.js");
  const hash = createHash("sha256").update(importMap).digest("base64");
  const csp = res.headers["content-security-policy"];
  assert.match(csp, new RegExp(`script-src 'self' 'wasm-unsafe-eval' 'sha256-${hash.replace(/[+/]/g, "\\$&")}'`));
  assert.doesNotMatch(csp, /unsafe-inline/);
});

test("refuses path traversal and files outside the package's `files`", async () => {
  const refused = {
    "/../package.json": 403,
    "/%2e%2e/package.json": 403,
    "/%2E%2E%2Fscripts%2Fdemo.mjs": 403,
    "/node_modules/codearts-deploy-wasm/js/../../Cargo.toml": 403,
    "/node_modules/codearts-deploy-wasm/js/..%2F..%2FCargo.toml": 403,
    "/node_modules/codearts-deploy-wasm/..%5c..%5cCargo.toml": 400,
    "/%00": 400,
    "/%ff": 400,
    "/node_modules/codearts-deploy-wasm/Cargo.toml": 404,
    "/node_modules/codearts-deploy-wasm/src/lib.rs": 404,
    "/node_modules/codearts-deploy-wasm/pkg/codearts_deploy_wasm_bg.wasm.d.ts": 404,
    "/node_modules/codearts-deploy-wasm/": 404,
    "/no-such-file.js": 404,
  };
  for (const [path, status] of Object.entries(refused)) {
    const res = await get(path);
    assert.equal(res.status, status, path);
    assert.doesNotMatch(res.body.toString("utf8"), /\[package\]|"devDependencies"|createServer/, path);
  }
  assert.equal((await get("/", "POST")).status, 405);
  assert.equal((await get("/app.js", "HEAD")).status, 200);
});

test("resolveStaticPath keeps every path inside its root", () => {
  assert.deepEqual(resolveStaticPath("/srv/www", "/"), { file: "/srv/www/index.html", relative: "" });
  assert.deepEqual(resolveStaticPath("/srv/www", "/a/b.js"), { file: "/srv/www/a/b.js", relative: "a/b.js" });
  assert.deepEqual(resolveStaticPath("/srv/www", "/a/%2e%2e/b"), { status: 403 });
  assert.deepEqual(resolveStaticPath("/srv/www", "/./b"), { status: 403 });
  assert.deepEqual(resolveStaticPath("/srv/www", "/a%5cb"), { status: 400 });
});

test("mounts the local service and the demo token on the same port", async () => {
  const config = JSON.parse((await get("/__demo/config.json")).body);
  assert.equal(config.token, demo.token);
  const before = demo.stats().starts;
  const res = await fetch(`${demo.url}/v2/tasks/${config.taskIds[0]}/start`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Auth-Token": demo.token },
    body: JSON.stringify({ trigger_source: "0" }),
  });
  assert.equal(res.status, 200);
  assert.match((await res.json()).id, /^[0-9a-f]{32}$/);
  assert.equal(demo.stats().starts, before + 1);
});

// The package's runtime files (the .wasm, the wasm-bindgen glue, the error classes and the js/
// entry files, found by following each runtime entry's imports) must stay within the gzip
// budget written in size-budget.json. gzip runs at a fixed level (9) on each file, so the
// figure is deterministic for a given build and Node version. Needs a built pkg/
// (`npm run build`; the test command builds first).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync, gunzipSync } from "node:zlib";
import { measureRuntimeFiles, sizes, ROOT } from "../../bench/lib/runtime-files.mjs";
import { measureValidateBundle } from "../../bench/lib/validate-bundle.mjs";

const budget = JSON.parse(readFileSync(new URL("../../size-budget.json", import.meta.url), "utf8"));
const measured = measureRuntimeFiles();

test("the runtime files include the .wasm, the glue and every runtime's entry", () => {
  const names = measured.files.map((f) => f.file);
  assert.ok(names.includes("pkg/codearts_deploy_wasm_bg.wasm"), names.join(", "));
  assert.ok(names.includes("pkg/codearts_deploy_wasm.js"), names.join(", "));
  for (const runtime of ["browser", "node", "workerd"]) assert.ok(measured.perRuntime[runtime], runtime);
});

test("the measured figure is each runtime file's own level-9 gzip, read afresh from disk, summed", () => {
  let total = 0;
  for (const { file, raw, gzip } of measured.files) {
    const bytes = readFileSync(`${ROOT}${file}`);
    const compressed = gzipSync(bytes, { level: 9 });
    assert.equal(raw, bytes.length, file);
    assert.equal(gzip, compressed.length, file);
    assert.ok(gunzipSync(compressed).equals(bytes), `${file}: the gzip measured decompresses to the file`);
    total += gzip;
  }
  assert.equal(measured.total.gzip, total);
  const wasm = measured.files.find((f) => f.file.endsWith(".wasm"));
  assert.ok(wasm.gzip < wasm.raw, "the .wasm compresses");
  assert.equal(sizes(Buffer.alloc(0), false).raw, 0);
});

test("every runtime's total is at most the union's, and each counts its .wasm", () => {
  const wasmGzip = measured.wasm.gzip;
  assert.ok(wasmGzip > 0);
  for (const [runtime, total] of Object.entries(measured.perRuntime)) {
    assert.ok(total.gzip <= measured.total.gzip, runtime);
    assert.ok(total.gzip > wasmGzip, `${runtime} counts the .wasm and its glue`);
  }
});

test(`the gzip size of the runtime files stays within the budget (${budget.gzipBytes} bytes)`, () => {
  const table = measured.files.map((f) => `  ${f.file}: ${f.raw} raw, ${f.gzip} gzip`).join("\n");
  assert.ok(
    measured.total.gzip <= budget.gzipBytes,
    `runtime files are ${measured.total.gzip} bytes gzip, over the budget of ${budget.gzipBytes} ` +
      `(size-budget.json) by ${measured.total.gzip - budget.gzipBytes}:\n${table}`,
  );
});

test(`a page that only validates downloads at most ${budget.validateBundleGzipBytes} bytes gzip (bundle + validate-only .wasm)`, async () => {
  const { js, wasm, total, bundle } = await measureValidateBundle();
  assert.ok(!bundle.includes("codearts_deploy_wasm_bg.wasm"), "the validate-only bundle must not point at the full module");
  assert.ok(
    total.gzip <= budget.validateBundleGzipBytes,
    `bundle ${js.gzip} + .wasm ${wasm.gzip} = ${total.gzip} bytes gzip, over the budget of ${budget.validateBundleGzipBytes} (size-budget.json)`,
  );
});

// The bytes a page that only validates downloads: an esbuild browser bundle (the `browser`
// condition, minified) of `import { validateStartDeployTask } from "codearts-deploy-wasm/validate"`
// plus the .wasm it fetches, each gzipped on its own. Shared by the bench (bench/suites/size.mjs)
// and tests/js/size-budget.test.mjs, so that both count the same bytes.

import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { sizes, ROOT } from "./runtime-files.mjs";

/** Bundles the validate-only entry as an app would and returns its sizes and the .wasm's. */
export async function measureValidateBundle(root = ROOT) {
  const dir = mkdtempSync(join(tmpdir(), "codearts-validate-bundle-"));
  try {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(root, join(dir, "node_modules", "codearts-deploy-wasm"), "dir");
    const app = join(dir, "app.mjs");
    writeFileSync(
      app,
      'import { validateStartDeployTask } from "codearts-deploy-wasm/validate";\n' +
        "globalThis.validate = validateStartDeployTask;\n",
    );
    const outfile = join(dir, "app.bundle.js");
    await build({
      entryPoints: [app],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      outfile,
      // The .wasm is fetched by URL (new URL(…, import.meta.url)), not bundled: counted apart.
      supported: { "top-level-await": true },
      logLevel: "warning",
    });
    const js = sizes(readFileSync(outfile), true);
    const wasm = sizes(readFileSync(join(root, "pkg/validate/validate_bg.wasm")), false);
    const total = { raw: js.raw + wasm.raw, gzip: js.gzip + wasm.gzip, brotli: js.brotli + wasm.brotli };
    return { js, wasm, total, bundle: readFileSync(outfile, "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

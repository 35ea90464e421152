// The package's TypeScript types, checked by tsc as users compile them: a strict consumer that
// uses every export compiles under both `node16` and `bundler` module resolution, with the
// default libs (`ES2022`, `DOM`) and `skipLibCheck: false` (so the shipped .d.ts files are
// checked too), and each misuse in tests/types/misuse/ fails with exactly the diagnostic its
// `// expect: TSxxxx` line names.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runTsc } from "./helpers/tsc.mjs";

const TYPES = fileURLToPath(new URL("../types/", import.meta.url));
const MISUSE = readdirSync(new URL("../types/misuse/", import.meta.url)).filter((name) => name.endsWith(".ts"));

/** The `// expect: TSxxxx` markers of a misuse file, as "line TSxxxx" strings for the next line. */
function expectations(name) {
  const lines = readFileSync(new URL(`../types/misuse/${name}`, import.meta.url), "utf8").split("\n");
  return lines.flatMap((line, index) => {
    const match = /^\s*\/\/ expect: (TS\d+)\s*$/.exec(line);
    return match ? [`${index + 2} ${match[1]}`] : [];
  });
}

// tsconfig.json has `lib: ["ES2022", "DOM"]`, the defaults a consumer may have; the last mode
// adds `ESNext.Disposable`, whose `Symbol.dispose` the package's own declaration merges with.
const modes = {
  node16: [],
  bundler: ["--module", "esnext", "--moduleResolution", "bundler"],
  "node16, lib ESNext.Disposable": ["--lib", "ES2022,DOM,ESNext.Disposable"],
};

for (const [mode, args] of Object.entries(modes)) {
  test(`strict tsc (${mode} resolution): the consumer compiles and every misuse fails as expected`, async () => {
    const { exitCode, diagnostics, output } = await runTsc(["-p", "tsconfig.json", ...args], { cwd: TYPES });
    assert.notEqual(exitCode, 0, "the misuse files must make tsc fail");
    const outside = diagnostics.filter((d) => !d.file.startsWith("misuse/"));
    assert.deepEqual(outside, [], `the consumer and the package's .d.ts files must compile:\n${output}`);
    for (const name of MISUSE) {
      const expected = expectations(name);
      assert.ok(expected.length > 0, `${name} has no expect markers`);
      const actual = diagnostics.filter((d) => d.file === `misuse/${name}`).map((d) => `${d.line} ${d.code}`);
      assert.deepEqual(actual.sort(), expected.sort(), `${name}: diagnostics differ from its markers:\n${output}`);
    }
  });
}

test("the consumer imports every runtime export of the package", async () => {
  const api = await import("codearts-deploy-wasm");
  const consumer = readFileSync(new URL("../types/consumer.ts", import.meta.url), "utf8");
  const imported = /import \{([^}]*)\} from "codearts-deploy-wasm"/.exec(consumer)[1];
  const names = imported.split(",").map((name) => name.trim()).filter(Boolean);
  assert.deepEqual(names.sort(), Object.keys(api).sort());
});

// Runs the TypeScript compiler of the repository's devDependencies and parses its diagnostics.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { relative, resolve } from "node:path";

const require = createRequire(import.meta.url);
/** The path of `tsc`'s script (run with this Node, so no shell and no PATH are involved). */
export const TSC = require.resolve("typescript/bin/tsc");

/**
 * Runs `tsc ...args` in `cwd` and resolves (never rejects on compile errors) to
 * `{ exitCode, output, diagnostics: [{ file, line, column, code, message }] }`, `file` relative
 * to `cwd` with `/` separators.
 */
export function runTsc(args, { cwd }) {
  return new Promise((done, fail) => {
    execFile(process.execPath, [TSC, "--pretty", "false", ...args], { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") return fail(error);
      const output = `${stdout}${stderr}`;
      const diagnostics = [];
      for (const line of output.split("\n")) {
        const match = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
        if (!match) continue;
        const [, file, row, column, code, message] = match;
        diagnostics.push({
          file: relative(cwd, resolve(cwd, file)).split("\\").join("/"),
          line: Number(row),
          column: Number(column),
          code,
          message,
        });
      }
      done({ exitCode: error ? error.code : 0, output, diagnostics });
    });
  });
}

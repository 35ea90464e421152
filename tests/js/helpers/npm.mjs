// npm as the tests use it: quiet, offline installs, the package packed into a temporary folder
// and empty ESM projects to install it into.
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/** The repository (the package's folder). */
export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const run = promisify(execFile);
// npm quietly: no audit, no fund, no update check, no network beyond what --offline forbids.
const NPM_ENV = {
  ...process.env,
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
  npm_config_loglevel: "warn",
};

/** Runs `npm args` in `cwd`; resolves with `{ stdout, stderr }`. */
export const npm = (args, cwd) => run("npm", args, { cwd, env: NPM_ENV, timeout: 120_000 });

/** Packs the package into `dir`; resolves with npm's description of the tarball and its path. */
export async function packInto(dir) {
  const { stdout } = await npm(["pack", "--json", "--pack-destination", dir], ROOT);
  const [packed] = JSON.parse(stdout);
  return { packed, tarball: join(dir, packed.filename) };
}

/** An empty ESM project in `parent/<name>`. */
export function emptyProject(parent, name) {
  const dir = join(parent, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, version: "1.0.0", private: true, type: "module" }));
  return dir;
}

/** Installs `what` (a tarball or a folder) into `dir` without the network. */
export const installOffline = (what, dir) => npm(["install", "--offline", "--no-audit", "--no-fund", what], dir);

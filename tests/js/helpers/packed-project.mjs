// A throwaway project with the package installed as a user gets it: `npm pack` of this checkout
// unpacked into `node_modules/codearts-deploy-wasm` (what `npm install` does for a package with
// no dependencies), next to a package.json that depends on it. Nothing is fetched.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const run = promisify(execFile);

/** Creates the project in a new temporary folder; resolves to `{ dir, remove() }`. */
export async function packedProject(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `codearts-${prefix}-`));
  try {
    const env = { ...process.env, npm_config_update_notifier: "false", npm_config_loglevel: "warn" };
    const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", dir], { cwd: ROOT, env, timeout: 120_000 });
    const [{ filename, version }] = JSON.parse(stdout);
    const installed = join(dir, "node_modules/codearts-deploy-wasm");
    mkdirSync(installed, { recursive: true });
    await run("tar", ["-xzf", join(dir, filename), "-C", installed, "--strip-components=1"], { timeout: 60_000 });
    rmSync(join(dir, filename));
    const manifest = { name: `${prefix}-app`, private: true, type: "module", dependencies: { "codearts-deploy-wasm": version } };
    writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

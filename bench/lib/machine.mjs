// The machine and tool versions a bench run is recorded with.
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import os from "node:os";
import { createRequire } from "node:module";

const read = (path) => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
};
const run = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
  } catch {
    return "unknown";
  }
};

export function machine(root) {
  const cpuinfo = read("/proc/cpuinfo");
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown";
  const osRelease = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(read("/etc/os-release"))?.[1] ?? `${os.type()} ${os.release()}`;
  const require = createRequire(`${root}package.json`);
  const version = (name) => {
    try {
      return require(`${name}/package.json`).version;
    } catch {
      return "unknown";
    }
  };
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    cpu: model,
    cores: os.cpus().length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${osRelease} (${os.type()} ${os.release()}, ${os.arch()})`,
    node: process.version,
    loadavg: os.loadavg().map((x) => x.toFixed(2)).join(" "),
    rustc: run("rustc", ["--version"]),
    versions: {
      ajv: version("ajv"),
      "@huaweicloud/huaweicloud-sdk-core": version("@huaweicloud/huaweicloud-sdk-core"),
      esbuild: version("esbuild"),
      miniflare: version("miniflare"),
      workerd: version("workerd"),
      binaryen: version("binaryen"),
    },
  };
}

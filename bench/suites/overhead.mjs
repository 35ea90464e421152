// c. Per-call overhead: client.startDeployTask vs a hand-written fetch + JSON.stringify + token
// header (+ res.json()), against the local service on loopback, 2,000 calls each. The service
// runs in a child process (tests/service/cli.mjs) so that its work does not land in the
// measuring process; both clients use Node's global fetch (undici) with keep-alive.

import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { CodeArtsDeployClient } from "codearts-deploy-wasm";
import { TASK_ID } from "../corpus.mjs";
import { compareAsync } from "../lib/measure.mjs";

const SERVICE = fileURLToPath(new URL("../../tests/service/cli.mjs", import.meta.url));
const TOKEN = "bench-token";

/** Starts the local service in a child process; resolves to `{ url, stop() }`. */
export async function startServiceProcess() {
  const child = spawn(process.execPath, [SERVICE, "--port", "0", "--any-task", "--quiet", "--token", TOKEN], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`local service exited with ${code}`)));
    createInterface({ input: child.stdout }).once("line", resolve);
  });
  const { url } = JSON.parse(line);
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
}

const input = {
  taskId: TASK_ID,
  params: [
    { key: "string", value: "test", type: "text" },
    { key: "env", value: "e3144513a4094398857c992606ccba12", type: "host_group" },
    { key: "enum", value: "value1", type: "enum" },
  ],
  triggerSource: "0",
};

export async function run({ calls = 2000 } = {}) {
  const service = await startServiceProcess();
  try {
    const client = new CodeArtsDeployClient({ endpoint: service.url, token: TOKEN });
    const url = `${service.url}/v2/tasks/${input.taskId}/start`;
    const ours = async () => {
      const record = await client.startDeployTask(input);
      if (!record.id) throw new Error("no record id");
    };
    const theirs = async () => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Auth-Token": TOKEN },
        body: JSON.stringify({ params: input.params, trigger_source: input.triggerSource }),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const record = await response.json();
      if (!record.id) throw new Error("no record id");
    };
    const result = await compareAsync(ours, theirs, { calls });
    return [
      {
        group: "Per call",
        name: `startDeployTask vs fetch + JSON.stringify + token, loopback, ${calls.toLocaleString("en-US")} calls each`,
        ours: result.ours,
        theirs: result.theirs,
        note: "latency per call",
      },
    ];
  } finally {
    await service.stop();
  }
}

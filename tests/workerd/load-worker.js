// A Worker that starts many deployments at once from one isolate: POST /load with
// `{ endpoint, token, count }` fires `count` concurrent startDeployTask calls (each with its own
// task id) and answers `{ succeeded, failed, errors, ms, wasmMemoryBytes }`. Used by
// tests/js/load.test.mjs.
import { CodeArtsDeployClient } from "codearts-deploy-wasm";
import { initSync } from "../../pkg/codearts_deploy_wasm.js";

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

export default {
  async fetch(request) {
    const { endpoint, token, count } = await request.json();
    const client = new CodeArtsDeployClient({ endpoint, token, timeoutMs: 60_000 });
    const started = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: count }, () =>
        client.startDeployTask({ taskId: hex(crypto.getRandomValues(new Uint8Array(16))), triggerSource: "0" }),
      ),
    );
    const errors = results.filter((r) => r.status === "rejected").map((r) => `${r.reason?.name}: ${r.reason?.message}`);
    return Response.json({
      succeeded: results.length - errors.length,
      failed: errors.length,
      errors: errors.slice(0, 5),
      ms: Date.now() - started,
      wasmMemoryBytes: initSync().memory.buffer.byteLength,
    });
  },
};

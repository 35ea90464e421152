// The client's `fetch` option inside workerd (Miniflare): a service binding's `env.SVC.fetch`
// carries every request to the local service (the binding is a Node function here, as a
// Worker-to-Worker binding would be), and a fetch that misbehaves ends the call with a typed
// error while the Worker keeps serving.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { bundleWorker, startWorker } from "./helpers/worker.mjs";
import { startService, DEFAULT_TOKEN, SPEC_EXAMPLE_TASK_ID } from "../service/service.mjs";

const input = { taskId: SPEC_EXAMPLE_TASK_ID, triggerSource: "1" };
let service, mf, bundle;
const seen = [];

before(async () => {
  service = await startService({ anyTask: true });
  bundle = await bundleWorker(fileURLToPath(new URL("../workerd/fetch-option-worker.js", import.meta.url)));
  const SVC = async (request) => {
    const url = new URL(request.url);
    seen.push({ host: url.host, method: request.method });
    return fetch(`${service.url}${url.pathname}`, { method: request.method, headers: request.headers, body: await request.text() });
  };
  mf = await startWorker({ ...bundle, bindings: { CODEARTS_TOKEN: DEFAULT_TOKEN }, serviceBindings: { SVC } });
});

after(async () => {
  await mf?.dispose();
  await service?.close();
  bundle?.dispose();
});

const call = async (body) => (await mf.dispatchFetch("http://worker/", { method: "POST", body: JSON.stringify(body) })).json();

test("a Worker's client sends through a service binding given as the fetch option", async () => {
  service.reset();
  seen.length = 0;
  const result = await call({ via: "binding", input });
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.equal(result.record.taskId, SPEC_EXAMPLE_TASK_ID);
  assert.deepEqual(seen, [{ host: "codearts.internal", method: "POST" }]);
  assert.equal(service.stats().starts, 1);
});

const MISBEHAVING = {
  plainObject: "NetworkError",
  rejectsString: "NetworkError",
  rejectsUndefined: "NetworkError",
  throwsSync: "NetworkError",
  neverSettles: "TimeoutError",
  endlessBody: "TimeoutError",
};

for (const [via, name] of Object.entries(MISBEHAVING)) {
  test(`in a Worker, a fetch option that misbehaves (${via}) is a ${name}; the Worker keeps serving`, async () => {
    const result = await call({ via, input, timeoutMs: 300 });
    assert.equal(result.ok, false);
    assert.equal(result.error?.name, name, JSON.stringify(result));
    // Nothing proves the misbehaving fetch did not send the request: the deployment may have started.
    assert.equal(result.error.mayHaveStarted, true);
    const next = await call({ via: "binding", input });
    assert.equal(next.ok, true, JSON.stringify(next));
  });
}

test("env.SVC.fetch.bind(env.SVC) works as the option; an unbound env.SVC.fetch is a typed NetworkError", async () => {
  const bound = await call({ via: "bound", input });
  assert.equal(bound.ok, true, JSON.stringify(bound));
  const unbound = await call({ via: "unbound", input });
  assert.equal(unbound.error?.name, "NetworkError", JSON.stringify(unbound));
  assert.match(unbound.error.message, /Illegal invocation/);
});

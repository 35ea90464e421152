// A `fetch` that does not behave, in Node: as the client's `fetch` option and as the global
// `fetch`. Each misbehaviour (resolves to something that is not a Response, rejects with a
// non-Error, throws synchronously, never settles, hands back a body that never ends and ignores
// the abort) must end the call with a typed error by its deadline; the next call on the same
// module must succeed; nothing may escape as an uncaught exception or unhandled rejection.
// "Settled" is proven by racing each call against a generous guard timer, never by timing it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import {
  CodeArtsDeployClient,
  ConfigError,
  NetworkError,
  ResponseFormatError,
  TimeoutError,
  DeployApiError,
} from "codearts-deploy-wasm";
import { startService, DEFAULT_TOKEN } from "../service/service.mjs";

/** How long a call may take past its deadline before the test calls it hung (not a limit on speed). */
const GUARD_MS = 20_000;
const TIMEOUT_MS = 300;

let service;
const escaped = [];
const onEscape = (error) => escaped.push(error);
before(async () => {
  service = await startService({ anyTask: true });
  process.on("uncaughtException", onEscape);
  process.on("unhandledRejection", onEscape);
});
after(async () => {
  process.off("uncaughtException", onEscape);
  process.off("unhandledRejection", onEscape);
  await service.close();
});

const input = () => ({ taskId: randomBytes(16).toString("hex"), triggerSource: "0" });

/** `promise`'s outcome, or "hung" when it has not settled `GUARD_MS` after the call's deadline. */
async function settle(promise, timeoutMs = TIMEOUT_MS) {
  let timer;
  const guard = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ hung: true }), timeoutMs + GUARD_MS);
  });
  try {
    return await Promise.race([promise.then((record) => ({ record }), (error) => ({ error })), guard]);
  } finally {
    clearTimeout(timer);
  }
}

/** A body stream that sends one space and then nothing, ever, ignoring cancellation. */
const endless = () => new ReadableStream({ start(c) { c.enqueue(new Uint8Array([32])); }, pull() { return new Promise(() => {}); } });
const lockedBody = () => {
  const response = new Response('{"id":"x"}', { status: 200 });
  response.body.getReader();
  return response;
};
class HostileResponse extends Response {
  get headers() { throw new Error("headers getter"); }
}

// name → [the fetch function, the class the call must reject with, a pattern for its message].
const MISBEHAVIOURS = {
  "resolves to a plain object": [async () => ({ ok: true, status: 200, json: async () => ({ id: "x" }) }), NetworkError, /not a Response/],
  "resolves to undefined": [async () => undefined, NetworkError, /undefined, not a Response/],
  "resolves to null": [async () => null, NetworkError, /not a Response/],
  "returns a plain object, not a promise": [() => ({ status: 200 }), NetworkError, /not a Response/],
  "resolves to an object with Response's prototype": [async () => Object.create(Response.prototype), NetworkError, /cannot be read/],
  "resolves to a Response whose headers getter throws": [async () => new HostileResponse("{}"), NetworkError, /cannot be read/],
  "rejects with a string": [async () => { throw "boom"; }, NetworkError, /rejected with a string, not an Error/],
  "rejects with undefined": [() => Promise.reject(undefined), NetworkError, /rejected with undefined/],
  "rejects with a plain object": [() => Promise.reject({ code: 1 }), NetworkError, /rejected with an object/],
  "throws an Error synchronously": [() => { throw new TypeError("sync"); }, NetworkError, /sync/],
  "throws a string synchronously": [() => { throw "sync"; }, NetworkError, /threw with a string/],
  "returns a thenable whose then getter throws": [() => ({ get then() { throw "then"; } }), NetworkError, /rejected with a string/],
  "never settles": [() => new Promise(() => {}), TimeoutError, /within 300 ms/],
  "returns a thenable that never calls back": [() => ({ then() {} }), TimeoutError, /within 300 ms/],
  "resolves to a 200 whose body never ends and ignores the abort": [async () => new Response(endless(), { status: 200 }), TimeoutError, /answered 200/],
  "resolves to a 200 whose body was already read": [async () => lockedBody(), ResponseFormatError, /could not be read.*may have started/],
};

for (const [name, [fetch, Class, message]] of Object.entries(MISBEHAVIOURS)) {
  test(`a fetch option that ${name}: ${Class.name}, then the next call works`, { timeout: 60_000 }, async () => {
    const client = new CodeArtsDeployClient({ endpoint: service.url, token: DEFAULT_TOKEN, timeoutMs: TIMEOUT_MS, fetch });
    const outcome = await settle(client.startDeployTask(input()));
    assert.equal(outcome.hung, undefined, "the call did not settle");
    assert.ok(outcome.error instanceof Class, `expected ${Class.name}, got ${outcome.error?.name}: ${outcome.error?.message}`);
    assert.match(outcome.error.message, message);
    assert.equal(outcome.error.attempts, 1);
    const good = new CodeArtsDeployClient({ endpoint: service.url, token: DEFAULT_TOKEN });
    const next = await settle(good.startDeployTask(input()), 3000);
    assert.ok(next.record, String(next.error));
    await new Promise((resolve) => setTimeout(resolve, 20)); // let a late rejection surface
    assert.deepEqual(escaped, []);
  });

  test(`a global fetch that ${name}: ${Class.name}, then the next call works`, { timeout: 60_000 }, async () => {
    const original = globalThis.fetch;
    globalThis.fetch = fetch;
    let outcome;
    try {
      const client = new CodeArtsDeployClient({ endpoint: service.url, token: DEFAULT_TOKEN, timeoutMs: TIMEOUT_MS });
      outcome = await settle(client.startDeployTask(input()));
    } finally {
      globalThis.fetch = original;
    }
    assert.equal(outcome.hung, undefined, "the call did not settle");
    assert.ok(outcome.error instanceof Class, `expected ${Class.name}, got ${outcome.error?.name}: ${outcome.error?.message}`);
    const next = await settle(new CodeArtsDeployClient({ endpoint: service.url, token: DEFAULT_TOKEN }).startDeployTask(input()), 3000);
    assert.ok(next.record, String(next.error));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(escaped, []);
  });
}

test("a misbehaving fetch with every retry opted in: retried as a network error, still typed", { timeout: 60_000 }, async () => {
  let calls = 0;
  const fetch = () => {
    calls += 1;
    return Promise.reject("nope");
  };
  const retry = { networkErrors: true, maxAttempts: 3, baseDelayMs: 10 };
  const client = new CodeArtsDeployClient({ endpoint: service.url, token: DEFAULT_TOKEN, fetch, retry });
  const outcome = await settle(client.startDeployTask(input()), 3000);
  assert.ok(outcome.error instanceof NetworkError, String(outcome.error));
  assert.equal(outcome.error.attempts, 3);
  assert.equal(calls, 3);
});

test("the fetch option is used for every request of the client, with a Request and the call's signal", { timeout: 60_000 }, async () => {
  service.reset();
  const seen = [];
  const fetch = (request, init) => {
    seen.push({ isRequest: request instanceof Request, method: request.method, url: request.url, signal: init?.signal instanceof AbortSignal });
    return globalThis.fetch(request, init);
  };
  const client = new CodeArtsDeployClient({ endpoint: `${service.url}/__fault/throttle=1,retry-after=0`, token: DEFAULT_TOKEN, fetch });
  const outcome = await settle(client.startDeployTask(input()), 3000);
  assert.ok(outcome.record, String(outcome.error));
  assert.equal(seen.length, 2, "the 429 and its retry both went through the option");
  for (const s of seen) assert.deepEqual({ ...s, url: undefined }, { isRequest: true, method: "POST", url: undefined, signal: true });
  assert.equal(service.stats().requests, 2);
});

test("a fetch option that answers by itself (a test double) gives its record", { timeout: 60_000 }, async () => {
  const record = { id: "0ee9c8e6a7dc44109541e53c6dccf47c", task_id: "0ee9c8e6a7dc44109541e53c6dccf47c" };
  const fetch = async () => Response.json(record, { headers: { "x-request-id": "req-1" } });
  const client = new CodeArtsDeployClient({ endpoint: "http://127.0.0.1:9", token: DEFAULT_TOKEN, fetch });
  const outcome = await settle(client.startDeployTask(input()), 3000);
  assert.ok(outcome.record, String(outcome.error));
  assert.equal(outcome.record.id, record.id);
});

test("a fetch option that answers 503 is a DeployApiError like the service's", { timeout: 60_000 }, async () => {
  const fetch = async () => new Response("", { status: 503 });
  const client = new CodeArtsDeployClient({ endpoint: service.url, token: DEFAULT_TOKEN, fetch });
  const outcome = await settle(client.startDeployTask(input()), 3000);
  assert.ok(outcome.error instanceof DeployApiError, String(outcome.error));
  assert.equal(outcome.error.status, 503);
});

test("the fetch option is checked at construction: a non-function is a ConfigError, null means the global fetch", () => {
  for (const fetch of ["fetch", 1, {}, [], true, Symbol("f"), new Proxy({}, {})]) {
    assert.throws(
      () => new CodeArtsDeployClient({ endpoint: service.url, token: DEFAULT_TOKEN, fetch }),
      (error) => error instanceof ConfigError && error.reason === "invalid_fetch" && /config\.fetch must be a function/.test(error.message),
      String(typeof fetch),
    );
  }
  const throwing = Object.defineProperty({ endpoint: service.url, token: DEFAULT_TOKEN }, "fetch", { enumerable: true, get() { throw new Error("getter"); } });
  assert.throws(() => new CodeArtsDeployClient(throwing), (error) => error instanceof ConfigError && error.reason === "unreadable");
  for (const fetch of [undefined, null]) new CodeArtsDeployClient({ endpoint: service.url, token: DEFAULT_TOKEN, fetch });
});

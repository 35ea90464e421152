// Every fault mode of the local service (tests/service/README.md, "Fault modes"), met by the
// package in Node: the right typed error within the call's deadline; retries only where the
// spec's "Retrying" section allows (429 with Retry-After by default; 502/503/504 and network
// errors only when opted in); and the service's own count of started deployments proves how many
// started — never two for one call. Faults the service cannot stage (a huge body without
// Content-Length, a connection reset mid-body, a 429 without Retry-After) come from a small
// server in this file.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import {
  CodeArtsDeployClient,
  DeployApiError,
  TimeoutError,
  NetworkError,
  ResponseFormatError,
  ValidationError,
  ConfigError,
  AbortError,
} from "codearts-deploy-wasm";
import { startService, DEFAULT_TOKEN } from "../service/service.mjs";
import { wasmMemoryBytes, mib } from "./helpers/wasm-memory.mjs";
import { FAULTS, OPT_IN } from "./helpers/fault-cases.mjs";

const CLASSES = { TimeoutError, NetworkError, DeployApiError, ResponseFormatError };

/** Slack over a call's timeoutMs for the sanity check on elapsed time (not a performance bound). */
const SLACK_MS = 3000;

let service;
before(async () => {
  service = await startService({ anyTask: true });
});
after(() => service.close());
beforeEach(() => service.reset());

const newTaskId = () => randomBytes(16).toString("hex");

/** Runs one call and returns `{ record | error, ms }`. */
async function call(endpoint, { retry, timeoutMs = 3000, taskId = newTaskId(), params } = {}) {
  const client = new CodeArtsDeployClient({ endpoint, token: DEFAULT_TOKEN, timeoutMs, ...(retry ? { retry } : {}) });
  const started = performance.now();
  try {
    const record = await client.startDeployTask({ taskId, params, triggerSource: "0" });
    return { record, taskId, ms: performance.now() - started };
  } catch (error) {
    return { error, taskId, ms: performance.now() - started };
  }
}

/** Waits until the service has answered (or seen the end of) every request it received. */
async function settled() {
  for (let i = 0; i < 200; i++) {
    const s = service.stats();
    if (s.requests === s.starts + s.rejected) return s;
    await new Promise((r) => setTimeout(r, 25));
  }
  return service.stats();
}

for (const fault of FAULTS) {
  for (const policy of ["default", "opt-in"]) {
    const want = { ...fault, ...(policy === "opt-in" ? fault.optIn : {}) };
    const what = fault.className ? `${fault.className}${fault.status ? ` ${fault.status}` : ""}` : "success";
    test(`fault ${fault.spec}, ${policy} retry policy: ${what}, ${want.requests} request(s), ${want.starts} start(s)`, { timeout: 30_000 }, async () => {
      const timeoutMs = fault.timeoutMs ?? 3000;
      const result = await call(`${service.url}/__fault/${fault.spec}`, {
        timeoutMs,
        retry: policy === "opt-in" ? OPT_IN : undefined,
      });
      if (fault.className === null) {
        assert.equal(result.error, undefined, String(result.error));
        assert.equal(result.record.taskId, result.taskId);
      } else {
        const { error } = result;
        assert.ok(error instanceof CLASSES[fault.className], `expected ${fault.className}, got ${error?.name}: ${error?.message}`);
        if (want.status !== undefined) assert.equal(error.status, want.status);
        if (want.errorCode !== undefined) assert.equal(error.errorCode, want.errorCode);
        if (want.kind !== undefined) assert.equal(error.kind, want.kind);
        assert.equal(error.attempts, want.attempts, "attempts");
        if (want.message) assert.match(error.message, want.message);
        if (error instanceof TimeoutError) assert.equal(error.timeoutMs, timeoutMs);
        assert.equal(error.mayHaveStarted, want.mayHaveStarted, "mayHaveStarted");
      }
      assert.ok(result.ms < timeoutMs + SLACK_MS, `answered after ${Math.round(result.ms)} ms (deadline ${timeoutMs} ms)`);
      const stats = await settled();
      assert.equal(stats.requests, want.requests, "requests the service received");
      assert.equal(stats.starts, want.starts, "deployments the service started");
      assert.ok((stats.startsByTask[result.taskId] ?? 0) <= 1, "never two deployments for one call");
    });
  }
}

test("every fault at once, all retries opted in: no call starts two deployments", { timeout: 30_000 }, async () => {
  const results = await Promise.all(
    FAULTS.flatMap((fault) =>
      [0, 1, 2].map(() => call(`${service.url}/__fault/${fault.spec}`, { timeoutMs: fault.timeoutMs ?? 3000, retry: OPT_IN })),
    ),
  );
  const stats = await settled();
  for (const { taskId } of results) assert.ok((stats.startsByTask[taskId] ?? 0) <= 1, taskId);
  const succeeded = results.filter((r) => r.record).length;
  assert.ok(stats.starts >= succeeded);
  assert.equal(Object.values(stats.startsByTask).reduce((a, b) => a + b, 0), stats.starts);
});

test("a 20 MB answer with Content-Length is refused unread: the module's memory does not grow by it", { timeout: 30_000 }, async () => {
  await call(`${service.url}/__fault/huge=1.5`); // warm the path once
  const before = wasmMemoryBytes();
  const { error } = await call(`${service.url}/__fault/huge=20`, { timeoutMs: 10000 });
  assert.ok(error instanceof ResponseFormatError);
  const grown = wasmMemoryBytes() - before;
  assert.ok(grown < 2 * 1048576, `memory grew by ${mib(grown)}`);
});

// ---------------------------------------------------------------------------------------------
// Faults the local service does not stage, from a small server of this file.

/** A server whose every answer `answer(req, res, n)` writes (n: the request's 1-based number). */
async function odd(answer) {
  let count = 0;
  const server = createServer((req, res) => {
    count += 1;
    const n = count;
    req.resume();
    req.on("end", () => answer(req, res, n));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests: () => count,
    close: () => new Promise((r) => {
      server.close(r);
      server.closeAllConnections();
    }),
  };
}

/** Streams `megabytes` of JSON-ish bytes in chunks without a Content-Length (chunked). */
function chunked(res, status, megabytes) {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.write('{"id":"0ee9c8e6a7dc44109541e53c6dccf47c","padding":"');
  let left = megabytes * 1048576;
  const chunk = Buffer.alloc(64 * 1024, "x");
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      left -= chunk.length;
      if (!res.write(chunk)) return void res.once("drain", pump);
    }
    if (!res.destroyed) res.end('"}');
  };
  pump();
}

test("a 30 MB 200 without Content-Length is read as a stream and given up past 1 MiB (may have started)", { timeout: 30_000 }, async () => {
  const server = await odd((req, res) => chunked(res, 200, 30));
  try {
    await call(server.url); // the first call may grow the memory to its working size
    const before = wasmMemoryBytes();
    const { error, ms } = await call(server.url, { retry: OPT_IN });
    assert.ok(error instanceof ResponseFormatError, String(error));
    assert.equal(error.status, 200);
    assert.equal(error.attempts, 1);
    assert.match(error.message, /larger than 1048576 bytes.*may have started/);
    const grown = wasmMemoryBytes() - before;
    assert.ok(grown < 2 * 1048576, `memory grew by ${mib(grown)}`);
    assert.ok(ms < 3000 + SLACK_MS);
    assert.equal(server.requests(), 2);
  } finally {
    await server.close();
  }
});

test("a 30 MB 503 without Content-Length is a DeployApiError with the status, retried only when opted in", { timeout: 30_000 }, async () => {
  const server = await odd((req, res) => chunked(res, 503, 30));
  try {
    const { error } = await call(server.url);
    assert.ok(error instanceof DeployApiError, String(error));
    assert.equal(error.status, 503);
    assert.equal(error.errorCode, "503");
    assert.equal(error.kind, "server");
    assert.match(error.errorMsg, /larger than 1048576 bytes/);
    assert.equal(error.attempts, 1);
    const optedIn = await call(server.url, { retry: OPT_IN });
    assert.equal(optedIn.error.attempts, 3);
    assert.equal(server.requests(), 4);
  } finally {
    await server.close();
  }
});

test("a 200 whose connection resets mid-body is a ResponseFormatError, never retried even when opted in", { timeout: 30_000 }, async () => {
  const server = await odd((req, res) => {
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "1000" });
    res.write('{"id":"0ee9c8e6a7dc4410');
    setTimeout(() => res.socket.destroy(), 20);
  });
  try {
    const { error } = await call(server.url, { retry: OPT_IN });
    assert.ok(error instanceof ResponseFormatError, String(error));
    assert.equal(error.status, 200);
    assert.equal(error.attempts, 1);
    assert.match(error.message, /could not be read.*may have started/);
    assert.equal(server.requests(), 1);
  } finally {
    await server.close();
  }
});

test("a 429 without Retry-After is not retried by default; with throttledWithoutRetryAfter it backs off", { timeout: 30_000 }, async () => {
  const server = await odd((req, res) => {
    res.writeHead(429, { "Content-Type": "application/json" });
    res.end('{"error_code":"APIGW.0308","error_msg":"throttled"}');
  });
  try {
    const plain = await call(server.url);
    assert.equal(plain.error.status, 429);
    assert.equal(plain.error.attempts, 1);
    const optedIn = await call(server.url, { retry: { throttledWithoutRetryAfter: true, baseDelayMs: 10 } });
    assert.equal(optedIn.error.attempts, 3);
    assert.equal(server.requests(), 4);
  } finally {
    await server.close();
  }
});

/** `date` as an RFC 850 date (`Sunday, 06-Nov-94 08:49:37 GMT`). */
function rfc850(date) {
  const [weekday, day, month, year, time] = date.toUTCString().replace(",", "").split(" ");
  const long = { Sun: "Sunday", Mon: "Monday", Tue: "Tuesday", Wed: "Wednesday", Thu: "Thursday", Fri: "Friday", Sat: "Saturday" }[weekday];
  return `${long}, ${day}-${month}-${year.slice(2)} ${time} GMT`;
}

/** `date` as an asctime date (`Sun Nov  6 08:49:37 1994`). */
function asctime(date) {
  const [weekday, day, month, year, time] = date.toUTCString().replace(",", "").split(" ");
  return `${weekday} ${month} ${String(Number(day)).padStart(2, " ")} ${time} ${year}`;
}

for (const [form, format] of [["RFC 850", rfc850], ["asctime", asctime], ["IMF-fixdate", (d) => d.toUTCString()]]) {
  test(`a 429 whose Retry-After is an ${form} date is waited for and retried by default`, { timeout: 30_000 }, async () => {
    const server = await odd((req, res, n) => {
      if (n === 1) {
        res.writeHead(429, { "Content-Type": "application/json", "Retry-After": format(new Date(Date.now() + 1000)) });
        res.end('{"error_code":"APIGW.0308","error_msg":"throttled"}');
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end('{"id":"0ee9c8e6a7dc44109541e53c6dccf47c","task_id":"0ee9c8e6a7dc44109541e53c6dccf47c"}');
    });
    try {
      const { record, error } = await call(server.url, { timeoutMs: 10_000 });
      assert.equal(error, undefined, String(error));
      assert.equal(record.id, "0ee9c8e6a7dc44109541e53c6dccf47c");
      assert.equal(record.$metadata.attempts, 2);
      assert.equal(server.requests(), 2);
    } finally {
      await server.close();
    }
  });
}

test("a 429 whose Retry-After is an impossible date (31 February) is not retried", { timeout: 30_000 }, async () => {
  // Last year's 31 February: a calendar that rolled it over to March would find it past and retry at once.
  const year = new Date().getUTCFullYear() - 1;
  const server = await odd((req, res) => {
    res.writeHead(429, { "Content-Type": "application/json", "Retry-After": `Mon, 31 Feb ${year} 00:00:00 GMT` });
    res.end('{"error_code":"APIGW.0308","error_msg":"throttled"}');
  });
  try {
    const { error } = await call(server.url);
    assert.ok(error instanceof DeployApiError, String(error));
    assert.equal(error.attempts, 1);
    assert.equal(server.requests(), 1);
  } finally {
    await server.close();
  }
});

// ---------------------------------------------------------------------------------------------
// mayHaveStarted beyond the fault table: refused connections, earlier attempts, aborts, local errors.

/** A URL on 127.0.0.1 where nothing listens (a server's port, closed again). */
async function refusingUrl() {
  const server = createServer();
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return `http://127.0.0.1:${port}`;
}

test("a refused connection is a NetworkError with mayHaveStarted false", { timeout: 30_000 }, async () => {
  const { error } = await call(await refusingUrl());
  assert.ok(error instanceof NetworkError, String(error));
  assert.equal(error.mayHaveStarted, false);
});

test("mayHaveStarted stays true when an earlier attempt may have started one (a 503, then a refused retry)", { timeout: 30_000 }, async () => {
  const refused = await refusingUrl();
  let calls = 0;
  const fetch = (request, init) => {
    calls += 1;
    const url = calls === 1 ? `${service.url}/__fault/503${new URL(request.url).pathname}` : `${refused}/`;
    return globalThis.fetch(new Request(url, request), init);
  };
  const client = new CodeArtsDeployClient({ endpoint: service.url, token: DEFAULT_TOKEN, fetch, retry: { ...OPT_IN, maxAttempts: 2 } });
  const error = await client.startDeployTask({ taskId: newTaskId(), triggerSource: "0" }).then(() => null, (e) => e);
  assert.ok(error instanceof NetworkError, String(error));
  assert.equal(error.attempts, 2);
  assert.equal(error.mayHaveStarted, true);
});

test("an abort before sending has mayHaveStarted false; an abort while a request is in flight, true", { timeout: 30_000 }, async () => {
  const client = new CodeArtsDeployClient({ endpoint: `${service.url}/__fault/delay=5000`, token: DEFAULT_TOKEN });
  const input = () => ({ taskId: newTaskId(), triggerSource: "0" });
  const before = await client.startDeployTask(input(), { signal: AbortSignal.abort() }).then(() => null, (e) => e);
  assert.ok(before instanceof AbortError);
  assert.equal(before.mayHaveStarted, false);
  const controller = new AbortController();
  const pending = client.startDeployTask(input(), { signal: controller.signal }).then(() => null, (e) => e);
  // Wait (bounded) until the request has reached the service, then abort.
  for (let i = 0; i < 500 && service.stats().requests < 1; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(service.stats().requests, 1);
  controller.abort();
  const during = await pending;
  assert.ok(during instanceof AbortError);
  assert.equal(during.mayHaveStarted, true);
});

test("validation and config errors have mayHaveStarted false", async () => {
  const client = new CodeArtsDeployClient({ endpoint: service.url, token: DEFAULT_TOKEN });
  const invalid = await client.startDeployTask({ taskId: "short" }).then(() => null, (e) => e);
  assert.ok(invalid instanceof ValidationError);
  assert.equal(invalid.mayHaveStarted, false);
  const options = await client.startDeployTask({ taskId: newTaskId() }, { timeoutMs: -1 }).then(() => null, (e) => e);
  assert.ok(options instanceof ConfigError);
  assert.equal(options.mayHaveStarted, false);
  try {
    new CodeArtsDeployClient({ endpoint: service.url });
    assert.fail("no credentials accepted");
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.mayHaveStarted, false);
  }
});

// No secret leaks under faults and load: every fault scenario of faults.test.mjs (and the odd
// answers of its own small server, including a gateway that echoes the request's headers and
// body into its error message) runs with a recognisable token, secret key, security token and
// `encrypt` value, with token and with AK/SK auth, with the default and the opted-in retry
// policy, and once more as a concurrent burst. Everything the package hands back or prints is
// collected — each thrown error (message, stack, String, JSON, util.inspect with hidden fields,
// every own field and its cause, recursively), each record, each previewStartDeployTaskRequest
// output, every console.* line — and the test fails if any 10-character piece of a secret
// appears. (tests/js/secrets.test.mjs covers config and signing errors; this file covers the
// fault and load scenarios.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import { renderings } from "./helpers/renderings.mjs";
import { startService } from "../service/service.mjs";
import { FAULTS, OPT_IN } from "./helpers/fault-cases.mjs";

const SECRETS = {
  token: "tokFAULTq8Zr3Vm6Wn1Xb4Yc7Ud2Te5Sf",
  secretKey: "skFAULTh3Jk6Lm9Np2Qr5St8Uv1Wx4Yz",
  securityToken: "stFAULTa1Bc4De7Fg0Hi3Jk6Lm9No2Pq",
  encrypt: "encFAULTz9Yx6Wv3Ut0Sr7Qp4On1Ml8Kj",
};
const ACCESS_KEY = "AKFAULTSCAN000000001";
const PROJECT_ID = "0123456789abcdef0123456789abcdef";
const WINDOW = 10;
const PIECES = Object.entries(SECRETS).flatMap(([name, secret]) =>
  Array.from({ length: secret.length - WINDOW + 1 }, (_, i) => [name, secret.slice(i, i + WINDOW)]),
);

function findSecret(text) {
  for (const [name, piece] of PIECES) if (text.includes(piece)) return `${name} (${JSON.stringify(piece)})`;
  return null;
}

const collected = { errors: 0, records: 0, previews: 0, lines: 0 };
const leaks = [];
function scan(label, value) {
  for (const text of renderings(value)) {
    const found = findSecret(text);
    if (found) leaks.push(`${label}: ${found} in ${JSON.stringify(text.slice(0, 200))}`);
  }
}

// console.* is watched from before the package loads.
const METHODS = ["log", "info", "warn", "error", "debug", "trace", "dir", "table"];
const printed = [];
const original = {};
for (const method of METHODS) {
  original[method] = console[method];
  console[method] = (...args) => printed.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: Infinity, showHidden: true }))).join(" "));
}
const { CodeArtsDeployClient, previewStartDeployTaskRequest } = await import("codearts-deploy-wasm");

let service;
let odd;
let oddRequests = 0;

/** Answers by path: the odd answers the local service does not stage. */
function oddAnswer(req, res, body) {
  oddRequests += 1;
  const send = (status, headers, text) => {
    res.writeHead(status, headers);
    res.end(text);
  };
  if (req.url.startsWith("/echo200")) return send(200, {}, `{"status":"failed","error":{"code":"X","message":${JSON.stringify(body)}}}`);
  if (req.url.startsWith("/echo")) {
    // A gateway that echoes what it received: every header and the body, in its error message.
    const echoed = `${JSON.stringify(req.headers)} ${body}`;
    return send(400, { "Content-Type": "application/json" }, JSON.stringify({
      error_code: "APIGW.0000", error_msg: `bad request: ${echoed}`, encoded_authorization_message: echoed,
    }));
  }
  if (req.url.startsWith("/reset")) {
    res.writeHead(200, { "Content-Length": "100" });
    res.write("{");
    return setTimeout(() => res.socket.destroy(), 10);
  }
  if (req.url.startsWith("/huge")) {
    res.writeHead(503, { "Content-Type": "text/plain" });
    res.write(body);
    return res.end(Buffer.alloc(2 * 1048576, "x"));
  }
  return send(429, { "Content-Type": "text/plain" }, `throttled ${req.headers["x-auth-token"] ?? ""}`);
}

before(async () => {
  service = await startService({
    anyTask: true,
    tokens: [SECRETS.token],
    credentials: [{ accessKey: ACCESS_KEY, secretKey: SECRETS.secretKey, securityToken: SECRETS.securityToken }],
    log: (line) => printed.push(`[service] ${line}`),
  });
  odd = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => oddAnswer(req, res, Buffer.concat(chunks).toString()));
  });
  await new Promise((r) => odd.listen(0, "127.0.0.1", r));
});

after(async () => {
  for (const method of METHODS) console[method] = original[method];
  await service.close();
  await new Promise((r) => {
    odd.close(r);
    odd.closeAllConnections();
  });
});

const AUTHS = {
  token: { token: SECRETS.token, projectId: PROJECT_ID },
  aksk: { accessKey: ACCESS_KEY, secretKey: SECRETS.secretKey, securityToken: SECRETS.securityToken, projectId: PROJECT_ID },
};
const input = () => ({
  taskId: randomBytes(16).toString("hex"),
  params: [
    { key: "db_password", value: SECRETS.encrypt, type: "encrypt" },
    { key: "env", value: "prod", type: "text" },
  ],
  triggerSource: "0",
});

/** One call through `endpoint`: scans what it resolves or rejects with, and the preview. */
async function scanned(label, endpoint, auth, { retry, timeoutMs = 3000 } = {}) {
  const config = { endpoint, ...AUTHS[auth], timeoutMs, ...(retry ? { retry } : {}) };
  const call = input();
  scan(`${label} preview`, previewStartDeployTaskRequest(call, config));
  collected.previews += 1;
  const client = new CodeArtsDeployClient(config);
  try {
    scan(`${label} record`, await client.startDeployTask(call));
    collected.records += 1;
    return null;
  } catch (error) {
    scan(`${label} error`, error);
    collected.errors += 1;
    return error;
  }
}

test("every fault of the local service, token and AK/SK, both retry policies: no secret in any error, record or preview", { timeout: 120_000 }, async () => {
  for (const fault of FAULTS) {
    for (const auth of Object.keys(AUTHS)) {
      for (const retry of [undefined, OPT_IN]) {
        service.reset();
        const label = `${fault.spec} ${auth} ${retry ? "opt-in" : "default"}`;
        const error = await scanned(label, `${service.url}/__fault/${fault.spec}`, auth, { retry, timeoutMs: fault.timeoutMs ?? 3000 });
        assert.equal(error?.name ?? null, fault.className, `${label}: ${error}`);
      }
    }
  }
  assert.deepEqual(leaks, []);
});

test("odd answers (a gateway echoing headers and body, a reset, a huge 503, a 429 echoing the token): no secret", { timeout: 120_000 }, async () => {
  const base = `http://127.0.0.1:${odd.address().port}`;
  for (const path of ["/echo", "/echo200", "/reset", "/huge", "/throttled"]) {
    for (const auth of Object.keys(AUTHS)) {
      for (const retry of [undefined, OPT_IN]) {
        const error = await scanned(`${path} ${auth}`, `${base}${path}`, auth, { retry });
        assert.ok(error, `${path}: expected an error`);
      }
    }
  }
  assert.ok(oddRequests >= 20);
  assert.deepEqual(leaks, []);
});

test("a concurrent burst of every fault (300 calls): no secret", { timeout: 120_000 }, async () => {
  service.reset();
  const calls = [];
  for (let i = 0; i < 300; i++) {
    const fault = FAULTS[i % FAULTS.length];
    const auth = i % 2 ? "aksk" : "token";
    calls.push(scanned(`burst ${fault.spec} ${auth}`, `${service.url}/__fault/${fault.spec}`, auth, { retry: i % 3 ? OPT_IN : undefined, timeoutMs: fault.timeoutMs ?? 3000 }));
  }
  await Promise.all(calls);
  assert.deepEqual(leaks, []);
});

test("nothing printed through console.* (the service's log included) holds a secret", { timeout: 120_000 }, (t) => {
  for (const line of printed) {
    const found = findSecret(line);
    if (found) leaks.push(`console: ${found} in ${JSON.stringify(line.slice(0, 200))}`);
  }
  collected.lines = printed.length;
  t.diagnostic(`scanned ${collected.errors} errors, ${collected.records} records, ${collected.previews} previews, ${collected.lines} console lines`);
  assert.ok(collected.errors > 250 && collected.previews > 350);
  assert.deepEqual(leaks, []);
});

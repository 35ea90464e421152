/**
 * The local CodeArts Deploy service: `POST /v2/tasks/{task_id}/start` behind a gateway that
 * authenticates (token or AK/SK), answers CORS, hands out request ids and, on request, misbehaves
 * (fault modes, see faults.mjs). Tests and the demo page talk to it instead of Huawei Cloud.
 *
 * Written from shared/spec/start-deploy-task.md, independently of the Rust code in src/.
 *
 * @example
 * import { startService, DEFAULT_TOKEN } from "./service.mjs";
 * const service = await startService();
 * await fetch(`${service.url}/v2/tasks/d2dc947ec2424d8789bb3984bb3adf45/start`, {
 *   method: "POST", headers: { "content-type": "application/json", "x-auth-token": DEFAULT_TOKEN }, body: "{}",
 * });
 * service.stats().starts; // 1
 * await service.close();
 */
import { createServer } from "node:http";
import { authenticate, AUTH_ERROR_CODE } from "./auth.mjs";
import {
  FAULT_PREFIX, GATEWAY_OUTCOMES, parseFaultSpec, sendFailed200, sendGatewayOutcome, sendStartedOutcome,
  sendThrottled, waitUnlessGone,
} from "./faults.mjs";
import { buildDeployRecord } from "./record.mjs";
import { prepareAnswer, sendGatewayError, sendJson, sendPreflight, sendServiceError } from "./responses.mjs";
import { formatIssues, maskSecrets, validateStartBody, validateTaskId } from "./rules.mjs";
import { percentDecode } from "./signature.mjs";
import { ServiceState } from "./state.mjs";

/** The token accepted by default (`X-Auth-Token`). */
export const DEFAULT_TOKEN = "test-token";
/** The AK/SK pairs accepted by default. */
export const DEFAULT_CREDENTIALS = Object.freeze([
  Object.freeze({ accessKey: "TESTAK0000000000EXAMP", secretKey: "test-secret-key-0123456789abcdef" }),
]);
/** The task id of the API reference's example; known by default. */
export const SPEC_EXAMPLE_TASK_ID = "d2dc947ec2424d8789bb3984bb3adf45";
/** More task ids known by default (all valid per R1). */
export const EXAMPLE_TASK_IDS = Object.freeze([
  "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
  "5f3e8a9b1c2d4e6f8a0b2c4d6e8f0a1b",
  "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345",
  "abcdefghijklmnopqrstuvwxyz012345",
  "e3144513a4094398857c992606ccba12",
]);
/** Largest request body read (bigger → 413). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Header size limit of the server `startService` creates (R3 allows 20000-character tokens). */
export const MAX_HEADER_BYTES = 64 * 1024;

const START_PATH = /^\/v2\/tasks\/([^/]+)\/start$/;
const CONTROL_PREFIX = "/__service/";
const API_NOT_FOUND = ["APIGW.0101", "The API does not exist or has not been published in the environment"];

/** Checks and completes the options of {@link createServiceHandler}. */
function resolveOptions(options) {
  const list = (value, fallback, name) => {
    if (value === undefined) return [...fallback];
    if (!Array.isArray(value)) throw new TypeError(`option ${name} must be an array`);
    return [...value];
  };
  const credentials = list(options.credentials, DEFAULT_CREDENTIALS, "credentials").map((entry) => {
    if (typeof entry?.accessKey !== "string" || typeof entry?.secretKey !== "string") {
      throw new TypeError("each credential needs string accessKey and secretKey");
    }
    return { ...entry };
  });
  const deployingMs = options.deployingMs ?? 0;
  if (!Number.isFinite(deployingMs) || deployingMs < 0) throw new TypeError("option deployingMs must be a number ≥ 0");
  return {
    tokens: new Set(list(options.tokens, [DEFAULT_TOKEN], "tokens")),
    credentials,
    tasks: new Set(list(options.tasks, [SPEC_EXAMPLE_TASK_ID, ...EXAMPLE_TASK_IDS], "tasks")),
    anyTask: Boolean(options.anyTask),
    deployingMs,
    log: typeof options.log === "function" ? options.log : null,
    now: typeof options.now === "function" ? options.now : Date.now,
  };
}

/**
 * Which part of the service a raw path belongs to, or null when it is not the service's.
 * @returns {{ kind: "control", name: string } | { kind: "api", spec: string | null, apiPath: string } | null}
 */
function route(rawPath) {
  if (rawPath.startsWith(CONTROL_PREFIX)) return { kind: "control", name: rawPath.slice(CONTROL_PREFIX.length) };
  if (rawPath.startsWith(FAULT_PREFIX)) {
    const rest = rawPath.slice(FAULT_PREFIX.length);
    const slash = rest.indexOf("/");
    const spec = slash < 0 ? rest : rest.slice(0, slash);
    return { kind: "api", spec: percentDecode(spec), apiPath: slash < 0 ? "" : rest.slice(slash) };
  }
  if (rawPath === "/v2" || rawPath.startsWith("/v2/")) return { kind: "api", spec: null, apiPath: rawPath };
  return null;
}

/**
 * Reads the whole request body.
 * @returns {Promise<{ bytes: Buffer, tooLarge: boolean } | null>} null when the client went away
 */
function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve({ bytes: Buffer.concat(chunks), tooLarge: size > MAX_BODY_BYTES }));
    req.on("error", () => resolve(null));
    req.on("close", () => resolve(req.complete ? { bytes: Buffer.concat(chunks), tooLarge: size > MAX_BODY_BYTES } : null));
  });
}

/** The header names that arrived, lowercased, in order, once each. */
function headerNames(req) {
  const names = req.rawHeaders.filter((_, index) => index % 2 === 0).map((name) => name.toLowerCase());
  return [...new Set(names)];
}

/** R2: the media type (parameters ignored) must be `application/json`. */
function isJsonContentType(value) {
  return typeof value === "string" && value.split(";")[0].trim().toLowerCase() === "application/json";
}

/** Parses a body as UTF-8 JSON; `undefined` when it is not. */
function parseJson(bytes) {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Creates the service as a request handler that can share a server (and port) with other routes.
 * @param {{ tokens?: string[], credentials?: { accessKey: string, secretKey: string, securityToken?: string }[],
 *           tasks?: string[], anyTask?: boolean, deployingMs?: number, log?: (line: string) => void,
 *           now?: () => number }} [options]
 * @returns {{ handle(req, res): Promise<boolean>, stats(): object, reset(): void }}
 */
export function createServiceHandler(options = {}) {
  const config = resolveOptions(options);
  const state = new ServiceState();

  /**
   * The start endpoint behind the gateway. Returns a short note for the log and whether a
   * deployment started.
   */
  async function serveStart(req, res, { spec, apiPath }, rawPath, rawQuery) {
    const match = START_PATH.exec(apiPath);
    if (!match || req.method !== "POST") {
      sendGatewayError(res, 404, ...API_NOT_FOUND);
      return { note: "no such API" };
    }
    const faults = spec === null ? null : parseFaultSpec(spec);
    if (faults && !faults.ok) {
      sendServiceError(res, 400, "Service.BadFaultSpec", faults.message);
      return { note: "bad fault spec" };
    }
    const body = await readBody(req);
    if (body === null) return { note: "client left while sending", aborted: true };
    if (body.tooLarge) {
      sendGatewayError(res, 413, "APIGW.0201", "Request entity too large");
      return { note: "body too large" };
    }
    if (faults?.delayMs > 0 && !(await waitUnlessGone(res, faults.delayMs))) {
      return { note: "client left during delay", aborted: true };
    }
    if (faults?.throttle && state.takeThrottle(faults.spec, faults.throttle.limit)) {
      sendThrottled(res, faults.throttle.retryAfterS);
      return { note: "throttled" };
    }
    const outcome = faults?.outcome ?? null;
    if (outcome && GATEWAY_OUTCOMES.includes(outcome.name)) {
      sendGatewayOutcome(res, outcome.name, `${apiPath}${rawQuery ? `?${rawQuery}` : ""}`);
      return { note: `fault ${outcome.name}` };
    }

    const auth = authenticate(
      { method: req.method, rawPath, rawQuery, headers: req.headers, body: body.bytes },
      { tokens: config.tokens, credentials: config.credentials, nowMs: config.now() },
    );
    if (!auth.ok) {
      sendGatewayError(res, 401, AUTH_ERROR_CODE, auth.message);
      return { note: auth.message };
    }
    if (!isJsonContentType(req.headers["content-type"])) {
      sendServiceError(res, 400, "Deploy.00011001", "Content-Type must be application/json (R2)");
      return { note: "bad content type" };
    }
    const taskId = percentDecode(match[1]);
    const input = parseJson(body.bytes);
    const issues = [
      ...validateTaskId(taskId),
      ...(input === undefined ? [{ path: [], rule: "R4", message: "body must be UTF-8 JSON" }] : validateStartBody(input)),
    ];
    if (issues.length > 0) {
      sendServiceError(res, 400, "Deploy.00011001", formatIssues(issues));
      return { note: `invalid: ${issues.map((issue) => issue.rule).join(",")}` };
    }
    if (!config.anyTask && !config.tasks.has(taskId)) {
      sendServiceError(res, 404, "Deploy.00011020", "The application does not exist (application not found)");
      return { note: "unknown task" };
    }
    if (state.isDeploying(taskId, config.now(), config.deployingMs)) {
      sendServiceError(res, 400, "Deploy.00011027", "The application is being deployed. Try again later");
      return { note: "already deploying" };
    }
    if (outcome?.name === "failed200") {
      sendFailed200(res);
      return { note: "fault failed200" };
    }

    const nowMs = config.now();
    const record = buildDeployRecord(taskId, nowMs);
    state.recordStart({
      taskId,
      body: maskSecrets(input),
      headersSeen: headerNames(req),
      auth: auth.method,
      projectId: req.headers["x-project-id"] ?? null,
    }, nowMs);
    if (outcome) sendStartedOutcome(res, outcome, record);
    else sendJson(res, 200, record);
    return { note: outcome ? `started, fault ${outcome.name}` : "started", started: true };
  }

  /** `GET /__service/stats`, `POST /__service/reset`. */
  function serveControl(req, res, name) {
    if (name === "stats" && req.method === "GET") {
      sendJson(res, 200, state.snapshot());
    } else if (name === "reset" && req.method === "POST") {
      state.reset();
      sendJson(res, 200, { reset: true });
    } else {
      sendServiceError(res, 404, "Service.NotFound", "use GET /__service/stats or POST /__service/reset");
    }
    return { note: `control ${name}` };
  }

  /** Routes one request; answers and returns true, or returns false when the path is not ours. */
  async function handle(req, res) {
    const rawUrl = req.url ?? "/";
    const queryAt = rawUrl.indexOf("?");
    const rawPath = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
    const rawQuery = queryAt < 0 ? "" : rawUrl.slice(queryAt + 1);
    const target = route(rawPath);
    if (!target) return false;

    const startedAt = Date.now();
    const requestId = prepareAnswer(req, res);
    let result;
    try {
      if (req.method === "OPTIONS") {
        state.preflights += 1;
        sendPreflight(res);
        result = { note: "preflight" };
      } else if (target.kind === "control") {
        result = serveControl(req, res, target.name);
      } else {
        state.requests += 1;
        result = await serveStart(req, res, target, rawPath, rawQuery);
        if (!result.started) state.rejected += 1;
        if (result.aborted) state.aborted += 1;
      }
    } catch (error) {
      if (res.headersSent) res.destroy();
      else sendServiceError(res, 500, "Service.InternalError", "the local service failed; see its log");
      result = { note: `internal error: ${error?.name ?? "Error"}` };
    }
    const status = res.headersSent ? res.statusCode : "-";
    config.log?.(`${req.method} ${rawPath} -> ${status} ${result.note} (${Date.now() - startedAt} ms, request ${requestId})`);
    return true;
  }

  return { handle, stats: () => state.snapshot(), reset: () => state.reset() };
}

/**
 * Starts the service on 127.0.0.1.
 * @param {Parameters<typeof createServiceHandler>[0] & { port?: number }} [options] `port` 0 (default) picks a free one
 * @returns {Promise<{ url: string, port: number, stats(): object, reset(): void, close(): Promise<void> }>}
 */
export async function startService(options = {}) {
  const { port = 0, ...handlerOptions } = options;
  const service = createServiceHandler(handlerOptions);
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    service.handle(req, res).then((handled) => {
      if (!handled) sendServiceError(res, 404, "Service.NotFound", "not a path of the local CodeArts Deploy service");
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const actualPort = server.address().port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    stats: service.stats,
    reset: service.reset,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/**
 * The local CodeArts Deploy service: `POST /v2/tasks/{task_id}/start` and the reads of a run
 * (`GET …/state`, `GET …/params`, see reads.mjs) behind a gateway that authenticates (token or
 * AK/SK), answers CORS, hands out request ids and, on request, misbehaves (fault modes, see
 * faults.mjs). Tests and the demo page talk to it instead of Huawei Cloud.
 *
 * Written from shared/spec/start-deploy-task.md and follow-a-run.md, independently of the Rust
 * code in src/.
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
import { FAILURE_OUTCOMES, FAULT_PREFIX, sendBodyOutcome, sendFailureBody } from "./faults.mjs";
import { passGateway } from "./gateway.mjs";
import { matchRead, serveRead } from "./reads.mjs";
import { buildDeployRecord } from "./record.mjs";
import { headerNames, isJsonContentType, MAX_BODY_BYTES, parseJson } from "./request.mjs";
import { prepareAnswer, sendGatewayError, sendJson, sendPreflight, sendServiceError, sendUnknownTask } from "./responses.mjs";
import { formatIssues, maskSecrets, validateStartBody, validateTaskId } from "./rules.mjs";
import { createRun, runStatus } from "./run.mjs";
import { percentDecode } from "./signature.mjs";
import { ServiceState } from "./state.mjs";

export { MAX_BODY_BYTES };

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
/** A task known by default whose every run ends `failed` (the runs of all other tasks succeed). */
export const FAILING_TASK_ID = "fa11edfa11edfa11edfa11edfa11ed00";
/** How long a started run stays `running` by default (ms of the service clock). */
export const DEFAULT_RUNNING_MS = 3000;
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
  const duration = (name, fallback) => {
    const value = options[name] ?? fallback;
    if (!Number.isFinite(value) || value < 0) throw new TypeError(`option ${name} must be a number ≥ 0`);
    return value;
  };
  const failingTasks = new Set(list(options.failingTasks, [FAILING_TASK_ID], "failingTasks"));
  const tasks = new Set([...list(options.tasks, [SPEC_EXAMPLE_TASK_ID, ...EXAMPLE_TASK_IDS], "tasks"), ...failingTasks]);
  const anyTask = Boolean(options.anyTask);
  return {
    tokens: new Set(list(options.tokens, [DEFAULT_TOKEN], "tokens")),
    credentials,
    knowsTask: (taskId) => anyTask || tasks.has(taskId),
    failingTasks,
    deployingMs: duration("deployingMs", 0),
    runningMs: duration("runningMs", DEFAULT_RUNNING_MS),
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
 * Creates the service as a request handler that can share a server (and port) with other routes.
 * @param {{ tokens?: string[], credentials?: { accessKey: string, secretKey: string, securityToken?: string }[],
 *           tasks?: string[], anyTask?: boolean, deployingMs?: number, runningMs?: number,
 *           failingTasks?: string[], log?: (line: string) => void, now?: () => number }} [options]
 * @returns {{ handle(req, res): Promise<boolean>, stats(): object, reset(): void }}
 */
export function createServiceHandler(options = {}) {
  const config = resolveOptions(options);
  const state = new ServiceState();
  const context = { state, config };
  /** The counters, with each run's status as a read would answer it now. */
  const stats = () => state.snapshot((run) => runStatus(run, config.now(), config.runningMs));

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
    const gate = await passGateway(req, res, { spec, apiPath, rawPath, rawQuery }, context);
    if (!gate.passed) return gate.result;
    const { outcome, auth } = gate;
    if (!isJsonContentType(req.headers["content-type"])) {
      sendServiceError(res, 400, "Deploy.00011001", "Content-Type must be application/json (R2)");
      return { note: "bad content type" };
    }
    const taskId = percentDecode(match[1]);
    const input = parseJson(gate.body);
    const issues = [
      ...validateTaskId(taskId),
      ...(input === undefined ? [{ path: [], rule: "R4", message: "body must be UTF-8 JSON" }] : validateStartBody(input)),
    ];
    if (issues.length > 0) {
      sendServiceError(res, 400, "Deploy.00011001", formatIssues(issues));
      return { note: `invalid: ${issues.map((issue) => issue.rule).join(",")}` };
    }
    if (!config.knowsTask(taskId)) {
      sendUnknownTask(res);
      return { note: "unknown task" };
    }
    if (state.isDeploying(taskId, config.now(), config.deployingMs)) {
      sendServiceError(res, 400, "Deploy.00011027", "The application is being deployed. Try again later");
      return { note: "already deploying" };
    }
    if (outcome && FAILURE_OUTCOMES.includes(outcome.name)) {
      sendFailureBody(res, outcome.name);
      return { note: `fault ${outcome.name}` };
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
    state.addRun(createRun({
      taskId, recordId: record.id, startedAtMs: nowMs, params: input?.params, fails: config.failingTasks.has(taskId),
    }));
    if (outcome) sendBodyOutcome(res, outcome, record, `deployment ${record.id} started`);
    else sendJson(res, 200, record);
    return { note: outcome ? `started, fault ${outcome.name}` : "started", started: true };
  }

  /** `GET /__service/stats`, `POST /__service/reset`. */
  function serveControl(req, res, name) {
    if (name === "stats" && req.method === "GET") {
      sendJson(res, 200, stats());
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
    let read;
    try {
      if (req.method === "OPTIONS") {
        state.preflights += 1;
        sendPreflight(res);
        result = { note: "preflight" };
      } else if (target.kind === "control") {
        result = serveControl(req, res, target.name);
      } else if ((read = matchRead(req.method, target.apiPath))) {
        result = await serveRead(req, res, { ...target, ...read, rawPath, rawQuery }, context);
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

  return { handle, stats, reset: () => state.reset() };
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

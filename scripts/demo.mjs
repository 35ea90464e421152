// The demo: one server on 127.0.0.1 that serves the demo page (www/), the package's published
// files (as a user's page would load them from node_modules) and the local CodeArts Deploy
// service (tests/service/), so the page works with no account and no CORS.
//
// Usage: node scripts/demo.mjs          (npm run demo builds first)
//        PORT=9000 node scripts/demo.mjs (PORT=0 picks a free port)
// Each started run is "running" for 8 s (RUNNING_MS=… changes it), then succeeds — or fails for
// the failing task id it prints, so both endings can be followed on the page.
//
// In-process (the browser test does this):
//   import { startDemo } from "../../scripts/demo.mjs";
//   const demo = await startDemo({ port: 0 });
//   demo.url; demo.token; demo.stats(); await demo.close();
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createServiceHandler, DEFAULT_TOKEN, EXAMPLE_TASK_IDS, FAILING_TASK_ID, MAX_HEADER_BYTES, SPEC_EXAMPLE_TASK_ID,
} from "../tests/service/service.mjs";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const WWW = resolve(ROOT, "www");
/** Where the page's import map expects the package (the layout `npm install` produces). */
const PACKAGE_PREFIX = "/node_modules/codearts-deploy-wasm/";
/** The page asks this path for the local service's demo token; nothing else is exposed. */
const DEMO_CONFIG_PATH = "/__demo/config.json";
/** How long a run started on the demo stays "running", so its progress can be watched. */
export const DEMO_RUNNING_MS = 8000;

const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/** The files a published package holds: package.json's `files` entries, plus package.json. */
async function packageFiles() {
  const manifest = JSON.parse(await readFile(resolve(ROOT, "package.json"), "utf8"));
  const entries = [...(manifest.files ?? []), "package.json"];
  return (relative) => entries.some((entry) => (entry.endsWith("/") ? relative.startsWith(entry) : relative === entry));
}

/**
 * Maps a raw URL path to a file inside `root`, or returns an HTTP status when it must not be
 * served: 400 for a malformed path, 403 for anything that would leave `root`.
 * @returns {{ file: string } | { status: number }}
 */
export function resolveStaticPath(root, rawPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return { status: 400 };
  const segments = decoded.split("/");
  if (segments.some((segment) => segment === ".." || segment === ".")) return { status: 403 };
  const relative = segments.filter(Boolean).join("/");
  const file = resolve(root, relative || "index.html");
  if (file !== root && !file.startsWith(root + sep)) return { status: 403 };
  return { file, relative };
}

/** The Content-Security-Policy of the page: its one inline script is the import map, allowed by hash. */
function contentSecurityPolicy(html) {
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
  const hash = createHash("sha256").update(importMap).digest("base64");
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' 'sha256-${hash}'`,
    // The page may send to any region or custom endpoint the user chooses.
    "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
    "img-src 'self' data:",
    "style-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function sendText(res, status, text) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
  res.end(`${text}\n`);
}

/** Serves one file below `root` (GET and HEAD only). */
async function serveFile(req, res, root, rawPath, allowed = () => true) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("Allow", "GET, HEAD");
    return sendText(res, 405, "method not allowed");
  }
  const target = resolveStaticPath(root, rawPath);
  if ("status" in target) return sendText(res, target.status, target.status === 400 ? "bad path" : "forbidden");
  if (!allowed(target.relative)) return sendText(res, 404, "not found");
  let body;
  try {
    if (!(await stat(target.file)).isFile()) return sendText(res, 404, "not found");
    body = await readFile(target.file);
  } catch {
    return sendText(res, 404, "not found");
  }
  const type = MIME_TYPES[extname(target.file).toLowerCase()] ?? "application/octet-stream";
  const headers = {
    "Content-Type": type,
    "Content-Length": body.length,
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
  };
  if (type.startsWith("text/html")) headers["Content-Security-Policy"] = contentSecurityPolicy(body.toString("utf8"));
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * Starts the demo server.
 * @param {{ port?: number, host?: string, log?: (line: string) => void, runningMs?: number,
 *           now?: () => number }} [options] `port` 0 picks a free one; `runningMs` and `now` go to the
 *   local service (how long runs stay running; its clock, which a test may move)
 * @returns {Promise<{ url: string, port: number, token: string, taskIds: string[], failingTaskId: string,
 *                     stats(): object, reset(): void, close(): Promise<void> }>}
 */
export async function startDemo({ port = 8080, host = "127.0.0.1", log, runningMs = DEMO_RUNNING_MS, now } = {}) {
  const service = createServiceHandler({ log, runningMs, now });
  const inPackage = await packageFiles();
  const taskIds = [SPEC_EXAMPLE_TASK_ID, ...EXAMPLE_TASK_IDS];
  const demoConfig = JSON.stringify({ token: DEFAULT_TOKEN, taskIds, failingTaskId: FAILING_TASK_ID });

  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, async (req, res) => {
    try {
      if (await service.handle(req, res)) return;
      const rawPath = (req.url ?? "/").split("?")[0];
      if (rawPath === DEMO_CONFIG_PATH) {
        res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
        return res.end(demoConfig);
      }
      if (rawPath.startsWith(PACKAGE_PREFIX)) {
        return await serveFile(req, res, ROOT, rawPath.slice(PACKAGE_PREFIX.length - 1), inPackage);
      }
      return await serveFile(req, res, WWW, rawPath);
    } catch (error) {
      log?.(`demo: ${req.method} ${req.url} failed: ${error?.message ?? error}`);
      if (!res.headersSent) sendText(res, 500, "internal error");
      else res.destroy();
    }
  });
  await new Promise((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolveListen);
  });
  const actualPort = server.address().port;
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    token: DEFAULT_TOKEN,
    taskIds,
    failingTaskId: FAILING_TASK_ID,
    stats: service.stats,
    reset: service.reset,
    close: () => new Promise((resolveClose) => {
      server.close(() => resolveClose());
      server.closeAllConnections();
    }),
  };
}

/** An integer from the environment in [min, max]; `fallback` when unset. */
function integerFromEnv(name, fallback, min, max) {
  const value = process.env[name];
  if (value === undefined || value === "") return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) throw new Error(`${name} must be ${min}–${max}, got ${JSON.stringify(value)}`);
  return number;
}

async function main() {
  let demo;
  try {
    demo = await startDemo({
      port: integerFromEnv("PORT", 8080, 0, 65535),
      runningMs: integerFromEnv("RUNNING_MS", DEMO_RUNNING_MS, 0, 3_600_000),
      log: (line) => console.log(`  ${line}`),
    });
  } catch (error) {
    const hint = error?.code === "EADDRINUSE" ? " (the port is taken: set PORT, e.g. PORT=0 for a free one)" : "";
    console.error(`demo: cannot start: ${error?.message ?? error}${hint}`);
    process.exit(1);
  }
  console.log(`CodeArts Deploy demo: ${demo.url}/`);
  console.log(`  local service token: ${demo.token}   (the page fills it in)`);
  console.log(`  known task ids:      ${demo.taskIds.join(", ")}`);
  console.log(`  failing task id:     ${demo.failingTaskId}   (its runs end "failed")`);
  console.log("  Ctrl-C stops it.");
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\ndemo: ${signal}, stopping`);
    await demo.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();

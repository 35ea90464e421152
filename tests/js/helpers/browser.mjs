// What the browser tests of built apps share: a read-only static server on 127.0.0.1 and a
// headless Chromium (playwright-core with Debian's /usr/bin/chromium).
import { readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm" };

/** Headless Chromium; playwright gives each launch a fresh temporary profile of its own. */
export function launchChromium() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * Serves `root` read-only on 127.0.0.1 (a free port) and pushes every path asked for into
 * `served`. Resolves to the listening server; `stopServer` closes it.
 */
export function serveStatic(root, served = []) {
  const http = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(root, path.endsWith("/") ? `${path}index.html` : path);
    served.push(path);
    try {
      if (!file.startsWith(root) || !statSync(file).isFile()) throw new Error("not a file");
      res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((done) => http.listen(0, "127.0.0.1", () => done(http)));
}

/** Closes a server of `serveStatic`, keep-alive connections included. */
export async function stopServer(server) {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
}

/**
 * Opens `url` in a new page, waits (bounded) for the app to set `html[data-state=done]`, and
 * resolves to `{ text, problems, wasmStatuses }`: the text of `#report`, the page's errors and
 * console errors, and the HTTP status of every `.wasm` response.
 */
export async function runReportPage(browser, url, { timeout = 60_000 } = {}) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`));
  const wasmStatuses = [];
  page.on("response", (response) => response.url().endsWith(".wasm") && wasmStatuses.push(response.status()));
  try {
    await page.goto(url);
    await page.waitForSelector("html[data-state=done]", { timeout }).catch(() => {});
    return { text: await page.locator("#report").textContent(), problems, wasmStatuses };
  } finally {
    await page.close();
  }
}

// A gateway in front of the local service that spoils the first `times` starts (POST …/start)
// in one way and passes every other request through untouched, so a test can lose a start's
// answer while the reads of the task's latest run still work. Listens on 127.0.0.1.
//
// Modes: a service fault spec (the start goes to `/__fault/<spec>/…`: `drop`, `503`, `empty502`,
// `truncated`, `nonjson200`, `trickle=<ms>`, `delay=<ms>`, …), or `lose-answer`: the start
// reaches the service unchanged, and the connection to the client is destroyed once the
// service has answered (the deployment started, its answer is lost).
import { createServer, request as httpRequest } from "node:http";

const START = /^\/v2\/tasks\/[^/]+\/start$/;

/**
 * @param {string} serviceUrl the local service's base URL
 * @param {{ mode: string, times?: number }} spoil
 * @returns {Promise<{ url: string, starts: () => number, close: () => Promise<void> }>}
 */
export async function startLossyGateway(serviceUrl, { mode, times = 1 }) {
  const upstream = new URL(serviceUrl);
  let spoiled = 0;
  let starts = 0;
  const sockets = new Set();
  const server = createServer((req, res) => {
    const isStart = req.method === "POST" && START.test(req.url.split("?")[0]);
    if (isStart) starts += 1;
    const spoil = isStart && spoiled < times ? mode : null;
    if (spoil) spoiled += 1;
    const path = spoil && spoil !== "lose-answer" ? `/__fault/${spoil}${req.url}` : req.url;
    const out = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path, headers: req.headers },
      (answer) => {
        if (spoil === "lose-answer") {
          answer.resume();
          answer.on("end", () => req.socket.destroy());
          return;
        }
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
        answer.on("error", () => req.socket.destroy());
      },
    );
    out.on("error", () => req.socket.destroy());
    // The client left before the answer went out: let the service see it leave too.
    res.on("close", () => {
      if (!res.writableFinished) out.destroy();
    });
    req.pipe(out);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** Start requests that reached this gateway (spoiled or not). */
    starts: () => starts,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Test helper: one request over node:http, for what fetch cannot do (set `Host`, which a
 * signature covers). Resolves the status and the parsed JSON body.
 */
import { request as httpRequest } from "node:http";

/** Sends `method path` to 127.0.0.1:`port` with exactly `headers` and `body`. */
export function rawRequest(port, { method = "POST", path, headers, body }) {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => { text += chunk; });
      res.on("end", () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

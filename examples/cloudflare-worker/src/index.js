// A Cloudflare Worker that starts Huawei Cloud CodeArts Deploy deployments:
//
//   POST /deploy           a webhook (HMAC-signed body) starts a task named in DEPLOY_TASKS
//   POST /api/deployments  the backend of a web console on CONSOLE_ORIGIN (CORS for it only)
//
// The Worker holds the AK/SK (or token) as secrets and signs every call; callers never see them.
// See README.md for the bindings and how to deploy.
import { handleConsole } from "./console-route.js";
import { handleDeploy } from "./deploy-route.js";
import { WorkerError, errorResponse } from "./error-response.js";

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    try {
      if (pathname === "/api/deployments") return await handleConsole(request, env);
      if (pathname === "/deploy") {
        if (request.method !== "POST") {
          return errorResponse(new WorkerError(405, "ERR_METHOD", "use POST"), { Allow: "POST" });
        }
        return await handleDeploy(request, env);
      }
      return errorResponse(new WorkerError(404, "ERR_NOT_FOUND", "no such route"));
    } catch (error) {
      return errorResponse(error);
    }
  },
};

// A Cloudflare Worker that starts Huawei Cloud CodeArts Deploy deployments:
//
//   POST /deploy                     a webhook (HMAC-signed body) starts a task named in DEPLOY_TASKS;
//                                    202 with the record id and a status URL
//   GET  /runs/{taskId}/{recordId}   that status URL (signed): how the run is going, until it ends
//   POST /api/deployments            the backend of a web console on CONSOLE_ORIGIN (CORS for it only)
//
// The Worker holds the AK/SK (or token) as secrets and signs every call; callers never see them.
// See README.md for the bindings and how to deploy.
import { handleConsole } from "./console-route.js";
import { handleDeploy } from "./deploy-route.js";
import { WorkerError, errorResponse } from "./error-response.js";
import { handleRun, RUNS_PATH } from "./runs-route.js";

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
      const run = RUNS_PATH.exec(pathname);
      if (run) {
        if (request.method !== "GET") {
          return errorResponse(new WorkerError(405, "ERR_METHOD", "use GET"), { Allow: "GET" });
        }
        return await handleRun(request, env, run);
      }
      return errorResponse(new WorkerError(404, "ERR_NOT_FOUND", "no such route"));
    } catch (error) {
      return errorResponse(error);
    }
  },
};

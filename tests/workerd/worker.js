// A Worker that imports the package by its name and starts a deployment: the body of a POST
// names the endpoint, auth and input. Used by tests/js/workerd.test.mjs.
import { CodeArtsDeployClient, CodeArtsDeployError, validateStartDeployTask } from "codearts-deploy-wasm";

export default {
  async fetch(request, env) {
    const { config, input, timeoutMs } = await request.json();
    const url = new URL(request.url);
    if (url.pathname === "/validate") {
      return Response.json(validateStartDeployTask(input));
    }
    try {
      const client = new CodeArtsDeployClient({ ...config, token: config.token ?? env.CODEARTS_TOKEN });
      const record = await client.startDeployTask(input, { timeoutMs });
      return Response.json({ ok: true, record });
    } catch (error) {
      if (!(error instanceof CodeArtsDeployError)) throw error;
      const { name, code, message, errorCode, requestId, status, reason, issues } = error;
      return Response.json({ ok: false, error: { name, code, message, errorCode, requestId, status, reason, issues } });
    }
  },
};

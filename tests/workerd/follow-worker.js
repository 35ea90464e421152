// A Worker that follows runs with the package: the body of a POST names the client config and
// what to do. Used by tests/js/follow-workerd.test.mjs.
//   /follow    start `taskId`, then waitForDeployment with onProgress → { record, final, progress }
//   /status    getDeployStatus(ids)
//   /params    getExecutionParams(ids)
//   /start     startDeployTask({ taskId }) (with the config's `reconcile`)
//   /abort     wait on `run` and abort from the first onProgress → the error and the polls seen
import { CodeArtsDeployClient, CodeArtsDeployError } from "codearts-deploy-wasm";

/** The plain fields of an error, for JSON. */
function describe(error) {
  if (!(error instanceof CodeArtsDeployError)) throw error;
  const { name, code, message, errorCode, status, attempts, mayHaveStarted, timeoutMs } = error;
  return { name, code, message, errorCode, status, attempts, mayHaveStarted, timeoutMs };
}

const actions = {
  async follow(client, { taskId, wait }) {
    const record = await client.startDeployTask({ taskId });
    const progress = [];
    const final = await client.waitForDeployment(record, { ...wait, onProgress: (s) => progress.push(s.status) });
    return { record, final, progress };
  },
  status: (client, { ids }) => client.getDeployStatus(ids),
  params: (client, { ids }) => client.getExecutionParams(ids),
  start: (client, { taskId }) => client.startDeployTask({ taskId }),
  async abort(client, { run }) {
    const controller = new AbortController();
    let polls = 0;
    const error = await client
      .waitForDeployment(run, {
        signal: controller.signal,
        intervalMs: 600_000,
        onProgress: () => {
          polls += 1;
          controller.abort("stop following");
        },
      })
      .catch((e) => e);
    return { error: describe(error), reason: error.reason, polls };
  },
};

export default {
  async fetch(request) {
    const { config, ...args } = await request.json();
    const action = actions[new URL(request.url).pathname.slice(1)];
    if (!action) return new Response("unknown action", { status: 404 });
    try {
      const client = new CodeArtsDeployClient(config);
      return Response.json({ ok: true, result: await action(client, args) });
    } catch (error) {
      return Response.json({ ok: false, error: describe(error) });
    }
  },
};

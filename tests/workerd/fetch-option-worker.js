// A Worker whose client sends through the `fetch` option: a service binding (`env.SVC.fetch`,
// no public endpoint needed) or a fetch that misbehaves. Used by tests/js/workerd-fetch.test.mjs.
import { CodeArtsDeployClient, CodeArtsDeployError } from "codearts-deploy-wasm";

/** Fetch functions that misbehave, by name. */
const MISBEHAVING = {
  plainObject: async () => ({ ok: true, status: 200 }),
  rejectsString: () => Promise.reject("no"),
  rejectsUndefined: () => Promise.reject(undefined),
  throwsSync: () => {
    throw "sync";
  },
  neverSettles: () => new Promise(() => {}),
  endlessBody: async () => new Response(new ReadableStream({ pull: () => new Promise(() => {}) })),
};

export default {
  async fetch(request, env) {
    const { via, input, timeoutMs } = await request.json();
    const fetch = via === "binding" ? (req, init) => env.SVC.fetch(req, init)
      : via === "bound" ? env.SVC.fetch.bind(env.SVC)
      : via === "unbound" ? env.SVC.fetch
      : MISBEHAVING[via];
    try {
      const client = new CodeArtsDeployClient({ endpoint: "https://codearts.internal", token: env.CODEARTS_TOKEN, fetch, timeoutMs });
      const record = await client.startDeployTask(input);
      return Response.json({ ok: true, record });
    } catch (error) {
      if (!(error instanceof CodeArtsDeployError)) return Response.json({ ok: false, raw: String(error) });
      const { name, code, message, status, attempts, mayHaveStarted } = error;
      return Response.json({ ok: false, error: { name, code, message, status, attempts, mayHaveStarted } });
    }
  },
};

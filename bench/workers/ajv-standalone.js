// Ajv's workaround for Workers and strict CSP: the validator generated at build time
// ("standalone" code, written by bench/suites/workerd.mjs), no code generation at run time.
// "/loop?n=N&params=P" validates the bench body with P parameters N times.
import validate from "ajv-standalone-validator";
import { cachedValidInput, validationInput } from "../corpus.mjs";

export default {
  fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/loop") {
      const input = cachedValidInput(Number(url.searchParams.get("params")));
      const n = Number(url.searchParams.get("n"));
      let issues = 0;
      for (let i = 0; i < n; i++) issues += validate(input) ? 0 : validate.errors.length;
      return Response.json({ n, issues });
    }
    return Response.json({ valid: validate(validationInput(3, true)) });
  },
};

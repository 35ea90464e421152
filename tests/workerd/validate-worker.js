// A Worker that only validates: it imports the validate-only entry by its name (the `workerd`
// condition picks the precompiled validate-only .wasm). POST /validate { input, locale? } answers
// the ValidationResult; POST /schema { input } the Standard Schema result; GET /classes whether
// the error classes are the package's.
import {
  validateStartDeployTask,
  startDeployTaskSchema,
  ValidationError,
  CodeArtsDeployError,
} from "codearts-deploy-wasm/validate";

export default {
  async fetch(request) {
    const path = new URL(request.url).pathname;
    if (path === "/classes") {
      return Response.json({ subclass: new ValidationError("x", []) instanceof CodeArtsDeployError });
    }
    const { input, locale } = await request.json();
    if (path === "/schema") return Response.json(startDeployTaskSchema["~standard"].validate(input));
    return Response.json(validateStartDeployTask(input, locale ? { locale } : undefined));
  },
};

// Run by validation.mjs under `node --disallow-code-generation-from-strings`, the V8 switch a
// page's Content-Security-Policy without 'unsafe-eval' flips (and Workers always flip): eval and
// new Function throw. Prints what each validator does there.
const out = {};
try {
  const { validateStartDeployTask } = await import("codearts-deploy-wasm");
  out.package = validateStartDeployTask({ taskId: "x" }).issues.length > 0 ? "validates" : "wrong result";
} catch (error) {
  out.package = `${error.name}: ${error.message}`;
}
try {
  const { default: Ajv } = await import("ajv");
  new Ajv({ allErrors: true, logger: false }).compile({ type: "object" });
  out.ajv = "validates";
} catch (error) {
  out.ajv = `${error.name}: ${error.message}`;
}
process.stdout.write(JSON.stringify(out));

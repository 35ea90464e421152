// What a page that only validates a form ships: the validate-only entry (bundled by
// bench/suites/size.mjs with esbuild, `browser` condition, minified).
import { validateStartDeployTask } from "codearts-deploy-wasm/validate";

export { validateStartDeployTask };

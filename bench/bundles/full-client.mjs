// What an app that starts deployments ships: the client, validation and signing from the main
// entry (bundled by bench/suites/size.mjs with esbuild, `browser` condition, minified).
import { CodeArtsDeployClient, validateStartDeployTask, signRequest } from "codearts-deploy-wasm";

export { CodeArtsDeployClient, validateStartDeployTask, signRequest };

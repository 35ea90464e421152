// One cold start, in a fresh Node process: imports what argv[2] names, makes one first call,
// and prints {"importMs", "firstCallMs"} measured inside the process. Run by coldstart.mjs.
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const what = process.argv[2];
const body = { params: [{ key: "env", value: "prod", type: "text" }], trigger_source: "0" };
const url = "https://codearts-deploy.cn-north-4.myhuaweicloud.com/v2/tasks/d2dc947ec2424d8789bb3984bb3adf45/start";

const t0 = performance.now();
let first;
switch (what) {
  case "package": {
    // The node entry reads the .wasm, compiles and instantiates it at import time.
    const { signRequest } = await import("codearts-deploy-wasm");
    first = () => signRequest({ method: "POST", url, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }, { accessKey: "AK", secretKey: "SK" });
    break;
  }
  case "sdk-core": {
    const core = require("@huaweicloud/huaweicloud-sdk-core");
    const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js");
    const credentials = new core.BasicCredentials().withAk("AK").withSk("SK");
    first = () => AKSKSigner.sign({ endpoint: url, method: "POST", headers: { "Content-Type": "application/json" }, data: body, queryParams: {} }, credentials);
    break;
  }
  case "sdk-signer": {
    const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js");
    const credentials = { getAk: () => "AK", getSk: () => "SK" };
    first = () => AKSKSigner.sign({ endpoint: url, method: "POST", headers: { "Content-Type": "application/json" }, data: body, queryParams: {} }, credentials);
    break;
  }
  case "package-validate": {
    const { validateStartDeployTask } = await import("codearts-deploy-wasm");
    first = () => validateStartDeployTask({ taskId: "d2dc947ec2424d8789bb3984bb3adf45", ...body });
    break;
  }
  case "ajv": {
    const { default: Ajv } = await import("ajv");
    const { readFileSync } = await import("node:fs");
    const schema = JSON.parse(readFileSync(new URL("../start-deploy-task-input.schema.json", import.meta.url), "utf8"));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    first = () => validate({ taskId: "d2dc947ec2424d8789bb3984bb3adf45", ...body });
    break;
  }
  case "nothing":
    first = () => null;
    break;
  default:
    throw new Error(`unknown cold start subject ${what}`);
}
const t1 = performance.now();
first();
const t2 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, firstCallMs: t2 - t1 }));

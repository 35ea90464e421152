// The package in a Worker. "/" makes one first call of each function (the module was
// instantiated when the Worker started); "/loop?n=N&params=P" validates the bench body with P
// parameters N times, so that the bench can time validation inside workerd from outside.
import { validateStartDeployTask, signRequest } from "codearts-deploy-wasm";
import { cachedValidInput, validationInput } from "../corpus.mjs";

export default {
  fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/loop") {
      const input = cachedValidInput(Number(url.searchParams.get("params")));
      const n = Number(url.searchParams.get("n"));
      let issues = 0;
      for (let i = 0; i < n; i++) issues += validateStartDeployTask(input).issues.length;
      return Response.json({ n, issues });
    }
    const valid = validateStartDeployTask(validationInput(3, true)).ok;
    const headers = signRequest(
      { method: "POST", url: "https://codearts-deploy.cn-north-4.myhuaweicloud.com/v2/tasks/d2dc947ec2424d8789bb3984bb3adf45/start", body: "{}" },
      { accessKey: "AK", secretKey: "SK" },
    );
    return Response.json({ valid, signed: typeof headers.Authorization === "string" });
  },
};

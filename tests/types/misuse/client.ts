// Misuses of the client, the signer and the results.
import { CodeArtsDeployClient, DeployApiError, NetworkError, signRequest, validateStartDeployTask } from "codearts-deploy-wasm";

// The client needs its configuration.
// expect: TS2554
const bare = new CodeArtsDeployClient();

// A secret key goes with the access key.
// expect: TS2345
signRequest({ method: "POST", url: "https://example.com/" }, { accessKey: "AK" });

// The record's fields are camelCase.
async function wireField(client: CodeArtsDeployClient): Promise<string> {
  const record = await client.startDeployTask({ taskId: "d2dc947ec2424d8789bb3984bb3adf45" });
  // expect: TS2551
  return record.task_id;
}

// An issue code that does not exist.
const [first] = validateStartDeployTask({}).issues;
// expect: TS2367
const unknownCode = first?.code === "missing";

// A DeployApiError's kind is a closed set.
function kind(error: DeployApiError): boolean {
  // expect: TS2367
  return error.kind === "timeout";
}

// The fetch option is a function, not a URL.
// expect: TS2322
const notAFunction = new CodeArtsDeployClient({ region: "cn-north-4", token: "t", fetch: "https://proxy.example.com" });

// mayHaveStarted is a boolean, not a string.
function started(error: NetworkError): boolean {
  // expect: TS2367
  return error.mayHaveStarted === "yes";
}

export { bare, wireField, unknownCode, kind, notAFunction, started };

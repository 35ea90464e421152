// Misuses of StartDeployTaskInput: each would be a ValidationError at run time; the types catch
// them before.
import { CodeArtsDeployClient, validateStartDeployTask, type StartDeployTaskInput } from "codearts-deploy-wasm";

const client = new CodeArtsDeployClient({ region: "cn-north-4", token: "t" });
const taskId = "d2dc947ec2424d8789bb3984bb3adf45";

// A parameter type outside R9.
// expect: TS2322
const wrongType: StartDeployTaskInput = { taskId, params: [{ key: "k", value: "v", type: "secret" }] };

// No taskId.
// expect: TS2345
void client.startDeployTask({ params: [] });

// triggerSource is "0" | "1" | 0 | 1 only.
// expect: TS2322
const wrongTrigger: StartDeployTaskInput = { taskId, triggerSource: 2 };

// The wire name instead of the JavaScript one.
// expect: TS2561
const wireName: StartDeployTaskInput = { taskId, trigger_source: "0" };

// A parameter without its type.
// expect: TS2741
const untyped: StartDeployTaskInput = { taskId, params: [{ key: "k", value: "v" }] };

// A number where the value must be a string.
// expect: TS2322
const numericValue: StartDeployTaskInput = { taskId, params: [{ key: "k", value: 42, type: "text" }] };

// Only the two locales exist.
// expect: TS2322
validateStartDeployTask({ taskId }, { locale: "fr" });

export { wrongType, wrongTrigger, wireName, untyped, numericValue };

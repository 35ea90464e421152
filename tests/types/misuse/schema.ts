// Misuses of the Standard Schema object.
import { createStartDeployTaskSchema, startDeployTaskSchema } from "codearts-deploy-wasm";

// The value is there only once the issues are ruled out.
const result = startDeployTaskSchema["~standard"].validate({});
// expect: TS2339
const taskId: string = result.value.taskId;

// Only the two locales exist.
// expect: TS2322
const french = createStartDeployTaskSchema({ locale: "fr" });

// The schema's output is a StartDeployTaskInput, not anything.
if (!result.issues) {
  // expect: TS2551
  console.log(result.value.task_id);
}

export { taskId, french };

// The API reference's example request (spec: "Example"), as the JavaScript API takes it. The
// reference writes trigger_source as the number 0; the package sends it as the string "0".

/** @type {import("codearts-deploy-wasm").StartDeployTaskInput} */
export const SPEC_EXAMPLE = Object.freeze({
  taskId: "d2dc947ec2424d8789bb3984bb3adf45",
  params: [
    { key: "string", value: "test", type: "text" },
    { key: "env", value: "e3144513a4094398857c992606ccba12", type: "host_group" },
    { key: "enum", value: "value1", type: "enum" },
  ],
  triggerSource: "0",
});

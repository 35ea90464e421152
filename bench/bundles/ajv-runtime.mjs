// Ajv 8 with the bench schema, compiled at run time: what a validation-only user of Ajv ships.
import Ajv from "ajv";
import schema from "../start-deploy-task-input.schema.json" with { type: "json" };

const validate = new Ajv({ allErrors: true, unicode: false, logger: false }).compile(schema);

export function validateStartDeployTask(input) {
  return validate(input) ? { ok: true, issues: [] } : { ok: false, issues: validate.errors };
}

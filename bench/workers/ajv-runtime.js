// Ajv as usually used (compile the schema at run time) in a Worker: "/" reports what compile
// does there. Workers forbid code generation from strings (eval, new Function), which Ajv's
// compile relies on.
import Ajv from "ajv";
import schema from "../start-deploy-task-input.schema.json";

export default {
  fetch() {
    try {
      const validate = new Ajv({ allErrors: true, unicode: false, logger: false }).compile(schema);
      return Response.json({ compiled: true, valid: validate({}) });
    } catch (error) {
      return Response.json({ compiled: false, name: error.name, message: error.message });
    }
  },
};

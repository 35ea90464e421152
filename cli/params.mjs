// `--param KEY[:TYPE]=VALUE` and `--param-env KEY[:TYPE]=ENV_NAME` into DeployParam objects, in
// command-line order. Only the syntax is read here; the rules (R7–R9) are the package's.
import { UsageError } from "./exit-codes.mjs";

const SYNTAX = {
  param: "KEY[:TYPE]=VALUE, e.g. --param env:host_group=<id> or --param version=1.2.3",
  "param-env": "KEY[:TYPE]=ENV_NAME, e.g. --param-env db_password:encrypt=DB_PASSWORD",
};

/**
 * Turns the ordered `--param` / `--param-env` flags into `{ params, origins }`: `params[i]` is
 * `{ key, value, type }` and `origins[i]` names the flag it came from (`--param #2`). A flag
 * without `=`, or a `--param-env` naming an unset variable, throws a UsageError that never
 * quotes the value.
 */
export function readParams(flags, env) {
  const params = [];
  const origins = [];
  const counts = { param: 0, "param-env": 0 };
  for (const { name, value: text } of flags) {
    counts[name] += 1;
    const origin = `--${name} #${counts[name]}`;
    const equals = text.indexOf("=");
    if (equals < 0) throw new UsageError(`${origin} has no "=": write ${SYNTAX[name]}`);
    const left = text.slice(0, equals);
    const right = text.slice(equals + 1);
    const colon = left.indexOf(":");
    const key = colon < 0 ? left : left.slice(0, colon);
    const type = colon < 0 ? "text" : left.slice(colon + 1);
    params.push({ key, value: name === "param" ? right : fromEnv(env, right, origin), type });
    origins.push(origin);
  }
  return { params, origins };
}

/** The value of the variable `envName`; an unset one is a usage error. */
function fromEnv(env, envName, origin) {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(envName)) {
    throw new UsageError(`${origin}: after "=" comes the name of an environment variable (letters, digits, _)`);
  }
  const value = env[envName];
  if (value === undefined) throw new UsageError(`${origin}: the environment variable ${envName} is not set`);
  return value;
}

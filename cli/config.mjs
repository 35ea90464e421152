// The client configuration of a command: secrets from the environment only, place from flags
// or the environment (flags win), and what to tell a person when the package refuses it.
import { UsageError } from "./exit-codes.mjs";

/** The environment variables read, by ClientConfig field. */
export const ENV = Object.freeze({
  token: "CODEARTS_TOKEN",
  accessKey: "CODEARTS_ACCESS_KEY",
  secretKey: "CODEARTS_SECRET_KEY",
  securityToken: "CODEARTS_SECURITY_TOKEN",
  region: "CODEARTS_REGION",
  endpoint: "CODEARTS_ENDPOINT",
  projectId: "CODEARTS_PROJECT_ID",
});

/** Reads `--locale`: `en` (default) or `zh-CN`. */
export function readLocale(flag) {
  if (flag === undefined || flag === "en" || flag === "zh-CN") return flag ?? "en";
  throw new UsageError('--locale must be "en" or "zh-CN"');
}

/**
 * The ClientConfig for `flags` (`region`, `endpoint`, `project-id`, `locale`, `reconcile`) and `env`.
 * An empty variable counts as unset (CI systems set missing secrets to ""). A `--region`
 * hides CODEARTS_ENDPOINT and an `--endpoint` hides CODEARTS_REGION.
 */
export function readClientConfig(flags, env) {
  if (flags.region !== undefined && flags.endpoint !== undefined) throw new UsageError("give --region or --endpoint, not both");
  const read = (field) => (env[ENV[field]] ? env[ENV[field]] : undefined);
  const config = {
    region: flags.region ?? (flags.endpoint === undefined ? read("region") : undefined),
    endpoint: flags.endpoint ?? (flags.region === undefined ? read("endpoint") : undefined),
    token: read("token"),
    accessKey: read("accessKey"),
    secretKey: read("secretKey"),
    securityToken: read("securityToken"),
    projectId: flags["project-id"] ?? read("projectId"),
    locale: readLocale(flags.locale),
    reconcile: flags.reconcile,
  };
  return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined));
}

const HINTS = {
  missing_credentials: `set ${ENV.token}, or ${ENV.accessKey} and ${ENV.secretKey}, in the environment (secrets are never read from flags)`,
  incomplete_credentials: `set both ${ENV.accessKey} and ${ENV.secretKey}`,
  conflicting_credentials: `${ENV.token} and ${ENV.accessKey}/${ENV.secretKey} are both set: unset one of them`,
  missing_endpoint: `give --region or --endpoint, or set ${ENV.region} or ${ENV.endpoint}`,
  conflicting_endpoint: `${ENV.region} and ${ENV.endpoint} are both set: unset one, or give --region or --endpoint`,
};

/** What to do about a ConfigError of the package, in the command line's terms (or undefined). */
export function configHint(error) {
  return HINTS[error.reason];
}

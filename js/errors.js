// The error classes every function of the package throws or rejects with.
// They are real Error subclasses: `instanceof` works, `name` is the class name and `code` is a
// stable string. Messages never contain a token, a secret key or an `encrypt` value.
// Each class sets its `name` as a string literal: a minifying bundler (esbuild --minify, Vite,
// terser) renames classes, so `new.target.name` alone would turn "ValidationError" into "w".

/** The base class of every error this package throws. */
export class CodeArtsDeployError extends Error {
  constructor(message, code, options) {
    super(message, options);
    this.name = new.target === CodeArtsDeployError ? "CodeArtsDeployError" : new.target.name;
    this.code = code;
  }
}

/** The input breaks one or more rules; `issues` lists every problem with its path. */
export class ValidationError extends CodeArtsDeployError {
  constructor(message, issues) {
    super(message, "ERR_VALIDATION");
    this.name = "ValidationError";
    this.issues = issues;
  }
}

/** The client configuration is unusable; `reason` says why (e.g. `"missing_credentials"`). */
export class ConfigError extends CodeArtsDeployError {
  constructor(message, reason) {
    super(message, "ERR_CONFIG");
    this.name = "ConfigError";
    this.reason = reason;
  }
}

/** The service or its gateway answered with an error (or a 200 that reports one). */
export class DeployApiError extends CodeArtsDeployError {
  constructor(message, fields) {
    super(message, "ERR_DEPLOY_API");
    this.name = "DeployApiError";
    this.status = fields.status;
    this.errorCode = fields.errorCode;
    this.errorMsg = fields.errorMsg;
    this.requestId = fields.requestId;
    this.encodedAuthorizationMessage = fields.encodedAuthorizationMessage;
    this.kind = fields.kind;
    this.attempts = fields.attempts;
  }
}

/** The call did not finish within its `timeoutMs`. */
export class TimeoutError extends CodeArtsDeployError {
  constructor(message, fields) {
    super(message, "ERR_TIMEOUT");
    this.name = "TimeoutError";
    this.timeoutMs = fields.timeoutMs;
    this.attempts = fields.attempts;
  }
}

/** The caller's `AbortSignal` cancelled the call; `reason` is the signal's reason. */
export class AbortError extends CodeArtsDeployError {
  constructor(message, fields) {
    super(message, "ERR_ABORTED");
    this.name = "AbortError";
    this.reason = fields.reason;
    this.attempts = fields.attempts;
  }
}

/** The request failed without an HTTP answer (connection refused, reset, DNS, CORS…). */
export class NetworkError extends CodeArtsDeployError {
  constructor(message, fields) {
    super(message, "ERR_NETWORK", { cause: fields.cause });
    this.name = "NetworkError";
    this.attempts = fields.attempts;
  }
}

/** A 2xx answer whose body is not a deployment record (the deployment may have started). */
export class ResponseFormatError extends CodeArtsDeployError {
  constructor(message, fields) {
    super(message, "ERR_RESPONSE_FORMAT");
    this.name = "ResponseFormatError";
    this.status = fields.status;
    this.requestId = fields.requestId;
    this.attempts = fields.attempts;
  }
}

const classes = {
  ValidationError: (message, fields) => new ValidationError(message, fields.issues),
  ConfigError: (message, fields) => new ConfigError(message, fields.reason),
  DeployApiError: (message, fields) => new DeployApiError(message, fields),
  TimeoutError: (message, fields) => new TimeoutError(message, fields),
  AbortError: (message, fields) => new AbortError(message, fields),
  NetworkError: (message, fields) => new NetworkError(message, fields),
  ResponseFormatError: (message, fields) => new ResponseFormatError(message, fields),
};

/**
 * Builds an error of the named class. Called by the WebAssembly module; not part of the API.
 * @internal
 */
export function makeError(name, message, fields) {
  const make = classes[name] ?? ((m) => new CodeArtsDeployError(m, "ERR_INTERNAL"));
  return make(message, fields ?? {});
}

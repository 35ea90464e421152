// The error classes every function of the package throws or rejects with.
// They are real Error subclasses: `instanceof` works, `name` is the class name and `code` is a
// stable string. Messages never contain a token, a secret key or an `encrypt` value.
// Each class sets its `name` as a string literal: a minifying bundler (esbuild --minify, Vite,
// terser) renames classes, so `new.target.name` alone would turn "ValidationError" into "w".
// The WebAssembly module imports each class by name (src/wasm/errors.rs): there is no lookup
// by a name string and no fallback class.

/**
 * The base class of every error this package throws. `$metadata` says what is known of the
 * requests behind it: `{ httpStatusCode?, requestId?, attempts }`. `mayHaveStarted` is true
 * only where the service may have acted (a connection lost or a timeout after sending, a
 * 502/503/504, an unreadable 2xx); false where it cannot have (validation, config, a refused
 * connection, any other answer), and always false for reads.
 */
export class CodeArtsDeployError extends Error {
  constructor(message, code, options) {
    super(message, options && "cause" in options ? { cause: options.cause } : undefined);
    this.name = new.target === CodeArtsDeployError ? "CodeArtsDeployError" : new.target.name;
    this.code = code;
    this.$metadata = options?.$metadata ?? { attempts: options?.attempts ?? 0 };
    this.mayHaveStarted = options?.mayHaveStarted === true;
  }
}

/** The input breaks one or more rules; `issues` lists every problem with its path. */
export class ValidationError extends CodeArtsDeployError {
  constructor(message, issues, fields) {
    super(message, "ERR_VALIDATION", fields);
    this.name = "ValidationError";
    this.issues = issues;
  }
}

/** The client configuration is unusable; `reason` says why (e.g. `"missing_credentials"`). */
export class ConfigError extends CodeArtsDeployError {
  constructor(message, reason, fields) {
    super(message, "ERR_CONFIG", fields);
    this.name = "ConfigError";
    this.reason = reason;
  }
}

/**
 * A subclass of `CodeArtsDeployError` named `name` (a string literal at each call, so minifiers
 * keep it), with the stable `code`, whose constructor `(message, fields)` copies `fieldNames`.
 */
function errorClass(name, code, fieldNames) {
  const ErrorClass = class extends CodeArtsDeployError {
    constructor(message, fields) {
      super(message, code, fields);
      this.name = name;
      for (const field of fieldNames) this[field] = fields[field];
    }
  };
  Object.defineProperty(ErrorClass, "name", { value: name });
  return ErrorClass;
}

/** The service or its gateway answered with an error (or a 200 that reports one). */
export const DeployApiError = errorClass("DeployApiError", "ERR_DEPLOY_API", [
  "status",
  "errorCode",
  "errorMsg",
  "requestId",
  "encodedAuthorizationMessage",
  "kind",
  "attempts",
]);

/** The call did not finish within its `timeoutMs`. */
export const TimeoutError = errorClass("TimeoutError", "ERR_TIMEOUT", ["timeoutMs", "attempts"]);

/** The caller's `AbortSignal` cancelled the call; `reason` is the signal's reason. */
export const AbortError = errorClass("AbortError", "ERR_ABORTED", ["reason", "attempts"]);

/** The request failed without an HTTP answer (connection refused, reset, DNS, CORS…); `cause` is what `fetch` threw. */
export const NetworkError = errorClass("NetworkError", "ERR_NETWORK", ["attempts"]);

/** A 2xx answer whose body is not a deployment record (the deployment may have started). */
export const ResponseFormatError = errorClass("ResponseFormatError", "ERR_RESPONSE_FORMAT", ["status", "requestId", "attempts"]);

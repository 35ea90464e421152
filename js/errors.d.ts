import type { Issue, ResponseMetadata } from "../pkg/codearts_deploy_wasm.js";

/** The stable `code` of each error class. */
export type CodeArtsDeployErrorCode =
  | "ERR_VALIDATION"
  | "ERR_CONFIG"
  | "ERR_DEPLOY_API"
  | "ERR_TIMEOUT"
  | "ERR_ABORTED"
  | "ERR_NETWORK"
  | "ERR_RESPONSE_FORMAT";

/** What the constructors of the error classes read besides the message. */
export interface ErrorFields extends ErrorOptions {
  /** The request metadata; `{ attempts: attempts ?? 0 }` when not given. */
  $metadata?: ResponseMetadata;
  /** How many requests were sent. */
  attempts?: number;
  /** Whether the service may have acted on a request of the call; `false` when not given. */
  mayHaveStarted?: boolean;
}

/** The base class of every error this package throws. */
export class CodeArtsDeployError extends Error {
  constructor(message: string, code: CodeArtsDeployErrorCode, options?: ErrorFields);
  /** A stable code: `ERR_VALIDATION`, `ERR_CONFIG`, `ERR_DEPLOY_API`, `ERR_TIMEOUT`, `ERR_ABORTED`, `ERR_NETWORK` or `ERR_RESPONSE_FORMAT`. */
  readonly code: CodeArtsDeployErrorCode;
  /** What is known of the requests behind the error: HTTP status, request id, attempts (0 when nothing was sent). */
  readonly $metadata: ResponseMetadata;
  /**
   * Whether the service may have acted on a request of this call, so a retry could start a
   * second deployment: `true` only for a connection lost or a timeout after sending, a
   * 502/503/504, an unreadable 2xx (or when an earlier attempt was one of these); `false` for
   * validation and config errors, a refused connection, any other answer (4xx, 500, a 2xx that
   * reports a failure, a redirect), an abort before anything was sent, a start that
   * reconciling found did not start, and every error of a read (`getDeployStatus`,
   * `waitForDeployment`, `getExecutionParams`).
   */
  readonly mayHaveStarted: boolean;
}

/** The input breaks one or more rules; nothing was sent. */
export class ValidationError extends CodeArtsDeployError {
  constructor(message: string, issues: Issue[], fields?: ErrorFields);
  readonly code: "ERR_VALIDATION";
  /** Every problem found, with its path. */
  readonly issues: Issue[];
}

/** Reasons of a `ConfigError`. */
export type ConfigErrorReason =
  | "invalid_config"
  | "invalid_options"
  | "unknown_option"
  | "missing_endpoint"
  | "conflicting_endpoint"
  | "unknown_region"
  | "invalid_endpoint"
  | "missing_credentials"
  | "incomplete_credentials"
  | "conflicting_credentials"
  | "invalid_header_value"
  | "token_too_long"
  | "invalid_timeout"
  | "invalid_retry"
  /** A getter or `Proxy` threw while the config or options object was read. */
  | "unreadable"
  /** The config or options object holds more than 100,000 values. */
  | "too_large"
  /** `signRequest` and AK/SK signing: the request or credentials cannot be signed. */
  | "empty_access_key"
  | "invalid_access_key"
  | "empty_secret_key"
  | "empty_security_token"
  | "invalid_security_token"
  | "invalid_method"
  | "invalid_header_name"
  | "header_value_control_character"
  | "header_value_non_ascii"
  | "duplicate_header"
  | "authorization_present"
  | "invalid_sdk_date"
  | "time_out_of_range"
  | "hmac_key"
  /** The URL to sign is refused. */
  | "url_empty"
  | "url_invalid_character"
  | "url_not_absolute"
  | "url_unsupported_scheme"
  | "url_userinfo"
  | "url_empty_host"
  | "url_invalid_host"
  | "url_invalid_port"
  | "url_dot_segment"
  | "url_endpoint_query"
  | "url_endpoint_fragment"
  | (string & {});

/** The configuration (or a call's options) cannot be used; nothing was sent. */
export class ConfigError extends CodeArtsDeployError {
  constructor(message: string, reason: ConfigErrorReason, fields?: ErrorFields);
  readonly code: "ERR_CONFIG";
  readonly reason: ConfigErrorReason;
}

/** What a `DeployApiError` means for the caller. */
export type DeployApiErrorKind =
  | "conflict"
  | "not_found"
  | "draft"
  | "forbidden"
  | "unauthorized"
  | "throttled"
  | "bad_request"
  | "server";

/** The service or its gateway answered with an error (or with a 200 that reports one). */
export class DeployApiError extends CodeArtsDeployError {
  constructor(
    message: string,
    fields: {
      status: number;
      errorCode: string;
      errorMsg: string;
      requestId: string | null;
      encodedAuthorizationMessage: string | null;
      kind: DeployApiErrorKind;
      attempts: number;
      $metadata?: ResponseMetadata;
    },
  );
  readonly code: "ERR_DEPLOY_API";
  /** The HTTP status (200 for a 200 that reports a failure). */
  readonly status: number;
  /** The API's code, e.g. `"Deploy.00011027"` or `"APIGW.0301"`; the status when the body had none. */
  readonly errorCode: string;
  readonly errorMsg: string;
  readonly requestId: string | null;
  readonly encodedAuthorizationMessage: string | null;
  readonly kind: DeployApiErrorKind;
  /** How many requests were sent. */
  readonly attempts: number;
}

/** The call did not finish within its `timeoutMs`. */
export class TimeoutError extends CodeArtsDeployError {
  constructor(message: string, fields: { timeoutMs: number; attempts: number; $metadata?: ResponseMetadata });
  readonly code: "ERR_TIMEOUT";
  readonly timeoutMs: number;
  readonly attempts: number;
}

/** The caller's `AbortSignal` cancelled the call. */
export class AbortError extends CodeArtsDeployError {
  constructor(message: string, fields: { reason: unknown; attempts: number; $metadata?: ResponseMetadata });
  readonly code: "ERR_ABORTED";
  /** The signal's reason. */
  readonly reason: unknown;
  readonly attempts: number;
}

/** The request failed without an HTTP answer; `cause` is what `fetch` threw. */
export class NetworkError extends CodeArtsDeployError {
  constructor(message: string, fields: { cause: unknown; attempts: number; $metadata?: ResponseMetadata });
  readonly code: "ERR_NETWORK";
  readonly attempts: number;
}

/** A 2xx answer whose body is not a deployment record: the deployment may have started. */
export class ResponseFormatError extends CodeArtsDeployError {
  constructor(message: string, fields: { status: number; requestId: string | null; attempts: number; $metadata?: ResponseMetadata });
  readonly code: "ERR_RESPONSE_FORMAT";
  readonly status: number;
  readonly requestId: string | null;
  readonly attempts: number;
}

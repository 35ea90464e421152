// The exit codes of the `codearts-deploy` command (documented in the README and in --help), and
// the one place that maps a thrown error to its code.

/** Exit codes; a CI step can branch on them. */
export const EXIT = Object.freeze({
  /** Started (with --wait: succeeded); `validate`: valid; `status`: read, not failed. */
  OK: 0,
  /** The deployment failed. */
  FAILED: 1,
  /** A usage error or an invalid input or configuration: nothing was sent. */
  USAGE: 2,
  /** The API answered an error (its errorCode, errorMsg and request id are printed). */
  API: 3,
  /** A network error, a timeout or an unreadable answer. */
  NETWORK: 4,
  /** Interrupted (Ctrl-C). */
  INTERRUPTED: 130,
});

/** A command line that cannot be run as written: exit 2, nothing sent. */
export class UsageError extends Error {
  constructor(message, { command } = {}) {
    super(message);
    this.name = "UsageError";
    this.code = "ERR_USAGE";
    this.command = command;
  }
}

const BY_NAME = {
  UsageError: EXIT.USAGE,
  ValidationError: EXIT.USAGE,
  ConfigError: EXIT.USAGE,
  DeployApiError: EXIT.API,
  TimeoutError: EXIT.NETWORK,
  NetworkError: EXIT.NETWORK,
  ResponseFormatError: EXIT.NETWORK,
  AbortError: EXIT.INTERRUPTED,
};

/** The exit code for `error`; anything unexpected counts as "no usable answer" (4). */
export function exitCodeOf(error) {
  return BY_NAME[error?.name] ?? EXIT.NETWORK;
}

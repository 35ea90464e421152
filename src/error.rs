//! The core's errors: [`ConfigError`] (a configuration or option that cannot be used) and
//! [`Error`], the one error a client call ends with. The wasm skin turns an [`Error`] into a
//! JavaScript `Error` subclass in one place (`src/wasm/errors.rs`).
//!
//! ```
//! use codearts_deploy_wasm::error::{ConfigError, Error};
//! let error = Error::from(ConfigError::new("missing_endpoint", "Give config.region."));
//! assert_eq!(error.code(), "ERR_CONFIG");
//! assert_eq!(error.to_string(), "Give config.region.");
//! assert_eq!(error.metadata(0).attempts, 0);
//! ```

use std::fmt;

use crate::issue::Issue;
use crate::locale::Locale;
use crate::model::ResponseMetadata;
use crate::response::{DeployApiError, ResponseError, ResponseFormatError};
use crate::sign::SignError;

/// A configuration or option problem. `reason` is stable (the JavaScript `ConfigError.reason`);
/// `message` is English and names the option, never its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// A stable, machine-readable reason, e.g. `"missing_credentials"`.
    pub reason: &'static str,
    /// What is wrong and how to fix it, in English.
    pub message: String,
}

impl ConfigError {
    /// A new error.
    ///
    /// ```
    /// let e = codearts_deploy_wasm::error::ConfigError::new("invalid_timeout", "too long");
    /// assert_eq!((e.reason, e.message.as_str()), ("invalid_timeout", "too long"));
    /// ```
    pub fn new(reason: &'static str, message: impl Into<String>) -> ConfigError {
        ConfigError {
            reason,
            message: message.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

/// A request that cannot be signed is a configuration problem of the caller; the one place a
/// [`SignError`] becomes a [`ConfigError`] (its code is the reason).
///
/// ```
/// use codearts_deploy_wasm::{error::ConfigError, sign::SignError};
/// let e = ConfigError::from(SignError::EmptySecretKey);
/// assert_eq!(e.reason, "empty_secret_key");
/// assert_eq!(e.message, "Cannot sign the request: the secret key (SK) is empty.");
/// ```
impl From<SignError> for ConfigError {
    fn from(error: SignError) -> Self {
        ConfigError::new(error.code(), format!("Cannot sign the request: {error}."))
    }
}

/// Why a client call (or a free function of the API) failed. Each variant is one JavaScript
/// error class of `js/errors.js`; none of them holds a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input breaks one or more rules (`ValidationError`); nothing was sent.
    Validation {
        /// Every issue found.
        issues: Vec<Issue>,
        /// The language of the issues, and so of the message.
        locale: Locale,
    },
    /// The configuration or a call's options cannot be used (`ConfigError`); nothing was sent.
    Config(ConfigError),
    /// The service or its gateway answered with an error (`DeployApiError`).
    DeployApi(DeployApiError),
    /// A 2xx answer whose body is not what was asked for (`ResponseFormatError`).
    ResponseFormat(ResponseFormatError),
    /// The call outlived its timeout (`TimeoutError`).
    Timeout {
        /// The timeout, in milliseconds.
        timeout_ms: u32,
        /// The status of an answer whose body was still being read, if one had arrived.
        answered: Option<u16>,
    },
    /// A read of a run (or a wait for its end) outlived its timeout (`TimeoutError`). Reads
    /// start nothing: the deployment is as it was.
    ReadTimeout {
        /// The call, e.g. `"waitForDeployment"`.
        what: &'static str,
        /// The timeout, in milliseconds.
        timeout_ms: u32,
    },
    /// The caller's `AbortSignal` cancelled the call (`AbortError`).
    Abort,
    /// The request failed before an HTTP answer arrived (`NetworkError`).
    Network {
        /// What `fetch` said, possibly empty.
        detail: String,
        /// Whether the failure shows the request never left (see [`refused_before_sending`]).
        refused: bool,
    },
}

/// Whether the service may have acted on a request it answered with `status`: a 2xx (it did,
/// or may have), or a 502/503/504 (a gateway lost or gave up on the backend's answer).
///
/// ```
/// use codearts_deploy_wasm::error::answer_may_have_started;
/// assert!(answer_may_have_started(200) && answer_may_have_started(504));
/// assert!(!answer_may_have_started(429) && !answer_may_have_started(500));
/// ```
pub fn answer_may_have_started(status: u16) -> bool {
    (200..300).contains(&status) || (502..=504).contains(&status)
}

/// Whether a network error's system code (Node's `error.cause.code`) shows the request never
/// left: the connection was refused or the host name did not resolve. Any other failure (a
/// reset, a timeout, or no code at all, as in browsers) may have come after sending.
///
/// ```
/// use codearts_deploy_wasm::error::refused_before_sending;
/// assert!(refused_before_sending("ECONNREFUSED"));
/// assert!(!refused_before_sending("ECONNRESET"));
/// ```
pub fn refused_before_sending(code: &str) -> bool {
    matches!(code, "ECONNREFUSED" | "ENOTFOUND" | "EAI_AGAIN")
}

impl Error {
    /// The stable `code` of the JavaScript error class.
    ///
    /// ```
    /// assert_eq!(codearts_deploy_wasm::error::Error::Abort.code(), "ERR_ABORTED");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation { .. } => "ERR_VALIDATION",
            Error::Config(_) => "ERR_CONFIG",
            Error::DeployApi(_) => "ERR_DEPLOY_API",
            Error::ResponseFormat(_) => "ERR_RESPONSE_FORMAT",
            Error::Timeout { .. } | Error::ReadTimeout { .. } => "ERR_TIMEOUT",
            Error::Abort => "ERR_ABORTED",
            Error::Network { .. } => "ERR_NETWORK",
        }
    }

    /// Whether the service may have acted on the request this error is about (the JavaScript
    /// `mayHaveStarted`, before the call adds what its earlier attempts may have done): true
    /// for an unreadable 2xx, a 502/503/504, a timeout (unless the answer that had arrived
    /// says otherwise) and a network error that may have come after sending; false for a
    /// validation or configuration error, any other answer (4xx, 500, a 2xx reporting a
    /// failure, a redirect), a refused connection and an abort (the call knows whether a
    /// request was in flight).
    ///
    /// ```
    /// use codearts_deploy_wasm::error::Error;
    /// assert!(Error::Timeout { timeout_ms: 5, answered: None }.may_have_started());
    /// assert!(!Error::Timeout { timeout_ms: 5, answered: Some(429) }.may_have_started());
    /// assert!(!Error::Network { detail: String::new(), refused: true }.may_have_started());
    /// ```
    pub fn may_have_started(&self) -> bool {
        match self {
            // A read starts nothing.
            Error::Validation { .. }
            | Error::Config(_)
            | Error::Abort
            | Error::ReadTimeout { .. } => false,
            Error::DeployApi(e) => (502..=504).contains(&e.status),
            Error::ResponseFormat(_) => true,
            Error::Timeout { answered, .. } => answered.is_none_or(answer_may_have_started),
            Error::Network { refused, .. } => !refused,
        }
    }

    /// The request metadata of this error after `attempts` requests were sent.
    ///
    /// ```
    /// use codearts_deploy_wasm::error::Error;
    /// let timeout = Error::Timeout { timeout_ms: 5, answered: Some(200) };
    /// assert_eq!(timeout.metadata(1).http_status_code, Some(200));
    /// ```
    pub fn metadata(&self, attempts: u32) -> ResponseMetadata {
        let (http_status_code, request_id) = match self {
            Error::DeployApi(e) => (Some(e.status), e.request_id.clone()),
            Error::ResponseFormat(e) => (Some(e.status), e.request_id.clone()),
            Error::Timeout { answered, .. } => (*answered, None),
            Error::Validation { .. }
            | Error::Config(_)
            | Error::ReadTimeout { .. }
            | Error::Abort
            | Error::Network { .. } => (None, None),
        };
        ResponseMetadata {
            http_status_code,
            request_id,
            attempts,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation { issues, locale } => {
                let first = issues.first().map(|i| i.message.as_str()).unwrap_or("");
                match (locale, issues.len().saturating_sub(1)) {
                    (Locale::En, 0) => write!(f, "Invalid StartDeployTask input: {first}"),
                    (Locale::En, n) => {
                        write!(f, "Invalid StartDeployTask input: {first} (and {n} more)")
                    }
                    (Locale::ZhCn, 0) => write!(f, "StartDeployTask 输入无效：{first}"),
                    (Locale::ZhCn, n) => {
                        write!(f, "StartDeployTask 输入无效：{first}（另有 {n} 个问题）")
                    }
                }
            }
            Error::Config(e) => e.fmt(f),
            Error::DeployApi(e) => e.fmt(f),
            Error::ResponseFormat(e) => e.fmt(f),
            Error::Timeout {
                timeout_ms,
                answered: Some(status @ 200..=299),
            } => write!(
                f,
                "The call did not finish within {timeout_ms} ms and was cancelled while reading the answer: the service had answered {status}, so the deployment has probably started. Check before retrying."
            ),
            Error::Timeout {
                timeout_ms,
                answered: Some(status),
            } => write!(
                f,
                "The call did not finish within {timeout_ms} ms and was cancelled while reading the service's {status} answer."
            ),
            Error::Timeout {
                timeout_ms,
                answered: None,
            } => write!(
                f,
                "The call did not finish within {timeout_ms} ms and was cancelled; the request may have reached the service, so the deployment may have started. Check before retrying."
            ),
            Error::ReadTimeout { what, timeout_ms } => write!(
                f,
                "{what} did not finish within {timeout_ms} ms and was stopped; this stops only the reading, not the deployment."
            ),
            Error::Abort => f.write_str("The call was cancelled by its AbortSignal."),
            Error::Network { detail, .. } if detail.is_empty() => {
                f.write_str("The request failed before an HTTP answer arrived.")
            }
            Error::Network { detail, .. } => write!(
                f,
                "The request failed before an HTTP answer arrived: {detail}"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Config(e) => Some(e),
            Error::DeployApi(e) => Some(e),
            Error::ResponseFormat(e) => Some(e),
            _ => None,
        }
    }
}

impl From<ConfigError> for Error {
    fn from(error: ConfigError) -> Self {
        Error::Config(error)
    }
}

impl From<ResponseError> for Error {
    fn from(error: ResponseError) -> Self {
        match error {
            ResponseError::Api(e) => Error::DeployApi(e),
            ResponseError::Format(e) => Error::ResponseFormat(e),
        }
    }
}

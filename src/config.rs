//! The client configuration: where to send, how to authenticate, timeouts and retries.
//!
//! Configuration errors are programmer errors: the first one found is reported, as a
//! [`ConfigError`] with a stable code and a message that never contains a secret.
//!
//! ```
//! use codearts_deploy_wasm::config::{parse_config, Auth};
//! let config = parse_config(&serde_json::json!({ "region": "cn-north-4", "token": "t" })).unwrap();
//! assert_eq!(config.endpoint, "https://codearts-deploy.cn-north-4.myhuaweicloud.com");
//! assert!(matches!(config.auth, Auth::Token(_)));
//!
//! let error = parse_config(&serde_json::json!({ "region": "cn-north-4" })).unwrap_err();
//! assert_eq!(error.reason, "missing_credentials");
//! ```

use serde_json::{Map, Value};

pub use crate::error::ConfigError;
pub use crate::fields::reject_unknown;
use crate::fields::{names_of, optional_bool, optional_string, present, whole_number};
use crate::locale::Locale;
use crate::options::ClientOptions;
use crate::redact::Secret;
use crate::region::{endpoint_for, REGIONS};
use crate::retry::RetryPolicy;
use crate::sign::{check_credentials, Credentials};
use crate::text::utf16_len;

/// Longest token the API accepts (R3).
pub const TOKEN_MAX_LENGTH: usize = 20000;
/// The request timeout when none is configured.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
/// The longest timeout accepted (ten minutes).
pub const MAX_TIMEOUT_MS: u32 = 600_000;

/// How requests are authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// An IAM user token sent as `X-Auth-Token` (R3).
    Token(Secret),
    /// An access key / secret key pair signing each request (`SDK-HMAC-SHA256`).
    AkSk {
        /// The access key id (AK); not secret, it appears in `Authorization`.
        access_key: String,
        /// The secret access key (SK).
        secret_key: Secret,
        /// The security token of temporary credentials.
        security_token: Option<Secret>,
    },
}

/// A checked client configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// The base URL requests go to, without a trailing slash (may hold a base path).
    pub endpoint: String,
    /// How requests are authenticated.
    pub auth: Auth,
    /// Sent as `X-Project-Id` when given.
    pub project_id: Option<String>,
    /// The whole call's deadline, retries included, in milliseconds.
    pub timeout_ms: u32,
    /// When a failed attempt is sent again.
    pub retry: RetryPolicy,
    /// The language of validation messages in errors.
    pub locale: Locale,
    /// Confirm an uncertain start by reading the task's latest run (see [`crate::reconcile`]).
    pub reconcile: bool,
}

/// Reads and checks a configuration object (the JavaScript `ClientConfig`, declared by
/// [`ClientOptions`]).
pub fn parse_config(value: &Value) -> Result<ClientConfig, ConfigError> {
    let object = value.as_object().ok_or_else(|| {
        ConfigError::new("invalid_config", "The client config must be an object.")
    })?;
    reject_unknown(object, names_of::<ClientOptions>(), "config")?;
    let endpoint = endpoint(object)?;
    let auth = auth(object)?;
    let project_id = non_empty(object, "projectId")?.map(str::to_string);
    if let Some(project_id) = &project_id {
        check_header_value(project_id, "projectId")?;
    }
    let timeout_ms = match present(object.get("timeoutMs")) {
        None => DEFAULT_TIMEOUT_MS,
        Some(value) => parse_timeout(value, "config.timeoutMs")?,
    };
    let retry = match present(object.get("retry")) {
        None => RetryPolicy::default(),
        Some(value) => RetryPolicy::parse(value)?,
    };
    // A configured locale is checked now (see the policy in `crate::locale`).
    let locale = match config_string(object, "locale")? {
        None => Locale::default(),
        Some(tag) => Locale::parse(tag).ok_or_else(|| {
            ConfigError::new(
                "invalid_config",
                "config.locale must be \"en\" or \"zh-CN\".",
            )
        })?,
    };
    let reconcile =
        optional_bool(object, "reconcile", "config", "invalid_config")?.unwrap_or(false);
    Ok(ClientConfig {
        locale,
        reconcile,
        endpoint,
        auth,
        project_id,
        timeout_ms,
        retry,
    })
}

/// Reads a timeout in milliseconds: a whole number from 1 to [`MAX_TIMEOUT_MS`].
pub fn parse_timeout(value: &Value, name: &str) -> Result<u32, ConfigError> {
    whole_number(value, 1, MAX_TIMEOUT_MS).ok_or_else(|| {
        ConfigError::new(
            "invalid_timeout",
            format!("{name} must be a whole number of milliseconds from 1 to {MAX_TIMEOUT_MS}."),
        )
    })
}

/// A non-empty string option, or `None` when absent or empty.
fn non_empty<'v>(
    object: &'v Map<String, Value>,
    name: &str,
) -> Result<Option<&'v str>, ConfigError> {
    Ok(config_string(object, name)?.filter(|s| !s.is_empty()))
}

/// A string option of the config, `None` when absent.
fn config_string<'v>(
    object: &'v Map<String, Value>,
    name: &str,
) -> Result<Option<&'v str>, ConfigError> {
    optional_string(object, name, "config", "invalid_config")
}

/// Checks that a value can travel in an HTTP header: printable ASCII only, so no CR/LF can
/// inject a header. The message names the option and the position, never the value.
pub fn check_header_value(value: &str, name: &str) -> Result<(), ConfigError> {
    match value.chars().position(|c| !(' '..='~').contains(&c)) {
        None => Ok(()),
        Some(index) => Err(ConfigError::new(
            "invalid_header_value",
            format!(
                "config.{name} holds a character that cannot be sent in an HTTP header (at position {}).",
                index + 1
            ),
        )),
    }
}

fn endpoint(object: &Map<String, Value>) -> Result<String, ConfigError> {
    let region = non_empty(object, "region")?;
    let endpoint = non_empty(object, "endpoint")?;
    match (region, endpoint) {
        (Some(_), Some(_)) => Err(ConfigError::new(
            "conflicting_endpoint",
            "Give either config.region or config.endpoint, not both.",
        )),
        (None, None) => Err(ConfigError::new(
            "missing_endpoint",
            "Give config.region (e.g. \"cn-north-4\") or config.endpoint (an http(s) URL).",
        )),
        (Some(region), None) => endpoint_for(region).ok_or_else(|| {
            ConfigError::new(
                "unknown_region",
                format!(
                    "config.region is not a known region; known regions: {}. Use config.endpoint for others.",
                    REGIONS.join(", ")
                ),
            )
        }),
        (None, Some(endpoint)) => check_endpoint(endpoint),
    }
}

/// Checks an explicit endpoint (`http(s)://host[:port][/base/path]`) and returns it without a
/// trailing slash.
pub fn check_endpoint(endpoint: &str) -> Result<String, ConfigError> {
    let invalid = |why: &str| {
        ConfigError::new(
            "invalid_endpoint",
            format!(
                "config.endpoint must be an absolute http(s) URL without query or fragment: {why}."
            ),
        )
    };
    crate::url::parse_endpoint(endpoint).map_err(|e| invalid(e.message()))?;
    Ok(endpoint.trim_end_matches('/').to_string())
}

fn auth(object: &Map<String, Value>) -> Result<Auth, ConfigError> {
    let token = non_empty(object, "token")?;
    let access_key = non_empty(object, "accessKey")?;
    let secret_key = non_empty(object, "secretKey")?;
    let security_token = non_empty(object, "securityToken")?;
    let choice = config_string(object, "auth")?;
    let has_aksk = access_key.is_some() || secret_key.is_some();
    let use_token = match choice {
        Some("token") => true,
        Some("aksk") => false,
        Some(_) => {
            return Err(ConfigError::new(
                "invalid_config",
                "config.auth must be \"token\" or \"aksk\".",
            ))
        }
        None if token.is_some() && has_aksk => {
            return Err(ConfigError::new(
                "conflicting_credentials",
                "Both a token and an access key / secret key are configured; set config.auth to \"token\" or \"aksk\" to say which to use.",
            ))
        }
        None => token.is_some(),
    };
    if use_token {
        let token = token.ok_or_else(|| {
            ConfigError::new(
                "missing_credentials",
                "config.auth is \"token\" but config.token is empty.",
            )
        })?;
        check_token(token)?;
        return Ok(Auth::Token(Secret::new(token.to_string())));
    }
    match (access_key, secret_key) {
        (Some(access_key), Some(secret_key)) => {
            check_header_value(access_key, "accessKey")?;
            check_header_value(secret_key, "secretKey")?;
            if let Some(security_token) = security_token {
                check_header_value(security_token, "securityToken")?;
            }
            // The signer's own rule, checked once here rather than failing every call.
            check_credentials(&Credentials {
                access_key,
                secret_key,
                security_token,
            })
            .map_err(|e| {
                ConfigError::new(
                    e.code(),
                    format!("The configured credentials cannot sign a request: {e}."),
                )
            })?;
            Ok(Auth::AkSk {
                access_key: access_key.to_string(),
                secret_key: Secret::new(secret_key.to_string()),
                security_token: security_token.map(|t| Secret::new(t.to_string())),
            })
        }
        (Some(_), None) | (None, Some(_)) => Err(ConfigError::new(
            "incomplete_credentials",
            "config.accessKey and config.secretKey go together; one of them is missing.",
        )),
        (None, None) => Err(ConfigError::new(
            "missing_credentials",
            "Give config.token, or config.accessKey with config.secretKey.",
        )),
    }
}

/// R3: a token of at most 20000 characters that can travel in a header.
fn check_token(token: &str) -> Result<(), ConfigError> {
    let length = utf16_len(token);
    if length > TOKEN_MAX_LENGTH {
        return Err(ConfigError::new(
            "token_too_long",
            format!(
                "config.token must be at most {TOKEN_MAX_LENGTH} characters (it has {length})."
            ),
        ));
    }
    check_header_value(token, "token")
}

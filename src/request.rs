//! The request builder: URL, headers and compact JSON body of a `StartDeployTask` call.
//!
//! ```
//! use codearts_deploy_wasm::{config::parse_config, request::prepare, validate::parse_input, locale::Locale};
//! let input = parse_input(&serde_json::json!({
//!     "taskId": "d2dc947ec2424d8789bb3984bb3adf45", "triggerSource": 0
//! }), Locale::En).unwrap();
//! let config = parse_config(&serde_json::json!({ "endpoint": "http://127.0.0.1:8080", "token": "t" })).unwrap();
//! let request = prepare(&input, &config, 0.0).unwrap();
//! assert_eq!(request.url, "http://127.0.0.1:8080/v2/tasks/d2dc947ec2424d8789bb3984bb3adf45/start");
//! assert_eq!(request.body, r#"{"trigger_source":"0"}"#);
//! assert!(request.headers.contains(&("X-Auth-Token".to_string(), "t".to_string())));
//! ```

use serde::Serialize;

use crate::config::{Auth, ClientConfig, ConfigError};
use crate::find::rfind;
use crate::json_text::push_string;
use crate::model::{DeployParam, EnvExecutionBody, ParamType, StartDeployTaskInput};
use crate::redact::MASK;
use crate::sign;

/// The media type sent with every body (R2).
pub const CONTENT_TYPE: &str = "application/json";

/// Everything needed to send the call with any HTTP client.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct PreparedRequest {
    /// `POST` for a start, `GET` for the reads of a run.
    pub method: &'static str,
    /// The absolute URL, e.g. `{endpoint}/v2/tasks/{task_id}/start`.
    pub url: String,
    /// Header names and values, in the order they were added.
    pub headers: Vec<(String, String)>,
    /// The JSON body (`EnvExecutionBody`).
    pub body: String,
}

impl std::fmt::Debug for PreparedRequest {
    /// Debug output never shows secrets: it is the preview's.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &mask_headers(&self.headers))
            .field("body", &"…")
            .finish()
    }
}

/// The URL of the call: the endpoint (with any base path) and `/v2/tasks/{task_id}/start`.
///
/// `task_id` is always a validated 32-character alphanumeric id, so it needs no encoding.
pub fn start_url(endpoint: &str, task_id: &str) -> String {
    format!(
        "{}/v2/tasks/{task_id}/start",
        endpoint.trim_end_matches('/')
    )
}

/// The compact JSON body (`EnvExecutionBody`), with `trigger_source` as a string; written
/// directly, exactly as `serde_json` writes [`EnvExecutionBody`].
pub fn body_json(input: &StartDeployTaskInput) -> String {
    let body = EnvExecutionBody::from(input);
    let mut out = String::with_capacity(64);
    let field = |out: &mut String, name: &str| {
        out.push(if out.is_empty() { '{' } else { ',' });
        push_string(out, name);
        out.push(':');
    };
    if let Some(params) = body.params {
        field(&mut out, "params");
        out.push('[');
        for (i, param) in params.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"key\":");
            push_string(&mut out, &param.key);
            out.push_str(",\"value\":");
            push_string(&mut out, &param.value);
            out.push_str(",\"type\":");
            push_string(&mut out, param.param_type.as_str());
            out.push('}');
        }
        out.push(']');
    }
    if let Some(record_id) = body.record_id {
        field(&mut out, "record_id");
        push_string(&mut out, record_id);
    }
    if let Some(trigger_source) = body.trigger_source {
        field(&mut out, "trigger_source");
        push_string(&mut out, trigger_source.as_str());
    }
    if out.is_empty() {
        out.push('{');
    }
    out.push('}');
    out
}

/// Builds the request, authenticated as `config` says. `now_millis` (Unix time) dates an AK/SK
/// signature; token requests ignore it.
pub fn prepare(
    input: &StartDeployTaskInput,
    config: &ClientConfig,
    now_millis: f64,
) -> Result<PreparedRequest, ConfigError> {
    let url = start_url(&config.endpoint, &input.task_id);
    let body = body_json(input);
    let headers = authenticated_headers("POST", &url, &body, config, now_millis)?;
    Ok(PreparedRequest {
        method: "POST",
        url,
        headers,
        body,
    })
}

/// Builds a `GET` of `url` (no body), authenticated as [`prepare`] does.
///
/// ```
/// use codearts_deploy_wasm::{config::parse_config, request::prepare_get};
/// let config = parse_config(&serde_json::json!({ "endpoint": "http://127.0.0.1:8080", "token": "t" })).unwrap();
/// let request = prepare_get("http://127.0.0.1:8080/v2/tasks/x/state".into(), &config, 0.0).unwrap();
/// assert_eq!((request.method, request.body.as_str()), ("GET", ""));
/// ```
pub fn prepare_get(
    url: String,
    config: &ClientConfig,
    now_millis: f64,
) -> Result<PreparedRequest, ConfigError> {
    let headers = authenticated_headers("GET", &url, "", config, now_millis)?;
    Ok(PreparedRequest {
        method: "GET",
        url,
        headers,
        body: String::new(),
    })
}

/// Every header of a request: `Content-Type`, `X-Project-Id` when configured, and the token or
/// the AK/SK signature of `method`, `url` and `body`.
fn authenticated_headers(
    method: &str,
    url: &str,
    body: &str,
    config: &ClientConfig,
    now_millis: f64,
) -> Result<Vec<(String, String)>, ConfigError> {
    let mut headers = vec![("Content-Type".to_string(), CONTENT_TYPE.to_string())];
    if let Some(project_id) = &config.project_id {
        headers.push(("X-Project-Id".to_string(), project_id.clone()));
    }
    match &config.auth {
        Auth::Token(token) => {
            headers.push(("X-Auth-Token".to_string(), token.expose().to_string()));
            Ok(headers)
        }
        Auth::AkSk {
            access_key,
            secret_key,
            security_token,
        } => {
            let credentials = sign::Credentials {
                access_key,
                secret_key: secret_key.expose(),
                security_token: security_token.as_ref().map(|t| t.expose()),
            };
            let date = sign::format_sdk_date(now_millis).map_err(ConfigError::from)?;
            let request = sign::SignableRequest {
                method,
                url,
                headers: &headers,
                body: body.as_bytes(),
            };
            sign::sign(&request, &credentials, &date, false).map_err(ConfigError::from)
        }
    }
}

/// Builds the request as [`prepare`] does, then masks every secret: the token, the security
/// token, the signature and `encrypt` values. Safe to show, log or copy.
pub fn preview(
    input: &StartDeployTaskInput,
    config: &ClientConfig,
    now_millis: f64,
) -> Result<PreparedRequest, ConfigError> {
    let request = prepare(input, config, now_millis)?;
    Ok(PreparedRequest {
        headers: mask_headers(&request.headers),
        body: body_json(&mask_encrypt_values(input)),
        ..request
    })
}

/// The input with every `encrypt` value replaced by the mask.
fn mask_encrypt_values(input: &StartDeployTaskInput) -> StartDeployTaskInput {
    let params = input.params.as_ref().map(|params| {
        params
            .iter()
            .map(|p| DeployParam {
                value: if p.param_type == ParamType::Encrypt {
                    MASK.to_string()
                } else {
                    p.value.clone()
                },
                ..p.clone()
            })
            .collect()
    });
    StartDeployTaskInput {
        params,
        ..input.clone()
    }
}

/// Headers with secret values masked; the `Authorization` header keeps its access key and
/// signed-header list and loses its signature.
pub fn mask_headers(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            let lower = name.to_ascii_lowercase();
            let masked = match lower.as_str() {
                "x-auth-token" | "x-security-token" => MASK.to_string(),
                "authorization" => match rfind(value, "Signature=").and_then(|at| value.get(..at)) {
                    Some(kept) => format!("{kept}Signature={MASK}"),
                    None => MASK.to_string(),
                },
                _ => value.clone(),
            };
            (name.clone(), masked)
        })
        .collect()
}

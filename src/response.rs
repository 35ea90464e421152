//! The response side: a 2xx body into a [`DeployRecord`], every error shape of the spec into a
//! [`DeployApiError`], and bodies that cannot be read into a [`ResponseFormatError`].
//!
//! ```
//! use codearts_deploy_wasm::response::{classify, HttpAnswer, ResponseError};
//! let ok = HttpAnswer::read(200, Some("r1"), br#"{"id":"a","task_id":"t","job_name":"j","app_component_list":[]}"#);
//! let record = classify(&ok).unwrap();
//! assert_eq!((record.id.as_str(), record.metadata.http_status_code), ("a", Some(200)));
//!
//! let denied = HttpAnswer::read(401, Some("r2"), br#"{"error_code":"APIGW.0301","error_msg":"bad token"}"#);
//! let Err(ResponseError::Api(error)) = classify(&denied) else { panic!() };
//! assert_eq!(error.error_code, "APIGW.0301");
//! assert_eq!(error.request_id.as_deref(), Some("r2"));
//! ```

use serde_json::{Map, Value};

use std::fmt;

use crate::model::{AppComponent, DeployRecord, ResponseMetadata};

/// The largest answer body read; a deployment record is a few kilobytes. The skin reads the
/// body as a stream and gives up as soon as it passes this size, so a huge answer never lands
/// whole in the module's memory (which never shrinks).
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// What came back from one attempt whose status line and headers arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpAnswer {
    /// The HTTP status.
    pub status: u16,
    /// The `X-Request-Id` header (looked up case-insensitively by the reader).
    pub request_id: Option<String>,
    /// The raw `Retry-After` header, read by the retry policy.
    pub retry_after: Option<String>,
    /// The body, as far as it was read.
    pub body: AnswerBody,
}

impl HttpAnswer {
    /// An answer whose body was read whole, without `Retry-After`.
    pub fn read(status: u16, request_id: Option<&str>, body: &[u8]) -> HttpAnswer {
        HttpAnswer {
            status,
            request_id: request_id.map(str::to_string),
            retry_after: None,
            body: AnswerBody::Read(body.to_vec()),
        }
    }
}

/// The body of an answer, as far as it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerBody {
    /// Read whole.
    Read(Vec<u8>),
    /// Larger than [`MAX_BODY_BYTES`]: not read (the rest was cancelled).
    TooLarge,
    /// Reading it failed (connection reset, or the call's signal aborted): what the reader said.
    Broken(String),
}

/// The parts of an answer whose body was read whole, as the classifier reads them.
#[derive(Clone, Copy)]
pub(crate) struct ReadAnswer<'a> {
    pub(crate) status: u16,
    pub(crate) request_id: Option<&'a str>,
    pub(crate) body: &'a [u8],
}

/// The service (or its gateway) refused or failed the call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployApiError {
    /// The HTTP status (200 for a 200 that reports a failure).
    pub status: u16,
    /// A coarse, stable class of the error (see [`ErrorKind`]).
    pub kind: ErrorKind,
    /// The API's error code, e.g. `Deploy.00011027`; the status code when the body had none.
    pub error_code: String,
    /// The API's error message (or the status's reason phrase when the body had none).
    pub error_msg: String,
    /// The `X-Request-Id` header, or the body's `request_id`.
    pub request_id: Option<String>,
    /// Sent on some 403s: an encoded explanation of the missing permission.
    pub encoded_authorization_message: Option<String>,
}

/// What a [`DeployApiError`] means for the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// `Deploy.00011027`: the application is already deploying; never retried blindly.
    Conflict,
    /// `Deploy.00011020`: no such application / task.
    NotFound,
    /// `Deploy.00011042`: a draft application cannot run.
    Draft,
    /// `Deploy.00011154` or HTTP 403: no permission.
    Forbidden,
    /// `APIGW.0301` or HTTP 401: bad token or signature.
    Unauthorized,
    /// HTTP 429.
    Throttled,
    /// Any other 4xx.
    BadRequest,
    /// 5xx, or a 200 that reports a failure without a known code.
    Server,
}

impl ErrorKind {
    /// The wire name, e.g. `"conflict"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Conflict => "conflict",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Draft => "draft",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Throttled => "throttled",
            ErrorKind::BadRequest => "bad_request",
            ErrorKind::Server => "server",
        }
    }

    /// The kind of an error with this status and error code.
    ///
    /// ```
    /// use codearts_deploy_wasm::response::ErrorKind;
    /// assert_eq!(ErrorKind::of(400, "Deploy.00011027"), ErrorKind::Conflict);
    /// assert_eq!(ErrorKind::of(503, "503"), ErrorKind::Server);
    /// ```
    pub fn of(status: u16, code: &str) -> ErrorKind {
        match code {
            "Deploy.00011027" => ErrorKind::Conflict,
            "Deploy.00011020" => ErrorKind::NotFound,
            "Deploy.00011042" => ErrorKind::Draft,
            "Deploy.00011154" => ErrorKind::Forbidden,
            "APIGW.0301" => ErrorKind::Unauthorized,
            _ => match status {
                401 => ErrorKind::Unauthorized,
                403 => ErrorKind::Forbidden,
                404 => ErrorKind::NotFound,
                409 => ErrorKind::Conflict,
                429 => ErrorKind::Throttled,
                400..=499 => ErrorKind::BadRequest,
                _ => ErrorKind::Server,
            },
        }
    }
}

/// A 2xx answer whose body is not a deployment record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseFormatError {
    /// The HTTP status (a 2xx).
    pub status: u16,
    /// The `X-Request-Id` header.
    pub request_id: Option<String>,
    /// What is wrong with the body, and that the deployment may have started.
    pub message: String,
}

/// Why a call did not produce a [`DeployRecord`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseError {
    /// The service refused or failed the call.
    Api(DeployApiError),
    /// A 2xx answer whose body is not a record.
    Format(ResponseFormatError),
}

impl fmt::Display for DeployApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "CodeArts Deploy answered {} {}: {}",
            self.status, self.error_code, self.error_msg
        )
    }
}

impl std::error::Error for DeployApiError {}

impl fmt::Display for ResponseFormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ResponseFormatError {}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Api(e) => e.fmt(f),
            ResponseError::Format(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ResponseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ResponseError::Api(e) => Some(e),
            ResponseError::Format(e) => Some(e),
        }
    }
}

/// Turns an HTTP answer into a record (its metadata counting one attempt) or a typed error.
/// An answer whose body was not read whole is an error: a [`ResponseFormatError`] for a 2xx
/// (the deployment may have started), else a [`DeployApiError`] with the status.
pub fn classify(answer: &HttpAnswer) -> Result<DeployRecord, ResponseError> {
    classify_read(&readable(answer)?)
}

/// The answer with its body read whole, or the error for a body that was not.
pub(crate) fn readable(answer: &HttpAnswer) -> Result<ReadAnswer<'_>, ResponseError> {
    let why = match &answer.body {
        AnswerBody::Read(body) => {
            return Ok(ReadAnswer {
                status: answer.status,
                request_id: answer.request_id.as_deref(),
                body,
            })
        }
        AnswerBody::TooLarge => {
            format!("a body larger than {MAX_BODY_BYTES} bytes, which was not read")
        }
        AnswerBody::Broken(detail) => format!("a body that could not be read ({detail})"),
    };
    Err(unread_error(answer.status, answer.request_id.clone(), &why))
}

/// The error for a redirect, which is never followed: a deployment start is never replayed at
/// another address.
///
/// ```
/// let e = codearts_deploy_wasm::response::redirect_error(302, None);
/// assert_eq!((e.status, e.error_code.as_str()), (302, "REDIRECT"));
/// ```
pub fn redirect_error(status: u16, request_id: Option<String>) -> DeployApiError {
    DeployApiError {
        status,
        error_code: "REDIRECT".to_string(),
        error_msg: "The service answered with a redirect, which is not followed: a deployment start is never replayed at another address. Check the endpoint.".to_string(),
        request_id,
        encoded_authorization_message: None,
        kind: ErrorKind::BadRequest,
    }
}

/// The error for an answer whose body was not read whole (`why` says how).
fn unread_error(status: u16, request_id: Option<String>, why: &str) -> ResponseError {
    if (200..300).contains(&status) {
        return ResponseError::Format(ResponseFormatError {
            status,
            request_id,
            message: format!(
                "The service answered {status} with {why}; the deployment may have started, so check before retrying."
            ),
        });
    }
    let error_code = status.to_string();
    ResponseError::Api(DeployApiError {
        status,
        kind: ErrorKind::of(status, &error_code),
        error_code,
        error_msg: format!("{} ({why})", reason(status)),
        request_id,
        encoded_authorization_message: None,
    })
}

fn classify_read(answer: &ReadAnswer<'_>) -> Result<DeployRecord, ResponseError> {
    let json: Option<Value> = serde_json::from_slice(answer.body).ok();
    let object = json.as_ref().and_then(Value::as_object);
    if !(200..300).contains(&answer.status) {
        return Err(ResponseError::Api(api_error(answer, object)));
    }
    let Some(object) = object else {
        return Err(format_error(
            answer,
            "the body is not a JSON object; the deployment may have started, so check before retrying",
        ));
    };
    if reports_failure(object) {
        return Err(ResponseError::Api(api_error(answer, Some(object))));
    }
    record(object, answer).ok_or_else(|| {
        format_error(
            answer,
            "the body has no deployment record id; the deployment may have started, so check before retrying",
        )
    })
}

pub(crate) fn format_error(answer: &ReadAnswer<'_>, why: &str) -> ResponseError {
    ResponseError::Format(ResponseFormatError {
        status: answer.status,
        request_id: answer.request_id.map(str::to_string),
        message: format!("The service answered {} but {why}.", answer.status),
    })
}

/// A 2xx body that says the call failed: `"status": "failed"` or an error code.
pub(crate) fn reports_failure(object: &Map<String, Value>) -> bool {
    let failed_status = object
        .get("status")
        .and_then(Value::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("failed"));
    let has_code = ["error_code", "errorCode", "code"]
        .iter()
        .any(|k| object.get(*k).is_some_and(|v| !v.is_null()))
        || object.get("error").is_some_and(Value::is_object);
    failed_status || has_code
}

/// A string field, accepting numbers and booleans written where strings are expected.
pub(crate) fn text(object: &Map<String, Value>, name: &str) -> Option<String> {
    match object.get(name)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn record(object: &Map<String, Value>, answer: &ReadAnswer<'_>) -> Option<DeployRecord> {
    let id = text(object, "id").filter(|id| !id.is_empty())?;
    let components = object
        .get("app_component_list")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_object)
                .map(component)
                .collect()
        })
        .unwrap_or_default();
    Some(DeployRecord {
        id,
        task_id: text(object, "task_id").unwrap_or_default(),
        job_name: text(object, "job_name").unwrap_or_default(),
        app_component_list: components,
        request_id: answer.request_id.map(str::to_string),
        reconciled: None,
        metadata: ResponseMetadata {
            http_status_code: Some(answer.status),
            request_id: answer.request_id.map(str::to_string),
            attempts: 1,
        },
    })
}

fn component(object: &Map<String, Value>) -> AppComponent {
    let field = |name: &str| text(object, name).unwrap_or_default();
    AppComponent {
        task_id: field("task_id"),
        app_id: field("app_id"),
        app_name: field("app_name"),
        comp_id: field("comp_id"),
        comp_name: field("comp_name"),
        domain_id: field("domain_id"),
        region: field("region"),
        state: field("state"),
    }
}

/// Reads the error code and message, in the spec's order of precedence. An empty or blank
/// code counts as none (the status then stands in for it).
fn code_and_message(object: &Map<String, Value>) -> Option<(String, Option<String>)> {
    let code_text = |object: &Map<String, Value>, name: &str| {
        text(object, name).filter(|code| !code.trim().is_empty())
    };
    const PAIRS: [(&str, &str); 3] = [
        ("error_code", "error_msg"),
        ("errorCode", "errorMsg"),
        ("code", "message"),
    ];
    let flat = PAIRS
        .iter()
        .find_map(|(code, msg)| code_text(object, code).map(|c| (c, text(object, msg))));
    flat.or_else(|| {
        let nested = object.get("error")?.as_object()?;
        let code = code_text(nested, "code").or_else(|| code_text(nested, "error_code"))?;
        Some((
            code,
            text(nested, "message").or_else(|| text(nested, "error_msg")),
        ))
    })
}

pub(crate) fn api_error(
    answer: &ReadAnswer<'_>,
    object: Option<&Map<String, Value>>,
) -> DeployApiError {
    let found = object.and_then(code_and_message);
    let (error_code, error_msg) = match found {
        Some((code, message)) => (
            code,
            message
                .filter(|m| !m.trim().is_empty())
                .unwrap_or_else(|| reason(answer.status).to_string()),
        ),
        None => (
            answer.status.to_string(),
            fallback_message(answer, object.is_some()),
        ),
    };
    let body_request_id = object.and_then(|o| text(o, "request_id"));
    DeployApiError {
        status: answer.status,
        kind: ErrorKind::of(answer.status, &error_code),
        error_code,
        error_msg,
        request_id: answer.request_id.map(str::to_string).or(body_request_id),
        encoded_authorization_message: object
            .and_then(|o| text(o, "encoded_authorization_message")),
    }
}

fn fallback_message(answer: &ReadAnswer<'_>, was_json: bool) -> String {
    let what = if answer.body.is_empty() {
        "an empty body"
    } else if was_json {
        "a JSON body without an error code"
    } else {
        "a body that is not JSON"
    };
    format!("{} ({what})", reason(answer.status))
}

/// The standard reason phrase of a status, for errors whose body says nothing.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => match status {
            100..=199 => "Informational",
            200..=299 => "Success",
            300..=399 => "Redirection",
            400..=499 => "Client Error",
            _ => "Server Error",
        },
    }
}

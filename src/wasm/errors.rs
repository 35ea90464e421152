//! Errors crossing to JavaScript: each becomes an instance of one of the classes in
//! `js/errors.js`, with a stable `code` and typed fields.

use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::config::ConfigError;
use crate::issue::Issue;
use crate::locale::Locale;
use crate::response::{DeployApiError, ResponseError, ResponseFormatError};

use super::convert::to_js;
use super::result::validation_error_fields;

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(name: &str, message: &str, fields: &JsValue) -> JsValue;
}

/// A `ValidationError` listing every issue.
pub fn validation_error(issues: &[Issue], locale: Locale) -> JsValue {
    let first = issues.first().map(|i| i.message.as_str()).unwrap_or("");
    let more = issues.len().saturating_sub(1);
    let message = match (locale, more) {
        (Locale::En, 0) => format!("Invalid StartDeployTask input: {first}"),
        (Locale::En, n) => format!("Invalid StartDeployTask input: {first} (and {n} more)"),
        (Locale::ZhCn, 0) => format!("StartDeployTask 输入无效：{first}"),
        (Locale::ZhCn, n) => format!("StartDeployTask 输入无效：{first}（另有 {n} 个问题）"),
    };
    make_error(
        "ValidationError",
        &message,
        &validation_error_fields(issues),
    )
}

/// A `ConfigError` with its reason code.
pub fn config_error(error: &ConfigError) -> JsValue {
    make_error(
        "ConfigError",
        &error.message,
        &to_js(&json!({ "reason": error.code })),
    )
}

/// A `DeployApiError` or `ResponseFormatError` for a classified answer.
pub fn response_error(error: &ResponseError, attempts: u32) -> JsValue {
    match error {
        ResponseError::Api(e) => api_error(e, attempts),
        ResponseError::Format(e) => format_error(e, attempts),
    }
}

fn api_error(error: &DeployApiError, attempts: u32) -> JsValue {
    let message = format!(
        "CodeArts Deploy answered {} {}: {}",
        error.status, error.error_code, error.error_msg
    );
    let fields = json!({
        "status": error.status,
        "errorCode": error.error_code,
        "errorMsg": error.error_msg,
        "requestId": error.request_id,
        "encodedAuthorizationMessage": error.encoded_authorization_message,
        "kind": error.kind.as_str(),
        "attempts": attempts,
    });
    make_error("DeployApiError", &message, &to_js(&fields))
}

fn format_error(error: &ResponseFormatError, attempts: u32) -> JsValue {
    let fields =
        json!({ "status": error.status, "requestId": error.request_id, "attempts": attempts });
    make_error("ResponseFormatError", &error.message, &to_js(&fields))
}

/// A `TimeoutError` for a call that outlived `timeout_ms`; `answered` is the status of an
/// answer whose body was still being read.
pub fn timeout_error(timeout_ms: u32, attempts: u32, answered: Option<u16>) -> JsValue {
    let message = match answered {
        Some(status @ 200..=299) => format!(
            "The call did not finish within {timeout_ms} ms and was cancelled while reading the answer: the service had answered {status}, so the deployment has probably started. Check before retrying."
        ),
        Some(status) => format!(
            "The call did not finish within {timeout_ms} ms and was cancelled while reading the service's {status} answer."
        ),
        None => format!(
            "The call did not finish within {timeout_ms} ms and was cancelled; the request may have reached the service, so the deployment may have started. Check before retrying."
        ),
    };
    let fields = json!({ "timeoutMs": timeout_ms, "attempts": attempts });
    make_error("TimeoutError", &message, &to_js(&fields))
}

/// An `AbortError` carrying the signal's reason.
pub fn abort_error(reason: JsValue, attempts: u32) -> JsValue {
    let fields = to_js(&json!({ "attempts": attempts }));
    let _ = js_sys::Reflect::set(&fields, &JsValue::from_str("reason"), &reason);
    make_error(
        "AbortError",
        "The call was cancelled by its AbortSignal.",
        &fields,
    )
}

/// A `NetworkError` wrapping what `fetch` threw.
pub fn network_error(cause: JsValue, attempts: u32) -> JsValue {
    let detail = cause
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_default();
    let message = if detail.is_empty() {
        "The request failed before an HTTP answer arrived.".to_string()
    } else {
        format!("The request failed before an HTTP answer arrived: {detail}")
    };
    let fields = to_js(&json!({ "attempts": attempts }));
    let _ = js_sys::Reflect::set(&fields, &JsValue::from_str("cause"), &cause);
    make_error("NetworkError", &message, &fields)
}

//! The one place errors become JavaScript: a core [`Error`] (with the number of requests sent
//! and the JavaScript value behind it) turns into an instance of its class of `js/errors.js`,
//! with a stable `code`, typed fields and `$metadata`. The match over [`Error`] is exhaustive
//! and each class is imported by name, so a kind without a class cannot compile or load.

use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

use crate::error::{ConfigError, Error};

use super::convert::{js_message, to_js};

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = ValidationError)]
    type JsValidationError;
    #[wasm_bindgen(constructor, js_class = "ValidationError")]
    fn new(message: &str, issues: &JsValue, fields: &JsValue) -> JsValidationError;

    #[wasm_bindgen(js_name = ConfigError)]
    type JsConfigError;
    #[wasm_bindgen(constructor, js_class = "ConfigError")]
    fn new(message: &str, reason: &str, fields: &JsValue) -> JsConfigError;

    #[wasm_bindgen(js_name = DeployApiError)]
    type JsDeployApiError;
    #[wasm_bindgen(constructor, js_class = "DeployApiError")]
    fn new(message: &str, fields: &JsValue) -> JsDeployApiError;

    #[wasm_bindgen(js_name = ResponseFormatError)]
    type JsResponseFormatError;
    #[wasm_bindgen(constructor, js_class = "ResponseFormatError")]
    fn new(message: &str, fields: &JsValue) -> JsResponseFormatError;

    #[wasm_bindgen(js_name = TimeoutError)]
    type JsTimeoutError;
    #[wasm_bindgen(constructor, js_class = "TimeoutError")]
    fn new(message: &str, fields: &JsValue) -> JsTimeoutError;

    #[wasm_bindgen(js_name = AbortError)]
    type JsAbortError;
    #[wasm_bindgen(constructor, js_class = "AbortError")]
    fn new(message: &str, fields: &JsValue) -> JsAbortError;

    #[wasm_bindgen(js_name = NetworkError)]
    type JsNetworkError;
    #[wasm_bindgen(constructor, js_class = "NetworkError")]
    fn new(message: &str, fields: &JsValue) -> JsNetworkError;
}

/// An error on its way to JavaScript: what went wrong, how many requests were sent, and the
/// JavaScript value behind it (what `fetch` threw for a `NetworkError`, the signal's reason
/// for an `AbortError`; `undefined` otherwise).
pub struct JsError {
    error: Error,
    attempts: u32,
    js: JsValue,
}

impl JsError {
    /// `error` after `attempts` requests.
    pub fn new(error: impl Into<Error>, attempts: u32) -> JsError {
        JsError {
            error: error.into(),
            attempts,
            js: JsValue::UNDEFINED,
        }
    }

    /// An `AbortError` carrying the signal's `reason`.
    pub fn aborted(reason: JsValue, attempts: u32) -> JsError {
        JsError {
            error: Error::Abort,
            attempts,
            js: reason,
        }
    }

    /// A `NetworkError` wrapping what `fetch` threw (`cause`).
    pub fn network(cause: JsValue, attempts: u32) -> JsError {
        JsError {
            error: Error::Network {
                detail: js_message(&cause),
            },
            attempts,
            js: cause,
        }
    }
}

impl From<ConfigError> for JsError {
    fn from(error: ConfigError) -> Self {
        JsError::new(error, 0)
    }
}

impl From<JsError> for JsValue {
    fn from(e: JsError) -> JsValue {
        let message = e.error.to_string();
        let metadata = e.error.metadata(e.attempts);
        let mut fields = json!({ "attempts": e.attempts, "$metadata": metadata_json(&metadata) });
        let extra = |fields: &mut Value, more: Value| {
            if let (Value::Object(fields), Value::Object(more)) = (fields, more) {
                fields.extend(more);
            }
        };
        match e.error {
            Error::Validation { issues, .. } => {
                JsValidationError::new(&message, &to_js(&issues), &to_js(&fields)).into()
            }
            Error::Config(error) => {
                JsConfigError::new(&message, error.reason, &to_js(&fields)).into()
            }
            Error::DeployApi(error) => {
                extra(
                    &mut fields,
                    json!({
                        "status": error.status,
                        "errorCode": error.error_code,
                        "errorMsg": error.error_msg,
                        "requestId": error.request_id,
                        "encodedAuthorizationMessage": error.encoded_authorization_message,
                        "kind": error.kind.as_str(),
                    }),
                );
                JsDeployApiError::new(&message, &to_js(&fields)).into()
            }
            Error::ResponseFormat(error) => {
                extra(
                    &mut fields,
                    json!({ "status": error.status, "requestId": error.request_id }),
                );
                JsResponseFormatError::new(&message, &to_js(&fields)).into()
            }
            Error::Timeout { timeout_ms, .. } => {
                extra(&mut fields, json!({ "timeoutMs": timeout_ms }));
                JsTimeoutError::new(&message, &to_js(&fields)).into()
            }
            Error::Abort => JsAbortError::new(&message, &with(fields, "reason", &e.js)).into(),
            Error::Network { .. } => {
                JsNetworkError::new(&message, &with(fields, "cause", &e.js)).into()
            }
        }
    }
}

/// The metadata as JSON (the core type serialises itself; this only avoids a second walk).
fn metadata_json(metadata: &crate::model::ResponseMetadata) -> Value {
    serde_json::to_value(metadata).unwrap_or(Value::Null)
}

/// `fields` as a JavaScript object with `name` set to a JavaScript value.
fn with(fields: Value, name: &str, value: &JsValue) -> JsValue {
    let object = to_js(&fields);
    let _ = js_sys::Reflect::set(&object, &JsValue::from_str(name), value);
    object
}

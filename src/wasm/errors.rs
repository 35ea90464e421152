//! The one place errors become JavaScript: a core [`Error`] (with the number of requests sent
//! and the JavaScript value behind it) turns into an instance of its class of `js/errors.js`,
//! with a stable `code`, typed fields and `$metadata`. The match over [`Error`] is exhaustive
//! and each class is imported by name, so a kind without a class cannot compile or load.

use wasm_bindgen::prelude::*;

use crate::error::{refused_before_sending, ConfigError, Error};

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
}

/// Imports the classes whose constructor takes `(message, fields)`.
macro_rules! classes {
    ($($rust:ident = $js:literal),+ $(,)?) => {
        #[wasm_bindgen(module = "/js/errors.js")]
        extern "C" {
            $(
                #[wasm_bindgen(js_name = $js)]
                type $rust;
                #[wasm_bindgen(constructor, js_class = $js)]
                fn new(message: &str, fields: &JsValue) -> $rust;
            )+
        }
    };
}

classes!(
    JsDeployApiError = "DeployApiError",
    JsResponseFormatError = "ResponseFormatError",
    JsTimeoutError = "TimeoutError",
    JsAbortError = "AbortError",
    JsNetworkError = "NetworkError",
);

/// An error on its way to JavaScript: what went wrong, how many requests were sent, and the
/// JavaScript value behind it (what `fetch` threw for a `NetworkError`, the signal's reason
/// for an `AbortError`; `undefined` otherwise).
pub struct JsError {
    error: Error,
    attempts: u32,
    js: JsValue,
    /// Whether the service may have acted on a request of the call (`mayHaveStarted`).
    may_have_started: bool,
    /// Reconciling found that the call started nothing: the message says so.
    not_started: bool,
}

impl JsError {
    /// `error` after `attempts` requests.
    pub fn new(error: impl Into<Error>, attempts: u32) -> JsError {
        let error = error.into();
        JsError {
            may_have_started: error.may_have_started(),
            error,
            attempts,
            js: JsValue::UNDEFINED,
            not_started: false,
        }
    }

    /// The same error once reconciling found that nothing started: its message says so and
    /// `mayHaveStarted` is `false`.
    pub fn not_started(self) -> JsError {
        JsError {
            may_have_started: false,
            not_started: true,
            ..self
        }
    }

    /// The same error of a read of a run: reads start nothing, so `mayHaveStarted` is `false`.
    pub fn of_read(self) -> JsError {
        JsError {
            may_have_started: false,
            ..self
        }
    }

    /// An `AbortError` carrying the signal's `reason`.
    pub fn aborted(reason: JsValue, attempts: u32) -> JsError {
        JsError {
            js: reason,
            ..JsError::new(Error::Abort, attempts)
        }
    }

    /// A `NetworkError` wrapping what `fetch` threw (`cause`); refused when its system code
    /// (Node's `cause.cause.code`) says the request never left.
    pub fn network(cause: JsValue, attempts: u32) -> JsError {
        let refused = system_code(&cause).is_some_and(|code| refused_before_sending(&code));
        let error = Error::Network {
            detail: js_message(&cause),
            refused,
        };
        JsError {
            js: cause,
            ..JsError::new(error, attempts)
        }
    }

    /// Whether the service may have acted on this error's request by itself (the core's rule).
    pub fn may_have_started(&self) -> bool {
        self.may_have_started
    }

    /// Sets `mayHaveStarted`: what the whole call knows (an earlier attempt, a request in
    /// flight), which the error alone cannot tell.
    pub fn started(mut self, may_have_started: bool) -> JsError {
        self.may_have_started = may_have_started;
        self
    }
}

/// The `code` of a network error's cause (Node: `TypeError("fetch failed")` whose `cause` has
/// `code: "ECONNREFUSED"`), or of the error itself; read without letting a getter throw.
fn system_code(error: &JsValue) -> Option<String> {
    let code = |value: &JsValue| {
        js_sys::Reflect::get(value, &JsValue::from_str("code"))
            .ok()
            .and_then(|c| c.as_string())
    };
    let cause = js_sys::Reflect::get(error, &JsValue::from_str("cause")).ok();
    cause
        .as_ref()
        .filter(|c| c.is_object())
        .and_then(code)
        .or_else(|| code(error))
}

impl From<ConfigError> for JsError {
    fn from(error: ConfigError) -> Self {
        JsError::new(error, 0)
    }
}

impl From<JsError> for JsValue {
    fn from(e: JsError) -> JsValue {
        let mut message = e.error.to_string();
        if e.not_started {
            message.push_str(" Reconciled: the task's latest run did not change, so this call started no deployment.");
        }
        let fields = Fields(js_sys::Object::new());
        fields.set("attempts", e.attempts.into());
        fields.set("$metadata", to_js(&e.error.metadata(e.attempts)));
        fields.set("mayHaveStarted", e.may_have_started.into());
        match e.error {
            Error::Validation { issues, .. } => {
                JsValidationError::new(&message, &to_js(&issues), &fields.0).into()
            }
            Error::Config(error) => JsConfigError::new(&message, error.reason, &fields.0).into(),
            Error::DeployApi(error) => {
                fields.set("status", error.status.into());
                fields.set("errorCode", error.error_code.into());
                fields.set("errorMsg", error.error_msg.into());
                fields.set("requestId", text_or_null(error.request_id));
                fields.set(
                    "encodedAuthorizationMessage",
                    text_or_null(error.encoded_authorization_message),
                );
                fields.set("kind", error.kind.as_str().into());
                JsDeployApiError::new(&message, &fields.0).into()
            }
            Error::ResponseFormat(error) => {
                fields.set("status", error.status.into());
                fields.set("requestId", text_or_null(error.request_id));
                JsResponseFormatError::new(&message, &fields.0).into()
            }
            Error::Timeout { timeout_ms, .. } | Error::ReadTimeout { timeout_ms, .. } => {
                fields.set("timeoutMs", timeout_ms.into());
                JsTimeoutError::new(&message, &fields.0).into()
            }
            Error::Abort => {
                fields.set("reason", e.js);
                JsAbortError::new(&message, &fields.0).into()
            }
            Error::Network { .. } => {
                fields.set("cause", e.js);
                JsNetworkError::new(&message, &fields.0).into()
            }
        }
    }
}

/// The plain object of an error's fields, built where it is used (no JSON value in between).
struct Fields(js_sys::Object);

impl Fields {
    fn set(&self, name: &str, value: JsValue) {
        let _ = js_sys::Reflect::set(&self.0, &JsValue::from_str(name), &value);
    }
}

/// A string, or `null` when there is none (as the fields were always written).
fn text_or_null(text: Option<String>) -> JsValue {
    text.map_or(JsValue::NULL, JsValue::from)
}

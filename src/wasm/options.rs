//! The per-call options objects of the JavaScript API.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

use crate::config::parse_timeout;
use crate::error::ConfigError;
use crate::fields::{names_of, present, reject_unknown};
use crate::options::StartOptions;

use super::convert::to_json;

/// `{ signal?, timeoutMs? }` of `startDeployTask`.
pub struct CallOptions {
    pub signal: Option<AbortSignal>,
    pub timeout_ms: Option<u32>,
}

/// Reads the options of `startDeployTask`; `undefined` and `null` mean none.
pub fn start_options(value: &JsValue) -> Result<CallOptions, ConfigError> {
    if value.is_undefined() || value.is_null() {
        return Ok(CallOptions {
            signal: None,
            timeout_ms: None,
        });
    }
    let json = to_json(value, "The call options")?;
    let object = json.as_object().ok_or_else(|| {
        ConfigError::new("invalid_options", "The call options must be an object.")
    })?;
    reject_unknown(object, names_of::<StartOptions>(), "options")?;
    let timeout_ms = match present(object.get("timeoutMs")) {
        None => None,
        Some(v) => Some(parse_timeout(v, "options.timeoutMs")?),
    };
    let signal = read_signal(value)?;
    Ok(CallOptions { signal, timeout_ms })
}

/// The `signal` of an options object: `None` when absent, a `ConfigError` when it is not an
/// `AbortSignal`.
pub fn read_signal(options: &JsValue) -> Result<Option<AbortSignal>, ConfigError> {
    let raw_signal =
        Reflect::get(options, &JsValue::from_str("signal")).unwrap_or(JsValue::UNDEFINED);
    if raw_signal.is_undefined() || raw_signal.is_null() {
        return Ok(None);
    }
    let not_a_signal =
        || ConfigError::new("invalid_options", "options.signal must be an AbortSignal.");
    let signal = raw_signal
        .dyn_into::<AbortSignal>()
        .map_err(|_| not_a_signal())?;
    // An object that only inherits from AbortSignal (or a Proxy of one) throws from the
    // `aborted` getter: refuse it here, where the throw is caught.
    match Reflect::get(&signal, &JsValue::from_str("aborted")) {
        Ok(aborted) if aborted.as_bool().is_some() => Ok(Some(signal)),
        _ => Err(not_a_signal()),
    }
}

/// Whether a caller's signal has aborted, read so that nothing it throws crosses the module.
pub fn signal_aborted(signal: &AbortSignal) -> bool {
    Reflect::get(signal, &JsValue::from_str("aborted")).is_ok_and(|aborted| aborted.is_truthy())
}

/// The abort reason of a caller's signal (`undefined` if it cannot be read).
pub fn signal_reason(signal: &AbortSignal) -> JsValue {
    Reflect::get(signal, &JsValue::from_str("reason")).unwrap_or(JsValue::UNDEFINED)
}

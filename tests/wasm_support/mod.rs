//! Helpers shared by the wasm-bindgen tests (`tests/wasm_*.rs`): the local service's URL and
//! small readers of JavaScript values.
#![allow(dead_code)]

use js_sys::{Reflect, JSON};
use wasm_bindgen::JsValue;

/// The local service `scripts/test.sh` starts, passed in `CODEARTS_TEST_ENDPOINT` at build time.
pub fn endpoint() -> &'static str {
    option_env!("CODEARTS_TEST_ENDPOINT").unwrap_or("http://127.0.0.1:9")
}

/// A JavaScript value from JSON text.
pub fn js(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

/// `value[key]`.
pub fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

/// `value[key]` as a string (empty when it is not one).
pub fn text(value: &JsValue, key: &str) -> String {
    get(value, key).as_string().unwrap_or_default()
}

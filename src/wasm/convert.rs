//! Conversions between JavaScript values and the core's values, all in one place.

use serde::Serialize;
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;

use crate::error::ConfigError;
use crate::view::InputView;

use super::view::{read_input, JsView};

/// Reads a configuration or options object as JSON (`what` names it in the error), or a
/// `ConfigError` when part of it could not be read (a getter or `Proxy` threw: a silent default
/// must not stand in for it) or it holds more than [`MAX_VALUES`](super::view::MAX_VALUES) values.
pub fn to_json(value: &JsValue, what: &str) -> Result<Value, ConfigError> {
    read_input(value, |view, notes| {
        if let Some(max) = notes.too_large {
            return Err(ConfigError::new(
                "too_large",
                format!("{what} holds more than {max} values and is too large to read."),
            ));
        }
        if let Some(path) = notes.unreadable.first() {
            return Err(unreadable_error(what, path));
        }
        Ok(view_to_json(view))
    })
}

/// The `ConfigError` for an argument (`what`) that threw when read at `path`.
pub fn unreadable_error(what: &str, path: &[crate::issue::PathSegment]) -> ConfigError {
    let at = crate::messages::display_path(path, crate::locale::Locale::En);
    ConfigError::new(
        "unreadable",
        format!(
            "{what} could not be read at {at}: reading it threw an error (a getter or a Proxy)."
        ),
    )
}

/// Reads an input as JSON with what JSON cannot show (unpaired surrogates, values whose reading
/// threw, a walk stopped at the value bound), for rules that still take a JSON value.
pub fn to_json_input(value: &JsValue) -> (Value, crate::validate::InputNotes) {
    read_input(value, |view, notes| (view_to_json(view), notes))
}

/// The JSON form of a view, its strings copied: `undefined`, `null` and unreadable values are
/// `null`; functions, symbols, bigints and typed arrays empty objects.
fn view_to_json(view: &JsView) -> Value {
    match view {
        JsView::Null | JsView::Unreadable => Value::Null,
        JsView::Bool(b) => Value::Bool(*b),
        // NaN and ±Infinity have no JSON form; they stay numbers so messages name their type.
        JsView::Number(n) => {
            Value::Number(Number::from_f64(*n).unwrap_or_else(|| Number::from(i64::MIN)))
        }
        JsView::String { .. } => Value::String(view.text().unwrap_or_default()),
        JsView::Array(items) => Value::Array(items.iter().map(view_to_json).collect()),
        JsView::Object(..) | JsView::Other => {
            // One insert at a time: collecting would sort (and bring a sort into the module).
            let mut map = Map::new();
            for (key, item) in view.keys().zip(view.entries()) {
                map.insert(key.to_string(), view_to_json(item));
            }
            Value::Object(map)
        }
    }
}

/// Writes a Rust value as a plain JavaScript value (objects, not `Map`s).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::UNDEFINED)
}

/// Header pairs that serialise as one object, in their order.
pub struct HeaderRecord<'a>(pub &'a [(String, String)]);

impl Serialize for HeaderRecord<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// Header pairs as a plain `Record<string, string>` object.
pub fn headers_to_js(headers: &[(String, String)]) -> JsValue {
    to_js(&HeaderRecord(headers))
}

/// The message of a JavaScript error, or nothing.
pub fn js_message(error: &JsValue) -> String {
    // Read through `Reflect`: a hostile `message` getter must not throw through the module.
    error
        .dyn_ref::<js_sys::Error>()
        .and_then(|e| js_sys::Reflect::get(e, &JsValue::from_str("message")).ok())
        .and_then(|m| m.as_string())
        .unwrap_or_default()
}

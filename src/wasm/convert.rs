//! Conversions between JavaScript values and the core's values, all in one place.

use js_sys::{Array, JsString, Reflect};
use serde::Serialize;
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;

/// How deep an input is read: the deepest rule is at `params[i].value`, so anything deeper is
/// only ever reported by its type. Bounding the walk keeps hostile nesting from exhausting the
/// stack.
const MAX_DEPTH: u8 = 4;

#[wasm_bindgen]
extern "C" {
    /// `Object.keys`, catching what a hostile `Proxy` may throw.
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
}

/// Reads any JavaScript value as JSON. `undefined` becomes `null` (absent); functions, symbols
/// and bigints become empty objects; values the walk cannot read become `null`.
pub fn to_json(value: &JsValue) -> Value {
    walk(value, MAX_DEPTH)
}

fn walk(value: &JsValue, depth: u8) -> Value {
    if value.is_undefined() || value.is_null() {
        return Value::Null;
    }
    if let Some(b) = value.as_bool() {
        return Value::Bool(b);
    }
    if let Some(n) = value.as_f64() {
        // NaN and ±Infinity have no JSON form; they stay numbers so messages name their type.
        return Value::Number(Number::from_f64(n).unwrap_or_else(|| Number::from(i64::MIN)));
    }
    if let Some(s) = value.as_string() {
        return Value::String(s);
    }
    if Array::is_array(value) {
        return array(value, depth);
    }
    if value.is_object() && !value.is_function() {
        return object(value, depth);
    }
    Value::Object(Map::new())
}

fn array(value: &JsValue, depth: u8) -> Value {
    if depth == 0 {
        return Value::Array(Vec::new());
    }
    let length = Reflect::get(value, &JsValue::from_str("length"))
        .ok()
        .and_then(|l| l.as_f64())
        .unwrap_or(0.0) as u32;
    let items = (0..length)
        .map(|i| {
            Reflect::get_u32(value, i)
                .map(|item| walk(&item, depth - 1))
                .unwrap_or(Value::Null)
        })
        .collect();
    Value::Array(items)
}

fn object(value: &JsValue, depth: u8) -> Value {
    let mut map = Map::new();
    if depth == 0 {
        return Value::Object(map);
    }
    let Ok(keys) = object_keys(value) else {
        return Value::Object(map);
    };
    for key in keys.iter() {
        let Some(name) = key.as_string() else {
            continue;
        };
        let item = Reflect::get(value, &key).unwrap_or(JsValue::UNDEFINED);
        map.insert(name, walk(&item, depth - 1));
    }
    Value::Object(map)
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

/// Reads a string property of an options object, if it is a string.
pub fn string_property(object: &JsValue, name: &str) -> Option<String> {
    if !object.is_object() {
        return None;
    }
    Reflect::get(object, &JsString::from(name))
        .ok()
        .and_then(|v| v.as_string())
}

//! Conversions between JavaScript values and the core's values, all in one place.

use js_sys::{Array, JsString, Reflect};
use serde::Serialize;
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::ConfigError;
use crate::issue::PathSegment;
use crate::validate::InputNotes;

/// How deep an input is read: the deepest rule is at `params[i].value`, so anything deeper is
/// only ever reported by its type. Bounding the walk keeps hostile nesting from exhausting the
/// stack.
const MAX_DEPTH: u8 = 4;

/// The most values one conversion reads. A real input holds a few dozen; the bound keeps a
/// hostile one (a sparse array of length 2³² − 1, millions of keys) from hanging the call or
/// growing the module's memory, which never shrinks.
pub const MAX_VALUES: usize = 100_000;

#[wasm_bindgen]
extern "C" {
    /// `Object.keys`, catching what a hostile `Proxy` may throw.
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    pub(super) fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
    /// `Array.isArray`, catching what a revoked `Proxy` throws.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    pub(super) fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// Reads a `StartDeployTask` input as JSON, with what JSON cannot show: strings holding an
/// unpaired UTF-16 surrogate (read as U+FFFD), values whose reading threw (read as `null`), and
/// whether the walk stopped at [`MAX_VALUES`].
pub fn to_json_input(value: &JsValue) -> (Value, InputNotes) {
    let mut walker = Walker {
        left: MAX_VALUES,
        path: Vec::new(),
        notes: InputNotes::default(),
    };
    let json = walker.walk(value, MAX_DEPTH);
    (json, walker.notes)
}

/// Reads a configuration or options object as JSON (`what` names it in the error), or a
/// `ConfigError` when part of it could not be read (a getter or `Proxy` threw: a silent default
/// must not stand in for it) or it holds more than [`MAX_VALUES`] values.
pub fn to_json(value: &JsValue, what: &str) -> Result<Value, ConfigError> {
    let (json, notes) = to_json_input(value);
    if let Some(max) = notes.too_large {
        return Err(ConfigError::new(
            "too_large",
            format!("{what} holds more than {max} values and is too large to read."),
        ));
    }
    if let Some(path) = notes.unreadable.first() {
        return Err(unreadable_error(what, path));
    }
    Ok(json)
}

/// The `ConfigError` for an argument (`what`) that threw when read at `path`.
pub fn unreadable_error(what: &str, path: &[PathSegment]) -> ConfigError {
    let at = crate::messages::display_path(path, crate::locale::Locale::En);
    ConfigError::new(
        "unreadable",
        format!(
            "{what} could not be read at {at}: reading it threw an error (a getter or a Proxy)."
        ),
    )
}

/// One walk over a JavaScript value: `undefined` becomes `null` (absent); functions, symbols,
/// bigints and typed arrays become empty objects; values the walk cannot read become `null`.
struct Walker {
    /// Values still to read before the walk stops.
    left: usize,
    /// The path of the value being read.
    path: Vec<PathSegment>,
    notes: InputNotes,
}

impl Walker {
    fn walk(&mut self, value: &JsValue, depth: u8) -> Value {
        if self.left == 0 {
            self.notes.too_large = Some(MAX_VALUES);
            return Value::Null;
        }
        self.left -= 1;
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
            // The glue reads an unpaired surrogate as U+FFFD: look closer only then.
            if s.contains('\u{FFFD}') {
                if let Some(position) = unpaired_surrogate(value.unchecked_ref()) {
                    self.notes
                        .unpaired_surrogates
                        .push((self.path.clone(), position));
                }
            }
            return Value::String(s);
        }
        if js_sys::ArrayBuffer::is_view(value) {
            // A typed array (e.g. a signed body) is bytes, not a list of values to walk.
            return Value::Object(Map::new());
        }
        match is_array(value) {
            Err(_) => self.unreadable(),
            Ok(true) => self.array(value, depth),
            Ok(false) if value.is_object() && !value.is_function() => self.object(value, depth),
            Ok(false) => Value::Object(Map::new()),
        }
    }

    fn array(&mut self, value: &JsValue, depth: u8) -> Value {
        if depth == 0 {
            return Value::Array(Vec::new());
        }
        let Ok(length) = Reflect::get(value, &JsValue::from_str("length")) else {
            return self.unreadable();
        };
        let length = length.as_f64().unwrap_or(0.0) as u32;
        let mut items = Vec::new();
        for i in 0..length {
            if self.left == 0 {
                self.notes.too_large = Some(MAX_VALUES);
                break;
            }
            self.path.push(PathSegment::Index(i as usize));
            let item = match Reflect::get_u32(value, i) {
                Ok(item) => self.walk(&item, depth - 1),
                Err(_) => self.unreadable(),
            };
            self.path.pop();
            items.push(item);
        }
        Value::Array(items)
    }

    fn object(&mut self, value: &JsValue, depth: u8) -> Value {
        let mut map = Map::new();
        if depth == 0 {
            return Value::Object(map);
        }
        let Ok(keys) = object_keys(value) else {
            return self.unreadable();
        };
        for key in keys.iter() {
            if self.left == 0 {
                self.notes.too_large = Some(MAX_VALUES);
                break;
            }
            let Some(name) = key.as_string() else {
                continue;
            };
            self.path.push(PathSegment::Key(name));
            let json = match Reflect::get(value, &key) {
                Ok(item) => self.walk(&item, depth - 1),
                Err(_) => self.unreadable(),
            };
            if let Some(PathSegment::Key(name)) = self.path.pop() {
                map.insert(name, json);
            }
        }
        Value::Object(map)
    }
}

impl Walker {
    /// Notes the current path as unreadable; its value reads as `null`.
    fn unreadable(&mut self) -> Value {
        self.notes.unreadable.push(self.path.clone());
        Value::Null
    }
}

/// The 1-based position (in UTF-16 code units) of the first unpaired surrogate in `s`.
fn unpaired_surrogate(s: &JsString) -> Option<usize> {
    let mut position = 1;
    for decoded in char::decode_utf16(s.iter()) {
        match decoded {
            Ok(c) => position += c.len_utf16(),
            Err(_) => return Some(position),
        }
    }
    None
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

/// The message of a JavaScript error, or nothing.
pub fn js_message(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_default()
}

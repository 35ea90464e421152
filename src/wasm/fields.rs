//! Reads a plain options object (signRequest's request, credentials and options) field by
//! field where it lives, instead of copying the whole value into the module first.

use std::rc::Rc;

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

use crate::error::ConfigError;
use crate::fields::reject_unknown_names;
use crate::issue::PathSegment;

use super::convert::unreadable_error;
use super::view::MAX_VALUES;

#[wasm_bindgen]
extern "C" {
    /// `Object.keys`, catching what a hostile `Proxy` may throw.
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
    /// `Array.isArray`, catching what a revoked `Proxy` throws.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// An object argument: `what` names it in errors ("The request"), `owner` in field paths
/// ("request").
pub struct Fields<'v> {
    value: &'v JsValue,
    what: &'static str,
    owner: &'static str,
    /// The field of `what` this object is, for the path of an unreadable error.
    parent: Option<&'static str>,
    /// Whether its own fields are read (functions, symbols, bigints and typed arrays have none).
    readable: bool,
}

impl<'v> Fields<'v> {
    /// The object `value`, or a `ConfigError` saying it must be one. `undefined` and `null`
    /// read as an object without fields when `optional`.
    pub fn of(
        value: &'v JsValue,
        what: &'static str,
        owner: &'static str,
        optional: bool,
    ) -> Result<Fields<'v>, ConfigError> {
        let fields = |readable| Fields {
            value,
            what,
            owner,
            parent: None,
            readable,
        };
        // An object (the usual case) is told apart first, with the fewest questions to JS.
        let object = value.is_object();
        if !object {
            if value.is_undefined() || value.is_null() {
                return match optional {
                    true => Ok(fields(false)),
                    false => Err(invalid(&format!("{owner} must be an object."))),
                };
            }
            if value.as_bool().is_some() || value.as_f64().is_some() || value.is_string() {
                return Err(invalid(&format!("{owner} must be an object.")));
            }
        }
        match is_array(value) {
            Err(_) => Err(unreadable_error(what, &[])),
            Ok(true) => Err(invalid(&format!("{owner} must be an object."))),
            // Functions, symbols and bigints are not objects here: read as having no fields.
            Ok(false) => Ok(fields(object && !js_sys::ArrayBuffer::is_view(value))),
        }
    }

    /// This object as field `parent` of `what` (paths of unreadable errors start there).
    pub fn within(self, parent: &'static str) -> Fields<'v> {
        Fields {
            parent: Some(parent),
            ..self
        }
    }

    /// The path of field `name` (or of the object itself) inside `what`.
    fn path(&self, name: Option<&str>) -> Vec<PathSegment> {
        let parent = self.parent.map(|p| PathSegment::Key(p.to_string()));
        let name = name.map(|n| PathSegment::Key(n.to_string()));
        parent.into_iter().chain(name).collect()
    }

    /// Refuses a field not in `known` (the same message as for the client config). Keys are
    /// looked up in a JavaScript `Set` of the known names, without a copy.
    pub fn reject_unknown(&self, known: &'static [&'static str]) -> Result<(), ConfigError> {
        let keys = self.js_keys()?;
        let known_set = known_set(known);
        if keys.iter().all(|key| known_set.has(&key)) {
            return Ok(());
        }
        let names: Vec<String> = keys.iter().filter_map(|key| key.as_string()).collect();
        reject_unknown_names(names.iter().map(String::as_str), known, self.owner)
    }

    /// The object's own enumerable string keys, as `Object.keys` lists them, each with its name.
    pub fn keys(&self) -> Result<Vec<(JsValue, String)>, ConfigError> {
        let keys = self.js_keys()?;
        Ok(keys
            .iter()
            .filter_map(|key| key.as_string().map(|name| (key, name)))
            .collect())
    }

    /// `Object.keys` of the object (none when its fields are not read), bounded.
    fn js_keys(&self) -> Result<Array, ConfigError> {
        if !self.readable {
            return Ok(Array::new());
        }
        let keys: Array =
            object_keys(self.value).map_err(|_| unreadable_error(self.what, &self.path(None)))?;
        if keys.length() as usize > MAX_VALUES {
            return Err(ConfigError::new(
                "too_large",
                format!(
                    "{} holds more than {MAX_VALUES} values and is too large to read.",
                    self.what
                ),
            ));
        }
        Ok(keys)
    }

    /// The field `name` (`undefined` when absent), or a `ConfigError` if reading it threw.
    pub fn get(&self, name: &'static str) -> Result<JsValue, ConfigError> {
        self.get_key(&js_name(name), name)
    }

    /// The field whose key is `key` (named `name` in errors).
    pub fn get_key(&self, key: &JsValue, name: &str) -> Result<JsValue, ConfigError> {
        if !self.readable {
            return Ok(JsValue::UNDEFINED);
        }
        Reflect::get(self.value, key)
            .map_err(|_| unreadable_error(self.what, &self.path(Some(name))))
    }

    /// A string field; absent (`undefined` or `null`) is `None` unless `required`.
    pub fn string(
        &self,
        name: &'static str,
        required: bool,
    ) -> Result<Option<String>, ConfigError> {
        let value = self.get(name)?;
        if !required && (value.is_undefined() || value.is_null()) {
            return Ok(None);
        }
        match value.as_string() {
            Some(s) => Ok(Some(s)),
            None => Err(invalid(&format!("{}.{name} must be a string.", self.owner))),
        }
    }

    /// A boolean field; absent (`undefined` or `null`) is `None`.
    pub fn boolean(&self, name: &'static str) -> Result<Option<bool>, ConfigError> {
        let value = self.get(name)?;
        if value.is_undefined() || value.is_null() {
            return Ok(None);
        }
        value
            .as_bool()
            .map(Some)
            .ok_or_else(|| invalid(&format!("{}.{name} must be a boolean.", self.owner)))
    }
}

/// A `ConfigError` for an argument of the wrong shape.
pub fn invalid(message: &str) -> ConfigError {
    ConfigError::new("invalid_options", message)
}

thread_local! {
    /// The JavaScript strings of the field names read so far: made once, not per call.
    static NAMES: std::cell::RefCell<Vec<(&'static str, Rc<JsValue>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
    /// A `Set` of each list of known field names, by the list's address: made once.
    static KNOWN: std::cell::RefCell<Vec<(usize, Rc<js_sys::Set>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// `known` as a JavaScript `Set` of strings, made on first use and kept.
fn known_set(known: &'static [&'static str]) -> Rc<js_sys::Set> {
    let address = known.as_ptr() as usize;
    KNOWN.with(|sets| {
        let mut sets = sets.borrow_mut();
        if let Some((_, set)) = sets.iter().find(|(a, _)| *a == address) {
            return Rc::clone(set);
        }
        let set = Rc::new(js_sys::Set::new(&JsValue::UNDEFINED));
        for name in known {
            set.add(&JsValue::from_str(name));
        }
        sets.push((address, Rc::clone(&set)));
        set
    })
}

/// `name` as a JavaScript string, made on first use and kept. Shared through an `Rc`: cloning
/// the `JsValue` itself (and dropping the clone) would be two calls into JavaScript.
fn js_name(name: &'static str) -> Rc<JsValue> {
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if let Some((_, js)) = names.iter().find(|(n, _)| *n == name) {
            return Rc::clone(js);
        }
        let js = Rc::new(JsValue::from_str(name));
        names.push((name, Rc::clone(&js)));
        js
    })
}

//! Reading the fields of a configuration or options object (JSON read from JavaScript): the
//! rules every reader shares, stated once. `null` (and `undefined`, read as `null`) means
//! absent; numbers are whole numbers in a range; unknown names are refused with a hint.
//!
//! ```
//! use codearts_deploy_wasm::fields::{present, whole_number};
//! let object = serde_json::json!({ "a": null, "b": 3 });
//! assert_eq!(present(object.get("a")), None);
//! assert_eq!(whole_number(&object["b"], 1, 10), Some(3));
//! assert_eq!(whole_number(&serde_json::json!(2.5), 1, 10), None);
//! ```

use serde_json::{Map, Value};

use crate::error::ConfigError;
use crate::text::{nearest_name, quote_name};

/// The value when it is there: `None` for a missing field and for `null` (which is how
/// JavaScript's `undefined` reads), so `{ x: undefined }` and `{}` mean the same.
pub fn present(value: Option<&Value>) -> Option<&Value> {
    value.filter(|v| !v.is_null())
}

/// A whole number from `min` to `max`, or `None` (not a number, a fraction, out of range).
pub fn whole_number(value: &Value, min: u32, max: u32) -> Option<u32> {
    value
        .as_f64()
        .filter(|n| n.fract() == 0.0 && *n >= f64::from(min) && *n <= f64::from(max))
        .map(|n| n as u32)
}

/// The string field `name` of `owner`, `None` when absent; any other type is a
/// [`ConfigError`] with `reason`.
///
/// ```
/// use codearts_deploy_wasm::fields::optional_string;
/// let object = serde_json::json!({ "a": "x", "b": 1 });
/// let object = object.as_object().unwrap();
/// assert_eq!(optional_string(object, "a", "config", "invalid_config"), Ok(Some("x")));
/// assert_eq!(optional_string(object, "c", "config", "invalid_config"), Ok(None));
/// let e = optional_string(object, "b", "config", "invalid_config").unwrap_err();
/// assert_eq!(e.message, "config.b must be a string.");
/// ```
pub fn optional_string<'v>(
    object: &'v Map<String, Value>,
    name: &str,
    owner: &str,
    reason: &'static str,
) -> Result<Option<&'v str>, ConfigError> {
    match present(object.get(name)) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ConfigError::new(
            reason,
            format!("{owner}.{name} must be a string."),
        )),
    }
}

/// The boolean field `name` of `owner`, `None` when absent; any other type is a
/// [`ConfigError`] with `reason`.
pub fn optional_bool(
    object: &Map<String, Value>,
    name: &str,
    owner: &str,
    reason: &'static str,
) -> Result<Option<bool>, ConfigError> {
    match present(object.get(name)) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(ConfigError::new(
            reason,
            format!("{owner}.{name} must be a boolean."),
        )),
    }
}

/// Fails on the first field of `object` not in `known`, with a hint at the nearest name.
///
/// ```
/// use codearts_deploy_wasm::fields::reject_unknown;
/// let object = serde_json::json!({ "tokne": "t" });
/// let e = reject_unknown(object.as_object().unwrap(), &["token"], "config").unwrap_err();
/// assert_eq!(e.message, "config.tokne is not a known option. Did you mean token?");
/// ```
pub fn reject_unknown(
    object: &Map<String, Value>,
    known: &[&'static str],
    owner: &str,
) -> Result<(), ConfigError> {
    reject_unknown_names(object.keys().map(String::as_str), known, owner)
}

/// [`reject_unknown`] over field names in any order (a JavaScript object's keys): the first
/// unknown one in sorted order is reported, as for a JSON object.
pub fn reject_unknown_names<'n>(
    names: impl IntoIterator<Item = &'n str>,
    known: &[&'static str],
    owner: &str,
) -> Result<(), ConfigError> {
    let Some(name) = names.into_iter().filter(|k| !known.contains(k)).min() else {
        return Ok(());
    };
    let hint = nearest_name(name, known)
        .map(|n| format!(" Did you mean {n}?"))
        .unwrap_or_default();
    Err(ConfigError::new(
        "unknown_option",
        format!("{owner}.{} is not a known option.{hint}", quote_name(name)),
    ))
}

/// The field names of an options type `T`, as its `#[derive(Deserialize)]` spells them (after
/// `rename_all`), in declaration order: each options object is declared once, as a Rust type
/// whose TypeScript declaration `tsify` generates, and its known names are read from it.
///
/// ```
/// #[derive(serde::Deserialize)]
/// #[serde(rename_all = "camelCase")]
/// struct Options { #[allow(dead_code)] time_out: Option<u32>, #[allow(dead_code)] locale: Option<String> }
/// assert_eq!(codearts_deploy_wasm::fields::names_of::<Options>(), ["timeOut", "locale"]);
/// ```
pub fn names_of<T: serde::de::DeserializeOwned>() -> &'static [&'static str] {
    match T::deserialize(NameReader) {
        Err(Names(names)) => names,
        Ok(_) => &[],
    }
}

/// A deserializer that only answers a struct's field names (carried out by its error).
struct NameReader;

/// The field names a struct asked for (empty for anything else).
#[derive(Debug)]
struct Names(&'static [&'static str]);

impl std::fmt::Display for Names {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field names")
    }
}

impl std::error::Error for Names {}

impl serde::de::Error for Names {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        Names(&[])
    }
}

impl<'de> serde::Deserializer<'de> for NameReader {
    type Error = Names;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Names> {
        Err(Names(&[]))
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Names> {
        Err(Names(fields))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

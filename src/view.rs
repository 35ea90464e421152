//! A read-only view of an input value: the questions the rules ask of it, answered wherever the
//! value lives. Natively the view is a `serde_json::Value`; in wasm it is the JavaScript value
//! itself (`src/wasm/view.rs`), read without copying its strings into the module.
//!
//! ```
//! use codearts_deploy_wasm::{messages::JsonKind, view::InputView};
//! let input = serde_json::json!({ "key": "a{{b", "n": 1 });
//! let key = input.field("key").unwrap();
//! assert_eq!(key.kind(), JsonKind::String);
//! assert_eq!((key.utf16_len(), key.forbidden_sequences()), (4, [true, false, false]));
//! assert_eq!(input.keys().collect::<Vec<_>>(), ["key", "n"]);
//! ```

use serde_json::Value;

use crate::messages::{Charset, JsonKind};
use crate::text::utf16_len;

/// What the rules need to know of a value. `null` and `undefined` are both [`JsonKind::Null`];
/// values JSON cannot hold are read as the closest JSON kind (a function or a typed array as an
/// object, `NaN` as a number).
pub trait InputView: Sized {
    /// The JSON kind of the value.
    fn kind(&self) -> JsonKind;
    /// The field `name` of an object (`None` when absent or not an object).
    fn field(&self, name: &str) -> Option<&Self>;
    /// The field names of an object, in order (none for other kinds).
    fn keys(&self) -> impl Iterator<Item = &str>;
    /// The items of an array (none for other kinds).
    fn items(&self) -> &[Self];
    /// A string's length in UTF-16 code units, as JavaScript's `.length` (0 for other kinds).
    fn utf16_len(&self) -> usize;
    /// Which of `{{`, `{%`, `{#` a string holds.
    fn forbidden_sequences(&self) -> [bool; 3];
    /// The 1-based position (UTF-16 units) of a string's first unpaired surrogate, if any.
    fn unpaired_surrogate(&self) -> Option<usize>;
    /// The first character of a string outside `allowed`: its 1-based position (in
    /// characters) and the character.
    fn charset_violation(&self, allowed: Charset) -> Option<(usize, char)>;
    /// Whether the value is the string `literal`.
    fn equals(&self, literal: &str) -> bool;
    /// A number's value.
    fn number(&self) -> Option<f64>;
    /// A boolean's value.
    fn boolean(&self) -> Option<bool>;
    /// A copy of a string's text.
    fn text(&self) -> Option<String>;
}

/// Which of `{{`, `{%`, `{#` (the validator's `FORBIDDEN_SEQUENCES`) `value` holds, found in one pass over its bytes.
pub fn forbidden_sequences_in(value: &str) -> [bool; 3] {
    let mut found = [false; 3];
    for pair in value.as_bytes().windows(2) {
        match pair {
            [b'{', b'{'] => found[0] = true,
            [b'{', b'%'] => found[1] = true,
            [b'{', b'#'] => found[2] = true,
            _ => {}
        }
    }
    found
}

/// The first character of `value` outside `allowed`: 1-based position (characters) and it.
pub fn first_outside(value: &str, allowed: Charset) -> Option<(usize, char)> {
    value
        .chars()
        .enumerate()
        .find(|(_, c)| !allowed.allows(*c))
        .map(|(index, c)| (index + 1, c))
}

impl InputView for Value {
    fn kind(&self) -> JsonKind {
        JsonKind::of(self)
    }

    fn field(&self, name: &str) -> Option<&Self> {
        self.as_object()?.get(name)
    }

    fn keys(&self) -> impl Iterator<Item = &str> {
        self.as_object()
            .into_iter()
            .flat_map(|map| map.keys().map(String::as_str))
    }

    fn items(&self) -> &[Self] {
        self.as_array().map(Vec::as_slice).unwrap_or(&[])
    }

    fn utf16_len(&self) -> usize {
        self.as_str().map(utf16_len).unwrap_or(0)
    }

    fn forbidden_sequences(&self) -> [bool; 3] {
        self.as_str()
            .map(forbidden_sequences_in)
            .unwrap_or([false; 3])
    }

    /// A Rust string cannot hold one: a reader that saw one says so in its notes instead.
    fn unpaired_surrogate(&self) -> Option<usize> {
        None
    }

    fn charset_violation(&self, allowed: Charset) -> Option<(usize, char)> {
        first_outside(self.as_str()?, allowed)
    }

    fn equals(&self, literal: &str) -> bool {
        self.as_str() == Some(literal)
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn text(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }
}

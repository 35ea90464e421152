//! The input view over a JavaScript value: read once, in key order, one call into JavaScript per
//! object or array (`view.js`), its strings left where they are. Lengths, template sequences,
//! unpaired surrogates and the charset of short strings are answered by JavaScript; a string's
//! text is copied only when a rule needs it (an unknown key, a failing charset) or the caller
//! asks for it.
//!
//! The read keeps every bound and reading of the former copy into `serde_json::Value`: at most
//! [`MAX_VALUES`] values, [`MAX_DEPTH`] levels; `undefined` and `null` are absent; functions,
//! symbols, bigints and typed arrays are empty objects; a value whose reading threw (a getter,
//! a `Proxy`, a revoked `Proxy`) is `null` and noted as unreadable.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::issue::PathSegment;
use crate::messages::{Charset, JsonKind};
use crate::model::ParamType;
use crate::validate::{utf16_len, InputNotes, INPUT_FIELDS, PARAM_FIELDS};
use crate::view::{first_outside, InputView};

/// How deep an input is read: the deepest rule is at `params[i].value`, so anything deeper is
/// only ever reported by its type. Bounding the walk keeps hostile nesting from exhausting the
/// stack.
pub const MAX_DEPTH: u8 = 4;

/// The most values one read takes. A real input holds a few dozen; the bound keeps a hostile one
/// (a sparse array of length 2³² − 1, millions of keys) from hanging the call or growing the
/// module's memory, which never shrinks.
pub const MAX_VALUES: usize = 100_000;

/// Names recognised without copying: field names, and short string values compared with them.
const NAMES: [&str; 13] = [
    INPUT_FIELDS[0],
    INPUT_FIELDS[1],
    INPUT_FIELDS[2],
    INPUT_FIELDS[3],
    PARAM_FIELDS[0],
    PARAM_FIELDS[1],
    PARAM_FIELDS[2],
    ParamType::NAMES[0],
    ParamType::NAMES[1],
    ParamType::NAMES[2],
    ParamType::NAMES[3],
    "0",
    "1",
];

/// Entries whose facts one call writes (3 numbers each, after a 2-number header): of an array,
/// of an object.
const CHUNK: usize = 64;
const OBJECT_CHUNK: usize = 6;

#[wasm_bindgen(module = "/src/wasm/view.js")]
extern "C" {
    #[wasm_bindgen(js_name = viewNames)]
    fn view_names(list: Array);
    #[wasm_bindgen(js_name = viewRoot)]
    fn view_root(root: &JsValue, out: &mut [f64]) -> JsValue;
    #[wasm_bindgen(js_name = viewRead)]
    fn view_read(value: &JsValue, is_array: bool, limit: u32, out: &mut [f64]) -> JsValue;
    #[wasm_bindgen(js_name = viewFacts)]
    fn view_facts(entries: &JsValue, is_array: bool, from: u32, out: &mut [f64]);
    #[wasm_bindgen(js_name = viewLoneSurrogate)]
    fn view_lone_surrogate(entries: &JsValue, index: u32) -> u32;
    #[wasm_bindgen(js_name = viewLocale)]
    fn view_locale(options: &JsValue) -> Option<String>;
    #[wasm_bindgen(js_name = viewText)]
    fn view_text(entries: &JsValue, index: u32) -> Option<String>;
}

thread_local! {
    static NAMES_SENT: Cell<bool> = const { Cell::new(false) };
}

// Kind codes and string flags, as view.js writes them.
const NULL: u32 = 0;
const BOOL: u32 = 1;
const NUMBER: u32 = 2;
const STRING: u32 = 3;
const ARRAY: u32 = 4;
const OBJECT: u32 = 5;
const BAD_ARRAY: u32 = 7;
const THREW: u32 = 8;
const CURLY: u32 = 1;
const PERCENT: u32 = 2;
const HASH: u32 = 4;
const LONE: u32 = 8;
const LETTERS_DIGITS: u32 = 16;
const KEY_CHARS: u32 = 32;

/// Where a string's text can be fetched: the entries list it came in, and its index there.
#[derive(Clone)]
pub struct Handle {
    entries: Rc<JsValue>,
    index: u32,
}

impl Handle {
    fn text(&self) -> Option<String> {
        view_text(&self.entries, self.index)
    }
}

/// An object's field name: one of [`NAMES`], or a copy.
pub enum Key {
    Known(&'static str),
    Own(String),
}

impl Key {
    fn as_str(&self) -> &str {
        match self {
            Key::Known(name) => name,
            Key::Own(name) => name,
        }
    }
}

/// A JavaScript value as the rules see it.
pub enum JsView {
    Null,
    Bool(bool),
    Number(f64),
    String {
        handle: Handle,
        units: usize,
        flags: u32,
        /// Its index in [`NAMES`] when it is one of them.
        name: Option<usize>,
    },
    Array(Vec<JsView>),
    Object(Vec<(Key, JsView)>),
    /// A function, symbol, bigint or typed array: read as an empty object.
    Other,
    /// Reading it threw: read as `null`.
    Unreadable,
}

/// One entry's facts, decoded.
#[derive(Clone, Copy)]
struct Facts {
    key: f64,
    code: f64,
    extra: f64,
}

/// Reads `value` whole (within the bounds) and returns its view with what the read noticed.
pub fn read_input(value: &JsValue) -> (JsView, InputNotes) {
    if !NAMES_SENT.with(Cell::get) {
        view_names(NAMES.iter().map(|n| JsValue::from_str(n)).collect());
        NAMES_SENT.with(|sent| sent.set(true));
    }
    let mut reader = Reader {
        left: MAX_VALUES,
        too_large: false,
        unreadable: false,
    };
    let mut root_facts = [0.0; 3];
    let root = Handle {
        entries: Rc::new(view_root(value, &mut root_facts)),
        index: 0,
    };
    let facts = Facts {
        key: -1.0,
        code: root_facts[1],
        extra: root_facts[2],
    };
    let view = reader.value(facts, root, MAX_DEPTH);
    let mut notes = InputNotes::default();
    if reader.too_large {
        notes.too_large = Some(MAX_VALUES);
    } else if reader.unreadable {
        unreadable_paths(&view, &mut Vec::new(), &mut notes.unreadable);
    }
    (view, notes)
}

/// The paths of unreadable values, in reading order.
fn unreadable_paths(view: &JsView, path: &mut Vec<PathSegment>, out: &mut Vec<Vec<PathSegment>>) {
    match view {
        JsView::Unreadable => out.push(path.clone()),
        JsView::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(PathSegment::Index(index));
                unreadable_paths(item, path, out);
                path.pop();
            }
        }
        JsView::Object(fields) => {
            for (key, item) in fields {
                path.push(PathSegment::from(key.as_str()));
                unreadable_paths(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

struct Reader {
    /// Values still to read before the read stops.
    left: usize,
    too_large: bool,
    /// Whether some value could not be read.
    unreadable: bool,
}

impl Reader {
    /// The view of one value that was read (and counts it).
    fn value(&mut self, facts: Facts, handle: Handle, depth: u8) -> JsView {
        if self.left == 0 {
            self.too_large = true;
            return JsView::Null;
        }
        let code = facts.code as u64;
        let kind = (code % 16) as u32;
        if kind == THREW {
            self.unreadable = true;
            return JsView::Unreadable;
        }
        self.left -= 1;
        match kind {
            NULL => JsView::Null,
            BOOL => JsView::Bool(facts.extra != 0.0),
            NUMBER => JsView::Number(facts.extra),
            STRING => JsView::String {
                handle,
                units: (code / 1024) as usize,
                flags: ((code / 16) % 64) as u32,
                name: (facts.extra >= 0.0).then_some(facts.extra as usize),
            },
            ARRAY | OBJECT => self.container(&handle, kind == ARRAY, depth),
            BAD_ARRAY => {
                self.unreadable = true;
                JsView::Unreadable
            }
            _ => JsView::Other,
        }
    }

    /// An array's items or an object's fields, read in one call.
    fn container(&mut self, handle: &Handle, is_array: bool, depth: u8) -> JsView {
        let empty = || {
            if is_array {
                JsView::Array(Vec::new())
            } else {
                JsView::Object(Vec::new())
            }
        };
        if depth == 0 {
            return empty();
        }
        let value = handle.entries.unchecked_ref::<Array>().get(handle.index);
        // Where view.js writes facts: a header (count, more) and a chunk of entries (an array
        // may have many; an object of the API has up to four fields).
        let chunk = if is_array { CHUNK } else { OBJECT_CHUNK };
        let mut out = vec![0.0; 2 + 3 * chunk];
        self.entries(&value, is_array, depth, &mut out)
    }

    /// The entries of an array or object, their facts written into `out`.
    fn entries(&mut self, value: &JsValue, is_array: bool, depth: u8, out: &mut [f64]) -> JsView {
        let header = |out: &[f64], i: usize| out.get(i).copied().unwrap_or(0.0);
        if let Some(first) = out.first_mut() {
            *first = -2.0;
        }
        let entries = view_read(value, is_array, self.left as u32, out);
        if entries.is_null() {
            self.unreadable = true;
            return JsView::Unreadable;
        }
        if header(out, 0) == -2.0 {
            // The facts were not written (a getter called into the module): ask again.
            view_facts(&entries, is_array, 0, out);
        }
        let count = header(out, 0) as usize;
        let more = header(out, 1) != 0.0;
        let entries = Rc::new(entries);
        let mut items = Vec::new();
        let mut fields = Vec::new();
        let mut from = 0;
        while from < count && !self.too_large {
            if from > 0 {
                view_facts(&entries, is_array, from as u32, out);
            }
            let in_chunk = (count - from).min((out.len() - 2) / 3);
            for offset in 0..in_chunk {
                let facts = Facts {
                    key: header(out, 2 + 3 * offset),
                    code: header(out, 3 + 3 * offset),
                    extra: header(out, 4 + 3 * offset),
                };
                let index = (from + offset) as u32;
                let stride = if is_array { 1 } else { 2 };
                let value_handle = Handle {
                    entries: entries.clone(),
                    index: index * stride + stride - 1,
                };
                let view = self.value(facts, value_handle, depth - 1);
                if self.too_large {
                    break;
                }
                if is_array {
                    items.push(view);
                } else {
                    let key = match NAMES.get(facts.key as usize).filter(|_| facts.key >= 0.0) {
                        Some(name) => Key::Known(name),
                        None => Key::Own(view_text(&entries, index * 2).unwrap_or_default()),
                    };
                    fields.push((key, view));
                }
            }
            from += in_chunk;
        }
        if more {
            self.too_large = true;
        }
        if is_array {
            JsView::Array(items)
        } else {
            JsView::Object(fields)
        }
    }
}

impl JsView {
    /// The values of an object's fields, in the order of [`InputView::keys`].
    pub fn entries(&self) -> impl Iterator<Item = &JsView> {
        let fields: &[(Key, JsView)] = match self {
            JsView::Object(fields) => fields,
            _ => &[],
        };
        fields.iter().map(|(_, value)| value)
    }

    fn string_flags(&self) -> u32 {
        match self {
            JsView::String { flags, .. } => *flags,
            _ => 0,
        }
    }
}

impl InputView for JsView {
    fn kind(&self) -> JsonKind {
        match self {
            JsView::Null | JsView::Unreadable => JsonKind::Null,
            JsView::Bool(_) => JsonKind::Boolean,
            JsView::Number(_) => JsonKind::Number,
            JsView::String { .. } => JsonKind::String,
            JsView::Array(_) => JsonKind::Array,
            JsView::Object(_) | JsView::Other => JsonKind::Object,
        }
    }

    fn field(&self, name: &str) -> Option<&Self> {
        match self {
            JsView::Object(fields) => fields
                .iter()
                .find(|(key, _)| key.as_str() == name)
                .map(|(_, value)| value),
            _ => None,
        }
    }

    fn keys(&self) -> impl Iterator<Item = &str> {
        let fields: &[(Key, JsView)] = match self {
            JsView::Object(fields) => fields,
            _ => &[],
        };
        fields.iter().map(|(key, _)| key.as_str())
    }

    fn items(&self) -> &[Self] {
        match self {
            JsView::Array(items) => items,
            _ => &[],
        }
    }

    fn utf16_len(&self) -> usize {
        match self {
            JsView::String { units, .. } => *units,
            _ => 0,
        }
    }

    fn forbidden_sequences(&self) -> [bool; 3] {
        let flags = self.string_flags();
        [CURLY, PERCENT, HASH].map(|flag| flags & flag != 0)
    }

    fn unpaired_surrogate(&self) -> Option<usize> {
        let JsView::String { handle, flags, .. } = self else {
            return None;
        };
        if flags & LONE == 0 {
            return None;
        }
        let position = view_lone_surrogate(&handle.entries, handle.index);
        (position > 0).then_some(position as usize)
    }

    fn charset_violation(&self, allowed: Charset) -> Option<(usize, char)> {
        let flag = match allowed {
            Charset::LettersDigits => LETTERS_DIGITS,
            Charset::KeyChars => KEY_CHARS,
        };
        if self.string_flags() & flag != 0 {
            return None;
        }
        first_outside(&self.text()?, allowed)
    }

    fn equals(&self, literal: &str) -> bool {
        let JsView::String { units, name, .. } = self else {
            return false;
        };
        if let Some(name) = name {
            return NAMES.get(*name) == Some(&literal);
        }
        if NAMES.contains(&literal) || *units != utf16_len(literal) {
            return false;
        }
        self.text().as_deref() == Some(literal)
    }

    fn number(&self) -> Option<f64> {
        match self {
            JsView::Number(n) => Some(*n),
            _ => None,
        }
    }

    fn boolean(&self) -> Option<bool> {
        match self {
            JsView::Bool(b) => Some(*b),
            _ => None,
        }
    }

    fn text(&self) -> Option<String> {
        match self {
            JsView::String { handle, .. } => handle.text(),
            _ => None,
        }
    }
}

/// The `locale` of an options object, if it is a string (`None` when reading it threw).
pub fn locale_tag(options: &JsValue) -> Option<String> {
    view_locale(options)
}

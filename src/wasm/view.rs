//! The input view over a JavaScript value: read once, in key order, in one call into JavaScript
//! (`view.js`) that writes the facts the rules need as a tape of numbers, decoded here without
//! calling back; its strings left where they are. Lengths and the charset of short strings are
//! answered by JavaScript, template sequences and unpaired surrogates too, or, for long strings
//! in Node (feature `scan`), by a SIMD scan of their units copied into the module; a string's
//! text is copied only when a rule needs it (an unknown key, a failing charset) or the caller
//! asks for it.
//!
//! The read keeps every bound and reading of the former copy into `serde_json::Value`: at most
//! [`MAX_VALUES`] values, [`MAX_DEPTH`] levels; `undefined` and `null` are absent; functions,
//! symbols, bigints and typed arrays are empty objects; a value whose reading threw (a getter,
//! a `Proxy`, a revoked `Proxy`) is `null` and noted as unreadable.

use std::cell::Cell;

use js_sys::Array;
use wasm_bindgen::prelude::*;

use crate::issue::PathSegment;
use crate::messages::{Charset, JsonKind};
use crate::model::ParamType;
use crate::validate::{utf16_len, InputNotes, INPUT_FIELDS, PARAM_FIELDS};
#[cfg(feature = "scan")]
use crate::view::forbidden_sequences_in;
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

/// Numbers at the head of a tape: its length, whether the read stopped early, whether some value
/// was unreadable, how many values and how many object keys it holds.
const HEADER: usize = 5;

/// UTF-16 units of long strings copied into the module and scanned at a time (feature `scan`):
/// small enough to stay in the processor's cache between the copy and the scan. Longer strings
/// are scanned by JavaScript.
#[cfg(feature = "scan")]
const BATCH: usize = 65_536;

#[wasm_bindgen(module = "/src/wasm/view.js")]
extern "C" {
    #[wasm_bindgen(js_name = viewNames)]
    fn view_names(list: Array);
    #[wasm_bindgen(js_name = viewWalk)]
    fn view_walk(root: &JsValue, limit: u32, depth: u8, scan: u32, out: &mut [f64]) -> JsValue;
    #[wasm_bindgen(js_name = viewTape)]
    fn view_tape(read: &JsValue, out: &mut [f64]) -> u32;
    #[wasm_bindgen(js_name = viewLoneSurrogate)]
    fn view_lone_surrogate(read: &JsValue, index: u32) -> u32;
    #[wasm_bindgen(js_name = viewLocale)]
    fn view_locale(options: &JsValue) -> Option<String>;
    #[wasm_bindgen(js_name = viewText)]
    fn view_text(read: &JsValue, index: u32) -> Option<String>;
}

#[cfg(feature = "scan")]
#[wasm_bindgen(module = "/src/wasm/view.js")]
extern "C" {
    #[wasm_bindgen(js_name = scanCopies)]
    fn scan_copies() -> bool;
    #[wasm_bindgen(js_name = scanCopy)]
    fn scan_copy(read: &JsValue, out: &mut [u16]) -> u32;
}

thread_local! {
    /// Whether long strings are copied into the module and scanned there (asked once).
    #[cfg(feature = "scan")]
    static SCANS: bool = scan_copies();
    static NAMES_SENT: Cell<bool> = const { Cell::new(false) };
    /// The tape of the last read, kept for the next (taken while in use: a getter may read too).
    static TAPE: Cell<Vec<f64>> = const { Cell::new(Vec::new()) };
    /// Where long strings are copied for the scan, kept for the next read (taken while in use).
    #[cfg(feature = "scan")]
    static SCRATCH: Cell<Vec<u16>> = const { Cell::new(Vec::new()) };
}

// Kind codes and string flags, as view.js writes them.
const NULL: u64 = 0;
const BOOL: u64 = 1;
const NUMBER: u64 = 2;
const STRING: u64 = 3;
const ARRAY: u64 = 4;
const OBJECT: u64 = 5;
const BAD: u64 = 7;
const THREW: u64 = 8;
const CURLY: u32 = 1;
const PERCENT: u32 = 2;
const HASH: u32 = 4;
const LONE: u32 = 8;
const LETTERS_DIGITS: u32 = 16;
const KEY_CHARS: u32 = 32;
#[cfg(feature = "scan")]
const SCAN: u32 = 64;

/// An object's field name: one of `NAMES`, or a copy.
#[derive(Clone)]
pub enum Key {
    Known(&'static str),
    Own(String),
}

impl Key {
    /// Whether the key is `name` (a known name given as the same literal: without comparing
    /// bytes).
    #[cfg_attr(feature = "scan", inline(always))]
    fn is(&self, name: &str) -> bool {
        let key = self.as_str();
        key.len() == name.len()
            && (key.as_ptr() == name.as_ptr() || key.as_bytes() == name.as_bytes())
    }

    #[cfg_attr(feature = "scan", inline(always))]
    fn as_str(&self) -> &str {
        match self {
            Key::Known(name) => name,
            Key::Own(name) => name,
        }
    }
}

/// A JavaScript value as the rules see it; a container's entries are slices of one arena per read.
#[derive(Clone, Copy)]
pub enum JsView<'a> {
    Null,
    Bool(bool),
    Number(f64),
    String {
        /// The read it came from, and its index there (where its text is fetched).
        read: &'a JsValue,
        index: u32,
        units: usize,
        flags: u32,
        /// Its index in `NAMES` when it is one of them.
        name: Option<usize>,
    },
    Array(&'a [JsView<'a>]),
    /// Its keys and values, in reading order.
    Object(&'a [Key], &'a [JsView<'a>]),
    /// A function, symbol, bigint or typed array: read as an empty object.
    Other,
    /// Reading it threw: read as `null`.
    Unreadable,
}

/// Reads `value` whole (within the bounds) and hands its view, with what the read noticed, to
/// `then`.
pub fn read_input<R>(value: &JsValue, then: impl FnOnce(&JsView, InputNotes) -> R) -> R {
    let (read, tape) = walk(value);
    let (mut values, mut keys) = (Vec::new(), Vec::new());
    let (view, notes) = decode(&read, tape, &mut values, &mut keys);
    then(&view, notes)
}

/// The one call into view.js: the read and its tape.
#[inline(never)]
fn walk(value: &JsValue) -> (JsValue, Vec<f64>) {
    if !NAMES_SENT.with(Cell::get) {
        view_names(NAMES.iter().map(|n| JsValue::from_str(n)).collect());
        NAMES_SENT.with(|sent| sent.set(true));
    }
    let mut tape = TAPE.take();
    if tape.len() < HEADER {
        tape.resize(1024, 0.0);
    }
    if let Some(first) = tape.first_mut() {
        // Stays so if the tape did not fit, or a getter's call into the module moved the memory.
        *first = -1.0;
    }
    let read = view_walk(value, MAX_VALUES as u32, MAX_DEPTH, scan_units(), &mut tape);
    let size = tape.first().copied().unwrap_or(-1.0);
    if size < 0.0 || size as usize > tape.len() {
        let size = view_tape(&read, &mut []) as usize;
        tape.resize(size.max(HEADER), 0.0);
        view_tape(&read, &mut tape);
    }
    (read, tape)
}

/// Decodes `tape` (kept for the next read) into the arenas `values` and `keys`.
#[inline(never)]
fn decode<'a>(
    read: &'a JsValue,
    tape: Vec<f64>,
    values: &'a mut Vec<JsView<'a>>,
    keys: &'a mut Vec<Key>,
) -> (JsView<'a>, InputNotes) {
    let at = |i: usize| tape.get(i).copied().unwrap_or(0.0);
    let mut notes = InputNotes::default();
    let view = if at(1) != 0.0 {
        notes.too_large = Some(MAX_VALUES);
        JsView::Null
    } else {
        values.resize(at(3) as usize, JsView::Null);
        keys.resize(at(4) as usize, Key::Known(""));
        let mut decoder = Decoder {
            tape: tape.get(HEADER..at(0) as usize).unwrap_or(&[]),
            at: 0,
            #[cfg(feature = "scan")]
            batch: Batch::new(),
            read,
            values,
            keys,
        };
        let view = decoder.value();
        #[cfg(feature = "scan")]
        SCRATCH.set(decoder.batch.units);
        if at(2) != 0.0 {
            unreadable_paths(&view, &mut Vec::new(), &mut notes.unreadable);
        }
        view
    };
    TAPE.set(tape);
    (view, notes)
}

/// The most UTF-16 units of long strings view.js leaves to the module's scan at a time (0: none).
#[cfg(feature = "scan")]
fn scan_units() -> u32 {
    if SCANS.with(|scans| *scans) {
        BATCH as u32
    } else {
        0
    }
}

#[cfg(not(feature = "scan"))]
fn scan_units() -> u32 {
    0
}

/// Long strings copied into the module a batch at a time, in reading order, and scanned there.
#[cfg(feature = "scan")]
struct Batch {
    units: Vec<u16>,
    /// Units copied in, and units scanned of them.
    filled: usize,
    scanned: usize,
}

#[cfg(feature = "scan")]
impl Batch {
    fn new() -> Batch {
        let mut units = SCRATCH.take();
        units.resize(BATCH, 0);
        Batch {
            units,
            filled: 0,
            scanned: 0,
        }
    }

    /// The flags of the next long string (`index` in `read`, `units` long).
    fn flags(&mut self, read: &JsValue, index: u32, units: usize) -> u32 {
        if self.scanned + units > self.filled {
            self.filled = scan_copy(read, &mut self.units) as usize;
            self.scanned = 0;
        }
        let from = self.scanned;
        self.scanned += units;
        match self.units.get(from..self.scanned.min(self.filled)) {
            Some(text) if text.len() == units => crate::utf16_scan::scan(text),
            // Never so (scanCopy copies whole strings in reading order): asked of JavaScript.
            _ => {
                let lone = view_lone_surrogate(read, index) > 0;
                let text = view_text(read, index).unwrap_or_default();
                let found = forbidden_sequences_in(&text);
                [CURLY, PERCENT, HASH, LONE]
                    .into_iter()
                    .zip([found[0], found[1], found[2], lone])
                    .filter(|(_, present)| *present)
                    .fold(0, |flags, (flag, _)| flags | flag)
            }
        }
    }
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
        JsView::Object(keys, values) => {
            for (key, item) in keys.iter().zip(values.iter()) {
                path.push(PathSegment::from(key.as_str()));
                unreadable_paths(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Builds a view from a tape (see view.js), without calling back, into the arenas' free parts.
struct Decoder<'t, 'a> {
    tape: &'t [f64],
    /// The next number to decode.
    at: usize,
    read: &'a JsValue,
    values: &'a mut [JsView<'a>],
    keys: &'a mut [Key],
    #[cfg(feature = "scan")]
    batch: Batch,
}

/// The first `count` (at most all) of `free`, which keeps the rest.
fn take<'a, T>(free: &mut &'a mut [T], count: usize) -> &'a mut [T] {
    let count = count.min(free.len());
    let (taken, rest) = std::mem::take(free).split_at_mut(count);
    *free = rest;
    taken
}

impl<'a> Decoder<'_, 'a> {
    #[cfg_attr(feature = "scan", inline(always))]
    fn next(&mut self) -> f64 {
        let n = self.tape.get(self.at).copied().unwrap_or(0.0);
        self.at += 1;
        n
    }

    /// The next value on the tape.
    fn value(&mut self) -> JsView<'a> {
        let code = self.next() as u64;
        let extra = self.next();
        let count = (code / 4096) as usize;
        match code % 16 {
            NULL => JsView::Null,
            BOOL => JsView::Bool(extra != 0.0),
            NUMBER => JsView::Number(extra),
            STRING => {
                let index = self.next() as u32;
                let flags = self.flags(((code / 16) % 256) as u32, index, count);
                JsView::String {
                    read: self.read,
                    index,
                    units: count,
                    flags,
                    name: (extra >= 0.0).then_some(extra as usize),
                }
            }
            ARRAY => {
                let items = take(&mut self.values, count);
                for item in items.iter_mut() {
                    *item = self.value();
                }
                JsView::Array(items)
            }
            OBJECT => {
                let keys = take(&mut self.keys, count);
                let values = take(&mut self.values, count);
                for (key, value) in keys.iter_mut().zip(values.iter_mut()) {
                    *key = self.key();
                    *value = self.value();
                }
                JsView::Object(keys, values)
            }
            BAD | THREW => JsView::Unreadable,
            _ => JsView::Other,
        }
    }

    /// The next key of an object (its value follows).
    fn key(&mut self) -> Key {
        let key = self.next();
        match NAMES.get(key as usize).filter(|_| key >= 0.0) {
            Some(name) => Key::Known(name),
            None => Key::Own(view_text(self.read, (-1.0 - key) as u32).unwrap_or_default()),
        }
    }

    /// A string's flags, the scan's where view.js left it to the module.
    #[cfg(feature = "scan")]
    fn flags(&mut self, flags: u32, index: u32, units: usize) -> u32 {
        if flags & SCAN == 0 {
            return flags;
        }
        self.batch.flags(self.read, index, units)
    }

    #[cfg(not(feature = "scan"))]
    fn flags(&mut self, flags: u32, _: u32, _: usize) -> u32 {
        flags
    }
}
impl<'a> JsView<'a> {
    /// The values of an object's fields, in the order of [`InputView::keys`].
    pub fn entries(&self) -> impl Iterator<Item = &JsView<'a>> {
        let values: &[JsView] = match self {
            JsView::Object(_, values) => values,
            _ => &[],
        };
        values.iter()
    }

    #[cfg_attr(feature = "scan", inline(always))]
    fn string_flags(&self) -> u32 {
        match self {
            JsView::String { flags, .. } => *flags,
            _ => 0,
        }
    }
}

impl InputView for JsView<'_> {
    #[cfg_attr(feature = "scan", inline(always))]
    fn kind(&self) -> JsonKind {
        match self {
            JsView::Null | JsView::Unreadable => JsonKind::Null,
            JsView::Bool(_) => JsonKind::Boolean,
            JsView::Number(_) => JsonKind::Number,
            JsView::String { .. } => JsonKind::String,
            JsView::Array(_) => JsonKind::Array,
            JsView::Object(..) | JsView::Other => JsonKind::Object,
        }
    }

    #[cfg_attr(feature = "scan", inline(always))]
    fn field(&self, name: &str) -> Option<&Self> {
        match self {
            JsView::Object(keys, values) => keys
                .iter()
                .position(|key| key.is(name))
                .and_then(|i| values.get(i)),
            _ => None,
        }
    }

    #[cfg_attr(feature = "scan", inline(always))]
    fn keys(&self) -> impl Iterator<Item = &str> {
        let keys: &[Key] = match self {
            JsView::Object(keys, _) => keys,
            _ => &[],
        };
        keys.iter().map(Key::as_str)
    }

    #[cfg_attr(feature = "scan", inline(always))]
    fn items(&self) -> &[Self] {
        match self {
            JsView::Array(items) => items,
            _ => &[],
        }
    }

    #[cfg_attr(feature = "scan", inline(always))]
    fn utf16_len(&self) -> usize {
        match self {
            JsView::String { units, .. } => *units,
            _ => 0,
        }
    }

    #[cfg_attr(feature = "scan", inline(always))]
    fn forbidden_sequences(&self) -> [bool; 3] {
        let flags = self.string_flags();
        [CURLY, PERCENT, HASH].map(|flag| flags & flag != 0)
    }

    fn unpaired_surrogate(&self) -> Option<usize> {
        let JsView::String {
            read, index, flags, ..
        } = self
        else {
            return None;
        };
        if flags & LONE == 0 {
            return None;
        }
        let position = view_lone_surrogate(read, *index);
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

    #[cfg_attr(feature = "scan", inline(always))]
    fn number(&self) -> Option<f64> {
        match self {
            JsView::Number(n) => Some(*n),
            _ => None,
        }
    }

    #[cfg_attr(feature = "scan", inline(always))]
    fn boolean(&self) -> Option<bool> {
        match self {
            JsView::Bool(b) => Some(*b),
            _ => None,
        }
    }

    fn text(&self) -> Option<String> {
        match self {
            JsView::String { read, index, .. } => view_text(read, *index),
            _ => None,
        }
    }
}

/// The `locale` of an options object, if it is a string (`None` when reading it threw).
pub fn locale_tag(options: &JsValue) -> Option<String> {
    view_locale(options)
}

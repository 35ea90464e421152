//! Strategies and a counting runner shared by the property tests (`tests/prop_*.rs`).
//!
//! The strings are built from characters that break naive code: control characters (CR, LF,
//! NUL, DEL, ESC, NEL), U+FFFD (what a lone surrogate from JavaScript turns into), a BOM,
//! zero-width and bidi controls, astral emoji, CJK, template braces, quotes, `%`, `/`, `.`.
#![allow(dead_code)]

use std::cell::Cell;
use std::fmt::Debug;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Map, Number, Value};

/// One character, often a troublesome one.
pub fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::char::range('a', 'z'),
        1 => prop::char::range('A', 'Z'),
        2 => prop::char::range('0', '9'),
        2 => prop::sample::select(vec![
            '\0', '\r', '\n', '\t', '\u{7f}', '\u{1b}', '\u{85}', '\u{2028}', '\u{FFFD}',
            '\u{FEFF}', '\u{200B}', '\u{202E}', '😀', '中', '{', '}', '%', '#', '/', '.', '\\',
            '"', '?', '-', '_', ' ', '=', ',', ';', ':', '&',
        ]),
        1 => any::<char>(),
    ]
}

/// A string of up to `max` characters from [`nasty_char`].
pub fn nasty_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(nasty_char(), 0..=max).prop_map(|chars| chars.into_iter().collect())
}

/// A string that is usually printable ASCII and sometimes holds a control character.
pub fn mostly_printable(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(prop::char::range(' ', '~'), min..=max),
        1 => prop::collection::vec(nasty_char(), min..=max),
    ]
    .prop_map(|chars| chars.into_iter().collect())
}

/// A JSON number, including the awkward ones (negative zero, huge, fractional).
pub fn json_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop::sample::select(vec![
            0.0,
            1.0,
            -0.0,
            0.5,
            2.0,
            -1.0,
            1e300,
            f64::MIN_POSITIVE
        ])
        .prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
    ]
}

/// A JSON leaf: null, boolean, number or string.
pub fn json_leaf() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        json_number(),
        nasty_string(40).prop_map(Value::String),
    ]
    .boxed()
}

/// An object key: usually one of `keys`, sometimes anything.
pub fn key(keys: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![
        3 => prop::sample::select(keys).prop_map(str::to_string),
        1 => nasty_string(12),
    ]
    .boxed()
}

/// Any JSON value up to six levels deep, object keys mostly from `keys`.
pub fn json_value(keys: &'static [&'static str]) -> BoxedStrategy<Value> {
    json_leaf()
        .prop_recursive(6, 96, 8, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::vec((key(keys), inner), 0..8)
                    .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
            ]
        })
        .boxed()
}

/// `value` nested inside `depth` arrays and objects, alternating.
pub fn deeply_nested(depth: usize, value: Value) -> Value {
    (0..depth).fold(value, |inner, level| {
        if level % 2 == 0 {
            Value::Array(vec![inner])
        } else {
            let mut map = Map::new();
            map.insert("x".to_string(), inner);
            Value::Object(map)
        }
    })
}

/// Runs `test` over `cases` values of `strategy` (shrinking on failure), prints and returns the
/// number of cases run, and fails unless all of them ran.
pub fn run<S>(
    name: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) -> u32
where
    S: Strategy,
    S::Value: Debug,
{
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let count = Cell::new(0u32);
    let result = runner.run(&strategy, |value| {
        count.set(count.get() + 1);
        test(value)
    });
    if let Err(error) = result {
        panic!("property {name} failed: {error}");
    }
    eprintln!("property {name}: {} cases", count.get());
    assert!(
        count.get() >= cases,
        "{name}: only {} cases ran",
        count.get()
    );
    count.get()
}

//! Benchmark-only exports, compiled into a copy of the crate by bench/profile/build.mjs (never
//! into the package): they split `validateStartDeployTask` into its parts so each can be timed,
//! and prototype a JSON-string path. Lives in `src/wasm/bench_proto.rs` of the copy.

use std::cell::RefCell;

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::issue::Issue;
use crate::locale::Locale;
use crate::validate::{parse_input_noted, utf16_len, InputNotes, FORBIDDEN_SEQUENCES};

use super::convert::{to_js, to_json_input};

// The two seams of the crate this file relies on (update here if they move): the walk from a
// JS value to a `serde_json::Value`, and the rules over that value.
fn to_json(input: &JsValue) -> Value {
    to_json_input(input).0
}

fn issues_of(value: &Value) -> Vec<Issue> {
    parse_input_noted(value, &InputNotes::default(), Locale::En)
        .err()
        .unwrap_or_default()
}

thread_local! {
    static HELD: RefCell<Value> = const { RefCell::new(Value::Null) };
    static HELD_ISSUES: RefCell<Vec<Issue>> = const { RefCell::new(Vec::new()) };
}

#[derive(Serialize)]
struct ValidationResult<'a> {
    ok: bool,
    issues: &'a [Issue],
}

/// Crossing + walk only: reads the JS value into a `serde_json::Value` and drops it.
#[wasm_bindgen(js_name = benchWalk)]
pub fn bench_walk(input: JsValue) -> bool {
    to_json(&input).is_object()
}

/// Crossing + walk + rules + issues (with messages), without converting the result to JS.
#[wasm_bindgen(js_name = benchWalkRules)]
pub fn bench_walk_rules(input: JsValue) -> usize {
    issues_of(&to_json(&input)).len()
}

/// Keeps the walked value so that the rules can be timed alone.
#[wasm_bindgen(js_name = benchHold)]
pub fn bench_hold(input: JsValue) {
    HELD.with(|held| *held.borrow_mut() = to_json(&input));
}

/// Rules + issues on the held value: no crossing, no walk.
#[wasm_bindgen(js_name = benchRulesHeld)]
pub fn bench_rules_held() -> usize {
    HELD.with(|held| issues_of(&held.borrow()).len())
}

/// The issues of the held value converted to JS (serde-wasm-bindgen), as the API returns them.
#[wasm_bindgen(js_name = benchRulesHeldToJs)]
pub fn bench_rules_held_to_js() -> JsValue {
    HELD.with(|held| {
        let issues = issues_of(&held.borrow());
        to_js(&ValidationResult {
            ok: issues.is_empty(),
            issues: &issues,
        })
    })
}

/// Computes the issues of the held value once and keeps them.
#[wasm_bindgen(js_name = benchHoldIssues)]
pub fn bench_hold_issues() -> usize {
    let issues = HELD.with(|held| issues_of(&held.borrow()));
    let n = issues.len();
    HELD_ISSUES.with(|held| *held.borrow_mut() = issues);
    n
}

/// Converts the held issues to the JS result object (serde-wasm-bindgen), as the API does.
#[wasm_bindgen(js_name = benchIssuesToJs)]
pub fn bench_issues_to_js() -> JsValue {
    HELD_ISSUES.with(|held| {
        let issues = held.borrow();
        to_js(&ValidationResult {
            ok: issues.is_empty(),
            issues: &issues,
        })
    })
}

#[wasm_bindgen(inline_js = "export function r8Facts(s) { return s.length * 8 + (s.includes('{{') ? 1 : 0) + (s.includes('{%') ? 2 : 0) + (s.includes('{#') ? 4 : 0); }")]
extern "C" {
    /// R8's facts about a JS string in one crossing: UTF-16 length × 8 + a bit per sequence.
    #[wasm_bindgen(js_name = r8Facts)]
    fn r8_facts(value: &JsValue) -> f64;
}

/// A walk over the input that never copies a parameter value into wasm memory: R8 is checked
/// on the JS string itself, in one call into JS per value (`length` is already UTF-16 units;
/// `includes` for the sequences). Keys, types and ids are short and still copied. Returns the
/// number of R8 problems found.
#[wasm_bindgen(js_name = benchWalkNoCopy)]
pub fn bench_walk_no_copy(input: JsValue) -> usize {
    use js_sys::{Array, Reflect};
    use wasm_bindgen::JsCast;
    let names = ["taskId", "recordId", "triggerSource", "params", "key", "type", "value"].map(JsValue::from_str);
    let get = |o: &JsValue, k: &JsValue| Reflect::get(o, k).unwrap_or(JsValue::UNDEFINED);
    let mut problems = 0;
    for name in &names[..3] {
        let _ = get(&input, name).as_string();
    }
    let params = get(&input, &names[3]);
    let Some(params) = params.dyn_ref::<Array>() else {
        return problems;
    };
    for param in params.iter() {
        let _ = get(&param, &names[4]).as_string();
        let _ = get(&param, &names[5]).as_string();
        let value = get(&param, &names[6]);
        if value.is_string() {
            let facts = r8_facts(&value) as u64;
            problems += usize::from(facts / 8 > 8192) + (facts % 8).count_ones() as usize;
        }
    }
    problems
}

/// The per-value string checks alone (UTF-16 length, forbidden sequences), as written today.
#[wasm_bindgen(js_name = benchValueChecksHeld)]
pub fn bench_value_checks_held() -> usize {
    HELD.with(|held| {
        let held = held.borrow();
        let mut n = 0;
        if let Some(params) = held.get("params").and_then(Value::as_array) {
            for value in params.iter().filter_map(|p| p.get("value")?.as_str()) {
                n += utf16_len(value);
                n += FORBIDDEN_SEQUENCES
                    .iter()
                    .filter(|s| value.contains(*s))
                    .count();
            }
        }
        n
    })
}

/// The same checks in one pass over the bytes: UTF-16 units are the bytes that start a
/// character, plus one more for each 4-byte (astral) character; a forbidden sequence is a `{`
/// followed by `{`, `%` or `#`.
fn value_checks_one_pass(value: &str) -> (usize, [bool; 3]) {
    let bytes = value.as_bytes();
    let mut units = 0;
    let mut found = [false; 3];
    let mut previous_brace = false;
    for &b in bytes {
        units += usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0);
        if previous_brace {
            match b {
                b'{' => found[0] = true,
                b'%' => found[1] = true,
                b'#' => found[2] = true,
                _ => {}
            }
        }
        previous_brace = b == b'{';
    }
    (units, found)
}

/// The one-pass variant of `benchValueChecksHeld`.
#[wasm_bindgen(js_name = benchValueChecksOnePassHeld)]
pub fn bench_value_checks_one_pass_held() -> usize {
    HELD.with(|held| {
        let held = held.borrow();
        let mut n = 0;
        if let Some(params) = held.get("params").and_then(Value::as_array) {
            for value in params.iter().filter_map(|p| p.get("value")?.as_str()) {
                let (units, found) = value_checks_one_pass(value);
                n += units + found.iter().filter(|f| **f).count();
            }
        }
        n
    })
}

/// Crossing only: one JS string of the input's JSON size copied into wasm memory.
#[wasm_bindgen(js_name = benchPassString)]
pub fn bench_pass_string(json: String) -> usize {
    json.len()
}

/// Crossing + `serde_json::from_str` into a `Value`, dropped.
#[wasm_bindgen(js_name = benchParseJson)]
pub fn bench_parse_json(json: String) -> bool {
    serde_json::from_str::<Value>(&json).is_ok_and(|v| v.is_object())
}

/// The JSON-string path: the caller passes `JSON.stringify(input)`; the result is the same JS
/// object as `validateStartDeployTask` returns.
#[wasm_bindgen(js_name = validateJson)]
pub fn validate_json(json: String) -> JsValue {
    let value = serde_json::from_str::<Value>(&json).unwrap_or(Value::Null);
    let issues = issues_of(&value);
    to_js(&ValidationResult {
        ok: issues.is_empty(),
        issues: &issues,
    })
}

/// The JSON-string path both ways: the result comes back as a JSON string for `JSON.parse`.
#[wasm_bindgen(js_name = validateJsonToJson)]
pub fn validate_json_to_json(json: String) -> String {
    let value = serde_json::from_str::<Value>(&json).unwrap_or(Value::Null);
    let issues = issues_of(&value);
    serde_json::to_string(&ValidationResult {
        ok: issues.is_empty(),
        issues: &issues,
    })
    .unwrap_or_default()
}

//! Issues as the JavaScript objects of the API, built directly (no serde on this path).

use js_sys::Array;
use wasm_bindgen::prelude::*;

use crate::issue::{Issue, PathSegment};

#[wasm_bindgen(module = "/src/wasm/view.js")]
extern "C" {
    /// `{ path, code, rule, message }` in one call.
    #[wasm_bindgen(js_name = validationIssue)]
    fn issue_object(path: Array, code: &str, rule: &str, message: &str) -> JsValue;
    /// `{ ok, issues }` in one call.
    #[wasm_bindgen(js_name = validationResult)]
    fn result_object(ok: bool, issues: Array) -> JsValue;
}

/// One issue: `{ path, code, rule, message }`.
fn issue_to_js(issue: &Issue) -> JsValue {
    let path: Array = issue
        .path
        .iter()
        .map(|segment| match segment {
            PathSegment::Key(key) => JsValue::from_str(key),
            PathSegment::Index(index) => JsValue::from_f64(*index as f64),
        })
        .collect();
    issue_object(path, issue.code.as_str(), issue.rule, &issue.message)
}

/// The issues as a JavaScript array.
fn issues_to_js(issues: &[Issue]) -> Array {
    issues.iter().map(issue_to_js).collect()
}

/// The `ValidationResult` of `validateStartDeployTask`: `{ ok, issues }`.
pub fn validation_result(issues: &[Issue]) -> JsValue {
    result_object(issues.is_empty(), issues_to_js(issues))
}

//! Issues as the JavaScript objects of the API, built directly (no serde on this path): all of
//! them in one call into JavaScript, their strings in one text decoded once.

use wasm_bindgen::prelude::*;

use crate::issue::{Issue, PathSegment};
use crate::text::utf16_len;

#[wasm_bindgen(module = "/src/wasm/view.js")]
extern "C" {
    /// `{ ok, issues }` from the issues' strings one after the other in `text` and `shape` (see
    /// view.js), in one call.
    #[wasm_bindgen(js_name = validationResult)]
    fn result_object(text: &str, shape: &[f64]) -> JsValue;
    /// `{ ok: true, issues: [] }`.
    #[wasm_bindgen(js_name = validationPassed)]
    fn passed_object() -> JsValue;
}

/// The `ValidationResult` of `validateStartDeployTask`: `{ ok, issues }`, each issue
/// `{ path, code, rule, message }`.
pub fn validation_result(issues: &[Issue]) -> JsValue {
    if issues.is_empty() {
        return passed_object();
    }
    let mut text = String::new();
    let mut shape = Vec::new();
    for issue in issues {
        shape.push(issue.path.len() as f64);
        for segment in &issue.path {
            shape.push(match segment {
                PathSegment::Key(key) => {
                    text.push_str(key);
                    -1.0 - utf16_len(key) as f64
                }
                PathSegment::Index(index) => *index as f64,
            });
        }
        for part in [issue.code.as_str(), issue.rule, &issue.message] {
            text.push_str(part);
            shape.push(utf16_len(part) as f64);
        }
    }
    result_object(&text, &shape)
}

//! `validateStartDeployTask`: the rules over the input where it lives (see `view.rs`), the
//! result built directly as JavaScript objects. The whole of the validate-only build.

use wasm_bindgen::prelude::*;

use serde::Serialize;
use tsify::Tsify;

use crate::issue::Issue;
use crate::locale::Locale;
use crate::validate::check_noted;

use super::result::validation_result;
use super::view::{locale_tag, read_input};

/// Checks a `StartDeployTask` input against every rule and returns all issues, in English or
/// Chinese (`{ locale: "zh-CN" }`). Never throws.
#[wasm_bindgen(js_name = validateStartDeployTask, unchecked_return_type = "ValidationResult")]
pub fn validate_start_deploy_task(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: Option<JsValue>,
) -> JsValue {
    let locale = options.as_ref().map(locale_option).unwrap_or_default();
    read_input(&input, |view, notes| {
        let issues = check_noted(view, &notes, locale).err().unwrap_or_default();
        validation_result(&issues)
    })
}

/// The `locale` of a per-call options object that must not throw: English when absent, not
/// understood or unreadable ([`Locale::for_call`]).
pub fn locale_option(options: &JsValue) -> Locale {
    Locale::for_call(locale_tag(options).as_deref(), Locale::En)
}

/// The result of `validateStartDeployTask`: declared here for its TypeScript type (tsify); the
/// value itself is built directly (`result.rs`).
#[derive(Serialize, Tsify)]
#[allow(dead_code)]
struct ValidationResult<'a> {
    /// Whether the input breaks no rule.
    ok: bool,
    /// Every problem found (empty when `ok`).
    #[tsify(type = "Issue[]")]
    issues: &'a [Issue],
}

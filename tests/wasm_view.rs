//! The two input views agree: thousands of generated inputs (nested objects, arrays, numbers,
//! booleans, nulls, strings with template sequences, astral and CJK characters, known and
//! unknown field names) validated once through the view over the JavaScript value itself and
//! once through `serde_json::Value` parsed from its JSON text must give the same issues, in the
//! same order, in both languages — and the same typed input when valid.
#![cfg(target_arch = "wasm32")]

use codearts_deploy_wasm::locale::Locale;
use codearts_deploy_wasm::validate::{check_noted, parse_input};
use codearts_deploy_wasm::wasm::view::read_input;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(inline_js = r#"
const TASK = "d2dc947ec2424d8789bb3984bb3adf45";
const STRINGS = ["", "x", "k", "text", "enum", "host_group", "encrypt", "0", "1", "{{", "a{%b", "{#", "😀", "中文值",
  TASK, "bad key", "taskId", "params", "key", "value", "type", "recordId", "triggerSource", "Key", "trigger_source",
  "a".repeat(129), "v".repeat(8193), "😀".repeat(4097), "x{".repeat(40)];
let seed = 7;
const pick = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
function value(depth) {
  const r = pick(12);
  if (depth > 4 || r < 3) return [null, true, false, 0, 1, -2.5, 1e21][pick(7)];
  if (r < 7) return STRINGS[pick(STRINGS.length)];
  if (r < 9) return Array.from({ length: pick(4) }, () => value(depth + 1));
  const object = {};
  for (let i = pick(5); i > 0; i--) object[STRINGS[pick(STRINGS.length)] || "f" + i] = value(depth + 1);
  return object;
}
/** Generated input number `i` (deterministic), mostly input-shaped. */
export function generated(i) {
  seed = 7 + i * 7919;
  if (pick(4) === 0) {
    // A valid input, now and then with one thing wrong.
    const params = Array.from({ length: pick(4) }, (_, n) => ({ key: `p.${n}_k-${i}`, value: ["v", "中文值", "😀x", ""][pick(4)], type: ["text", "enum", "encrypt", "host_group"][pick(4)] }));
    const input = { taskId: TASK, params, triggerSource: ["0", "1", 0, 1][pick(4)] };
    if (pick(4) === 0) input[STRINGS[pick(STRINGS.length)] || "extra"] = value(2);
    return input;
  }
  const input = pick(6) === 0 ? value(0) : {};
  if (input && typeof input === "object" && !Array.isArray(input)) {
    if (pick(4) !== 0) input.taskId = [TASK, "x", TASK.slice(1) + "中", null, 5][pick(5)];
    if (pick(3) !== 0) input.params = Array.from({ length: pick(5) }, () =>
      pick(8) === 0 ? value(2) : { key: pick(5) ? STRINGS[pick(STRINGS.length)] : value(3), value: pick(4) ? STRINGS[pick(STRINGS.length)] : value(3), type: pick(4) ? ["text", "enum", "encrypt", "host_group", "txt"][pick(5)] : value(3) });
    if (pick(4) === 0) input.triggerSource = ["0", "1", 0, 1, 2, "2", null, true][pick(8)];
    if (pick(5) === 0) input.recordId = [TASK, "r", 1][pick(3)];
    if (pick(6) === 0) input[STRINGS[pick(STRINGS.length)] || "extra"] = value(1);
  }
  return input;
}
export function json(value) {
  return JSON.stringify(value);
}
"#)]
extern "C" {
    fn generated(i: u32) -> JsValue;
    fn json(value: &JsValue) -> String;
}

const INPUTS: u32 = 3000;

#[wasm_bindgen_test]
fn the_view_over_js_values_and_the_view_over_json_agree() {
    let mut valid = 0;
    for i in 0..INPUTS {
        let input = generated(i);
        let text = json(&input);
        let parsed: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("#{i}: {e}"));
        read_input(&input, |view, notes| {
            for locale in [Locale::En, Locale::ZhCn] {
                let from_js = check_noted(view, &notes, locale).map(|checked| checked.to_input());
                let from_json = parse_input(&parsed, locale);
                assert_eq!(from_js, from_json, "input #{i}: {text}");
                valid += usize::from(from_js.is_ok() && locale == Locale::En);
            }
        });
    }
    assert!(valid > 50, "only {valid} valid inputs among {INPUTS}");
    assert!(
        valid < INPUTS as usize - 50,
        "only {} invalid inputs",
        INPUTS as usize - valid
    );
}

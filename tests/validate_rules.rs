//! The validator against every rule of the spec (R1–R9) and the project's reading of it:
//! required fields, JSON types, UTF-16 lengths, charsets, forbidden sequences, enums, unknown
//! fields with hints, and that every issue is reported with its path, code and rule.
#![cfg(not(target_arch = "wasm32"))]

use codearts_deploy_wasm::issue::{Issue, IssueCode};
use codearts_deploy_wasm::locale::Locale;
use codearts_deploy_wasm::model::{DeployParam, ParamType, StartDeployTaskInput, TriggerSource};
use codearts_deploy_wasm::validate::{
    nearest_name, parse_input, utf16_len, validate_input, FORBIDDEN_SEQUENCES, ID_LENGTH,
    KEY_MAX_LENGTH, VALUE_MAX_LENGTH,
};
use serde_json::{json, Value};

const TASK: &str = "d2dc947ec2424d8789bb3984bb3adf45";
const RECORD: &str = "0ee9c8e6a7dc44109541e53c6dccf47c";
const EMOJI: &str = "😀";
const CJK: &str = "中";

/// `(path as JSON text, code, rule)` of every issue, in the order reported.
fn found(input: &Value) -> Vec<(String, &'static str, &'static str)> {
    summarize(&validate_input(input, Locale::En))
}

fn summarize(issues: &[Issue]) -> Vec<(String, &'static str, &'static str)> {
    issues
        .iter()
        .map(|i| {
            (
                serde_json::to_value(&i.path).unwrap().to_string(),
                i.code.as_str(),
                i.rule,
            )
        })
        .collect()
}

fn issue(
    path: Value,
    code: &'static str,
    rule: &'static str,
) -> (String, &'static str, &'static str) {
    (path.to_string(), code, rule)
}

/// An input with one parameter built from `param`.
fn with_param(param: Value) -> Value {
    json!({ "taskId": TASK, "params": [param] })
}

fn text_param(value: &str) -> Value {
    json!({ "key": "k", "value": value, "type": "text" })
}

fn key_param(key: &str) -> Value {
    json!({ "key": key, "value": "v", "type": "text" })
}

fn input_with_task(task_id: &str) -> Value {
    json!({ "taskId": task_id })
}

fn input_with_record(record_id: &str) -> Value {
    json!({ "taskId": TASK, "recordId": record_id })
}

// ---------------------------------------------------------------- constants and helpers

#[test]
fn rule_constants_match_the_spec() {
    assert_eq!(ID_LENGTH, 32);
    assert_eq!(KEY_MAX_LENGTH, 128);
    assert_eq!(VALUE_MAX_LENGTH, 8192);
    assert_eq!(FORBIDDEN_SEQUENCES, ["{{", "{%", "{#"]);
}

#[test]
fn utf16_len_counts_code_units_like_javascript_length() {
    assert_eq!(utf16_len(""), 0);
    assert_eq!(utf16_len("abc"), 3);
    assert_eq!(utf16_len("é"), 1);
    assert_eq!(utf16_len(CJK), 1);
    assert_eq!(utf16_len(EMOJI), 2);
    assert_eq!(utf16_len("a😀中"), 4);
}

// ---------------------------------------------------------------- the spec's example

#[test]
fn parse_input_returns_the_typed_value_of_the_spec_example() {
    let input = json!({
        "taskId": "d2dc947ec2424d8789bb3984bb3adf45",
        "params": [
            { "key": "string", "value": "test", "type": "text" },
            { "key": "env", "value": "e3144513a4094398857c992606ccba12", "type": "host_group" },
            { "key": "enum", "value": "value1", "type": "enum" }
        ],
        "triggerSource": 0
    });
    let parsed = parse_input(&input, Locale::En).unwrap();
    let expected = StartDeployTaskInput {
        task_id: TASK.to_string(),
        params: Some(vec![
            DeployParam {
                key: "string".into(),
                value: "test".into(),
                param_type: ParamType::Text,
            },
            DeployParam {
                key: "env".into(),
                value: "e3144513a4094398857c992606ccba12".into(),
                param_type: ParamType::HostGroup,
            },
            DeployParam {
                key: "enum".into(),
                value: "value1".into(),
                param_type: ParamType::Enum,
            },
        ]),
        record_id: None,
        trigger_source: Some(TriggerSource::Any),
    };
    assert_eq!(parsed, expected);
    assert!(validate_input(&input, Locale::En).is_empty());
}

#[test]
fn parse_input_keeps_record_id_and_encrypt_params() {
    let input = json!({
        "taskId": TASK,
        "recordId": RECORD,
        "params": [{ "key": "pwd", "value": "s3cret", "type": "encrypt" }],
        "triggerSource": "1"
    });
    let parsed = parse_input(&input, Locale::En).unwrap();
    assert_eq!(parsed.record_id.as_deref(), Some(RECORD));
    assert_eq!(parsed.trigger_source, Some(TriggerSource::PipelineOnly));
    let params = parsed.params.unwrap();
    assert_eq!(params.len(), 1);
    assert_eq!(params[0].param_type, ParamType::Encrypt);
    assert_eq!(params[0].value, "s3cret");
}

#[test]
fn only_task_id_is_required() {
    let parsed = parse_input(&input_with_task(TASK), Locale::En).unwrap();
    assert_eq!(parsed.task_id, TASK);
    assert_eq!(parsed.params, None);
    assert_eq!(parsed.record_id, None);
    assert_eq!(parsed.trigger_source, None);
}

#[test]
fn null_optional_fields_count_as_absent() {
    let input = json!({ "taskId": TASK, "params": null, "recordId": null, "triggerSource": null });
    let parsed = parse_input(&input, Locale::En).unwrap();
    assert_eq!(parsed.params, None);
    assert_eq!(parsed.record_id, None);
    assert_eq!(parsed.trigger_source, None);
}

#[test]
fn parse_input_fails_with_the_same_issues_validate_input_reports() {
    let input = json!({ "taskId": "short", "recordId": 5 });
    let issues = parse_input(&input, Locale::En).unwrap_err();
    assert_eq!(issues, validate_input(&input, Locale::En));
    assert_eq!(issues.len(), 2);
}

// ---------------------------------------------------------------- input shape

#[test]
fn an_input_that_is_not_an_object_is_one_type_issue_at_the_root() {
    for input in [
        json!([]),
        json!("task"),
        json!(null),
        json!(42),
        json!(true),
    ] {
        assert_eq!(
            found(&input),
            vec![issue(json!([]), "type", "shape")],
            "input {input}"
        );
    }
}

// ---------------------------------------------------------------- R1 taskId

#[test]
fn r1_accepts_32_ascii_letters_and_digits() {
    assert!(found(&input_with_task(TASK)).is_empty());
    assert!(found(&input_with_task("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef")).is_empty());
    assert!(found(&input_with_task("01234567890123456789012345678901")).is_empty());
}

#[test]
fn r1_refuses_31_and_33_characters() {
    assert_eq!(
        found(&input_with_task(&TASK[..31])),
        vec![issue(json!(["taskId"]), "length", "R1")]
    );
    assert_eq!(
        found(&input_with_task(&format!("{TASK}a"))),
        vec![issue(json!(["taskId"]), "length", "R1")]
    );
}

#[test]
fn r1_refuses_characters_other_than_ascii_letters_and_digits() {
    for bad in ['-', '_', ' ', 'é', '１', '中', '\n'] {
        let task_id: String = std::iter::once(bad).chain(TASK.chars().skip(1)).collect();
        assert_eq!(
            found(&input_with_task(&task_id)),
            vec![issue(json!(["taskId"]), "charset", "R1")],
            "bad char {bad:?}"
        );
    }
}

#[test]
fn r1_counts_a_cjk_character_as_one_unit() {
    let task_id = format!("{CJK}{}", &TASK[..31]);
    assert_eq!(
        found(&input_with_task(&task_id)),
        vec![issue(json!(["taskId"]), "charset", "R1")]
    );
}

#[test]
fn r1_counts_an_emoji_as_two_units() {
    // 30 ASCII + 1 emoji = 32 units: only the charset fails.
    let task_id = format!("{EMOJI}{}", &TASK[..30]);
    assert_eq!(
        found(&input_with_task(&task_id)),
        vec![issue(json!(["taskId"]), "charset", "R1")]
    );
    // 31 ASCII + 1 emoji = 33 units: the length fails too.
    let task_id = format!("{EMOJI}{}", &TASK[..31]);
    assert_eq!(
        found(&input_with_task(&task_id)),
        vec![
            issue(json!(["taskId"]), "length", "R1"),
            issue(json!(["taskId"]), "charset", "R1"),
        ]
    );
}

#[test]
fn r1_reports_length_and_charset_together() {
    assert_eq!(
        found(&input_with_task("abc-def")),
        vec![
            issue(json!(["taskId"]), "length", "R1"),
            issue(json!(["taskId"]), "charset", "R1"),
        ]
    );
}

#[test]
fn r1_task_id_absent_or_null_is_required() {
    assert_eq!(
        found(&json!({})),
        vec![issue(json!(["taskId"]), "required", "R1")]
    );
    assert_eq!(
        found(&json!({ "taskId": null })),
        vec![issue(json!(["taskId"]), "required", "R1")]
    );
}

#[test]
fn r1_empty_task_id_is_a_length_error_not_required() {
    assert_eq!(
        found(&input_with_task("")),
        vec![issue(json!(["taskId"]), "length", "R1")]
    );
}

#[test]
fn r1_task_id_of_another_type_is_a_type_error() {
    for task_id in [
        json!(12345),
        json!(true),
        json!([TASK]),
        json!({ "id": TASK }),
    ] {
        assert_eq!(
            found(&json!({ "taskId": task_id })),
            vec![issue(json!(["taskId"]), "type", "R1")],
            "taskId {task_id}"
        );
    }
}

// ---------------------------------------------------------------- R5 recordId

#[test]
fn r5_accepts_a_32_character_record_id() {
    assert!(found(&input_with_record(RECORD)).is_empty());
}

#[test]
fn r5_refuses_31_and_33_characters() {
    assert_eq!(
        found(&input_with_record(&RECORD[..31])),
        vec![issue(json!(["recordId"]), "length", "R5")]
    );
    assert_eq!(
        found(&input_with_record(&format!("{RECORD}0"))),
        vec![issue(json!(["recordId"]), "length", "R5")]
    );
}

#[test]
fn r5_empty_record_id_is_an_error_not_absent() {
    assert_eq!(
        found(&input_with_record("")),
        vec![issue(json!(["recordId"]), "length", "R5")]
    );
}

#[test]
fn r5_refuses_other_characters() {
    let record_id = format!("{}_", &RECORD[..31]);
    assert_eq!(
        found(&input_with_record(&record_id)),
        vec![issue(json!(["recordId"]), "charset", "R5")]
    );
}

#[test]
fn r5_record_id_of_another_type_is_a_type_error() {
    for record_id in [json!(7), json!(false), json!([]), json!({})] {
        assert_eq!(
            found(&json!({ "taskId": TASK, "recordId": record_id })),
            vec![issue(json!(["recordId"]), "type", "R5")],
            "recordId {record_id}"
        );
    }
}

// ---------------------------------------------------------------- R4 params

#[test]
fn r4_accepts_an_empty_params_array() {
    let parsed = parse_input(&json!({ "taskId": TASK, "params": [] }), Locale::En).unwrap();
    assert_eq!(parsed.params, Some(Vec::new()));
}

#[test]
fn r4_params_that_is_not_an_array_is_a_type_error() {
    for params in [json!({ "key": "k" }), json!("k=v"), json!(1), json!(true)] {
        assert_eq!(
            found(&json!({ "taskId": TASK, "params": params })),
            vec![issue(json!(["params"]), "type", "R4")],
            "params {params}"
        );
    }
}

#[test]
fn r4_a_param_that_is_not_an_object_is_a_type_error_at_its_index() {
    let input = json!({
        "taskId": TASK,
        "params": [text_param("ok"), "k=v", null, [1], 3]
    });
    assert_eq!(
        found(&input),
        vec![
            issue(json!(["params", 1]), "type", "R4"),
            issue(json!(["params", 2]), "type", "R4"),
            issue(json!(["params", 3]), "type", "R4"),
            issue(json!(["params", 4]), "type", "R4"),
        ]
    );
}

// ---------------------------------------------------------------- R7 key

#[test]
fn r7_accepts_letters_digits_dash_underscore_and_dot() {
    assert!(found(&with_param(key_param("Env-1_name.v2"))).is_empty());
}

#[test]
fn r7_accepts_lengths_1_and_128() {
    assert!(found(&with_param(key_param("k"))).is_empty());
    assert!(found(&with_param(key_param(&"k".repeat(128)))).is_empty());
}

#[test]
fn r7_refuses_lengths_0_and_129() {
    assert_eq!(
        found(&with_param(key_param(""))),
        vec![issue(json!(["params", 0, "key"]), "length", "R7")]
    );
    assert_eq!(
        found(&with_param(key_param(&"k".repeat(129)))),
        vec![issue(json!(["params", 0, "key"]), "length", "R7")]
    );
}

#[test]
fn r7_refuses_other_characters() {
    for key in ["a b", "a/b", "a:b", "ключ", "a{b", "a\u{0}b"] {
        assert_eq!(
            found(&with_param(key_param(key))),
            vec![issue(json!(["params", 0, "key"]), "charset", "R7")],
            "key {key:?}"
        );
    }
}

#[test]
fn r7_counts_length_in_utf16_units() {
    // 128 CJK characters are 128 units: only the charset fails.
    assert_eq!(
        found(&with_param(key_param(&CJK.repeat(128)))),
        vec![issue(json!(["params", 0, "key"]), "charset", "R7")]
    );
    // 64 emoji are 128 units: only the charset fails.
    assert_eq!(
        found(&with_param(key_param(&EMOJI.repeat(64)))),
        vec![issue(json!(["params", 0, "key"]), "charset", "R7")]
    );
    // 65 emoji are 130 units: too long as well.
    assert_eq!(
        found(&with_param(key_param(&EMOJI.repeat(65)))),
        vec![
            issue(json!(["params", 0, "key"]), "length", "R7"),
            issue(json!(["params", 0, "key"]), "charset", "R7"),
        ]
    );
}

#[test]
fn r7_key_absent_or_null_is_required() {
    assert_eq!(
        found(&with_param(json!({ "value": "v", "type": "text" }))),
        vec![issue(json!(["params", 0, "key"]), "required", "R7")]
    );
    assert_eq!(
        found(&with_param(
            json!({ "key": null, "value": "v", "type": "text" })
        )),
        vec![issue(json!(["params", 0, "key"]), "required", "R7")]
    );
}

#[test]
fn r7_key_of_another_type_is_a_type_error() {
    for key in [json!(1), json!(["k"]), json!({ "k": 1 }), json!(false)] {
        assert_eq!(
            found(&with_param(
                json!({ "key": key, "value": "v", "type": "text" })
            )),
            vec![issue(json!(["params", 0, "key"]), "type", "R7")],
            "key {key}"
        );
    }
}

// ---------------------------------------------------------------- R8 value

#[test]
fn r8_accepts_an_empty_value() {
    let parsed = parse_input(&with_param(text_param("")), Locale::En).unwrap();
    assert_eq!(parsed.params.unwrap()[0].value, "");
}

#[test]
fn r8_accepts_8192_and_refuses_8193_characters() {
    assert!(found(&with_param(text_param(&"v".repeat(8192)))).is_empty());
    assert_eq!(
        found(&with_param(text_param(&"v".repeat(8193)))),
        vec![issue(json!(["params", 0, "value"]), "length", "R8")]
    );
}

#[test]
fn r8_counts_an_emoji_as_two_units() {
    assert!(found(&with_param(text_param(&EMOJI.repeat(4096)))).is_empty());
    let too_long = format!("{}a", EMOJI.repeat(4096));
    assert_eq!(
        found(&with_param(text_param(&too_long))),
        vec![issue(json!(["params", 0, "value"]), "length", "R8")]
    );
    let too_long = format!("{}{EMOJI}", "a".repeat(8191));
    assert_eq!(
        found(&with_param(text_param(&too_long))),
        vec![issue(json!(["params", 0, "value"]), "length", "R8")]
    );
}

#[test]
fn r8_counts_a_cjk_character_as_one_unit_not_three_bytes() {
    assert!(found(&with_param(text_param(&CJK.repeat(8192)))).is_empty());
    assert_eq!(
        found(&with_param(text_param(&CJK.repeat(8193)))),
        vec![issue(json!(["params", 0, "value"]), "length", "R8")]
    );
}

#[test]
fn r8_refuses_each_forbidden_sequence() {
    for sequence in ["{{", "{%", "{#"] {
        let value = format!("before {sequence} after");
        assert_eq!(
            found(&with_param(text_param(&value))),
            vec![issue(
                json!(["params", 0, "value"]),
                "forbidden_sequence",
                "R8"
            )],
            "sequence {sequence}"
        );
    }
}

#[test]
fn r8_reports_every_forbidden_sequence_in_one_value() {
    assert_eq!(
        found(&with_param(text_param("{{ a }} {% b %} {# c #}"))),
        vec![
            issue(json!(["params", 0, "value"]), "forbidden_sequence", "R8"),
            issue(json!(["params", 0, "value"]), "forbidden_sequence", "R8"),
            issue(json!(["params", 0, "value"]), "forbidden_sequence", "R8"),
        ]
    );
}

#[test]
fn r8_allows_braces_that_do_not_form_a_forbidden_sequence() {
    for value in ["{", "{ {", "}}", "%}", "#}", "{\"a\":1}", "{x}{y}", "$%#"] {
        assert!(
            found(&with_param(text_param(value))).is_empty(),
            "value {value:?}"
        );
    }
}

#[test]
fn r8_reports_length_and_forbidden_sequence_together() {
    let value = format!("{{{{{}", "v".repeat(8192));
    assert_eq!(
        found(&with_param(text_param(&value))),
        vec![
            issue(json!(["params", 0, "value"]), "length", "R8"),
            issue(json!(["params", 0, "value"]), "forbidden_sequence", "R8"),
        ]
    );
}

#[test]
fn r8_value_absent_or_null_is_required() {
    assert_eq!(
        found(&with_param(json!({ "key": "k", "type": "text" }))),
        vec![issue(json!(["params", 0, "value"]), "required", "R8")]
    );
    assert_eq!(
        found(&with_param(
            json!({ "key": "k", "value": null, "type": "text" })
        )),
        vec![issue(json!(["params", 0, "value"]), "required", "R8")]
    );
}

#[test]
fn r8_value_of_another_type_is_a_type_error() {
    for value in [json!(42), json!(true), json!(["v"]), json!({ "v": 1 })] {
        assert_eq!(
            found(&with_param(
                json!({ "key": "k", "value": value, "type": "text" })
            )),
            vec![issue(json!(["params", 0, "value"]), "type", "R8")],
            "value {value}"
        );
    }
}

// ---------------------------------------------------------------- R9 type

#[test]
fn r9_accepts_the_four_types() {
    for (name, expected) in [
        ("text", ParamType::Text),
        ("host_group", ParamType::HostGroup),
        ("encrypt", ParamType::Encrypt),
        ("enum", ParamType::Enum),
    ] {
        let input = with_param(json!({ "key": "k", "value": "v", "type": name }));
        let parsed = parse_input(&input, Locale::En).unwrap();
        assert_eq!(parsed.params.unwrap()[0].param_type, expected);
    }
}

#[test]
fn r9_refuses_other_type_names() {
    for name in [
        "TEXT",
        "Text",
        "",
        "secret",
        "hostGroup",
        "host-group",
        " text",
    ] {
        assert_eq!(
            found(&with_param(
                json!({ "key": "k", "value": "v", "type": name })
            )),
            vec![issue(json!(["params", 0, "type"]), "enum", "R9")],
            "type {name:?}"
        );
    }
}

#[test]
fn r9_type_absent_or_null_is_required() {
    assert_eq!(
        found(&with_param(json!({ "key": "k", "value": "v" }))),
        vec![issue(json!(["params", 0, "type"]), "required", "R9")]
    );
    assert_eq!(
        found(&with_param(
            json!({ "key": "k", "value": "v", "type": null })
        )),
        vec![issue(json!(["params", 0, "type"]), "required", "R9")]
    );
}

#[test]
fn r9_type_of_another_type_is_a_type_error() {
    for ty in [json!(0), json!(["text"]), json!({}), json!(true)] {
        assert_eq!(
            found(&with_param(json!({ "key": "k", "value": "v", "type": ty }))),
            vec![issue(json!(["params", 0, "type"]), "type", "R9")],
            "type {ty}"
        );
    }
}

#[test]
fn an_empty_param_object_reports_all_three_required_fields() {
    assert_eq!(
        found(&with_param(json!({}))),
        vec![
            issue(json!(["params", 0, "key"]), "required", "R7"),
            issue(json!(["params", 0, "value"]), "required", "R8"),
            issue(json!(["params", 0, "type"]), "required", "R9"),
        ]
    );
}

// ---------------------------------------------------------------- R6 triggerSource

#[test]
fn r6_accepts_string_and_number_zero_and_one() {
    for (value, expected) in [
        (json!("0"), TriggerSource::Any),
        (json!("1"), TriggerSource::PipelineOnly),
        (json!(0), TriggerSource::Any),
        (json!(1), TriggerSource::PipelineOnly),
        (json!(0.0), TriggerSource::Any),
        (json!(1.0), TriggerSource::PipelineOnly),
    ] {
        let parsed = parse_input(
            &json!({ "taskId": TASK, "triggerSource": value }),
            Locale::En,
        )
        .unwrap();
        assert_eq!(
            parsed.trigger_source,
            Some(expected),
            "triggerSource {value}"
        );
    }
}

#[test]
fn r6_refuses_other_numbers_and_strings_as_enum_errors() {
    for value in [
        json!(2),
        json!("2"),
        json!(0.5),
        json!(-1),
        json!(""),
        json!(" 0"),
        json!("00"),
        json!("one"),
    ] {
        assert_eq!(
            found(&json!({ "taskId": TASK, "triggerSource": value })),
            vec![issue(json!(["triggerSource"]), "enum", "R6")],
            "triggerSource {value}"
        );
    }
}

#[test]
fn r6_refuses_booleans_arrays_and_objects_as_type_errors() {
    for value in [json!(true), json!(false), json!([0]), json!({ "v": 0 })] {
        assert_eq!(
            found(&json!({ "taskId": TASK, "triggerSource": value })),
            vec![issue(json!(["triggerSource"]), "type", "R6")],
            "triggerSource {value}"
        );
    }
}

// ---------------------------------------------------------------- unknown fields

#[test]
fn an_unknown_root_field_is_reported_with_a_hint() {
    let issues = validate_input(&json!({ "taskId": TASK, "trigger_source": 0 }), Locale::En);
    assert_eq!(
        summarize(&issues),
        vec![issue(json!(["trigger_source"]), "unknown_field", "shape")]
    );
    assert!(
        issues[0].message.contains("did you mean triggerSource?"),
        "{}",
        issues[0].message
    );
}

#[test]
fn snake_case_root_fields_hint_at_their_camel_case_names() {
    for (typo, known) in [
        ("trigger_source", "triggerSource"),
        ("record_id", "recordId"),
        ("task_id", "taskId"),
        ("TaskId", "taskId"),
        ("parms", "params"),
    ] {
        let mut input = json!({ "taskId": TASK });
        input[typo] = json!("x");
        let issues = validate_input(&input, Locale::En);
        let unknown: Vec<&Issue> = issues
            .iter()
            .filter(|i| i.code == IssueCode::UnknownField)
            .collect();
        assert_eq!(unknown.len(), 1, "{typo}: {issues:?}");
        assert_eq!(
            serde_json::to_value(&unknown[0].path).unwrap(),
            json!([typo])
        );
        assert!(
            unknown[0]
                .message
                .ends_with(&format!("did you mean {known}?")),
            "{typo}: {}",
            unknown[0].message
        );
    }
}

#[test]
fn task_id_in_snake_case_also_leaves_task_id_missing() {
    assert_eq!(
        found(&json!({ "task_id": TASK })),
        vec![
            issue(json!(["task_id"]), "unknown_field", "shape"),
            issue(json!(["taskId"]), "required", "R1"),
        ]
    );
}

#[test]
fn an_unknown_field_far_from_every_name_has_no_hint() {
    let issues = validate_input(&json!({ "taskId": TASK, "color": "red" }), Locale::En);
    assert_eq!(
        summarize(&issues),
        vec![issue(json!(["color"]), "unknown_field", "shape")]
    );
    assert_eq!(issues[0].message, "color is not a known field.");
}

#[test]
fn an_unknown_param_field_is_reported_at_its_path_with_a_hint() {
    let input = json!({
        "taskId": TASK,
        "params": [text_param("a"), { "key": "k", "vaule": "v", "type": "text" }]
    });
    let issues = validate_input(&input, Locale::En);
    assert_eq!(
        summarize(&issues),
        vec![
            issue(json!(["params", 1, "vaule"]), "unknown_field", "shape"),
            issue(json!(["params", 1, "value"]), "required", "R8"),
        ]
    );
    assert!(
        issues[0].message.ends_with("did you mean value?"),
        "{}",
        issues[0].message
    );
}

#[test]
fn an_unknown_param_field_without_a_near_name_has_no_hint() {
    let issues = validate_input(
        &with_param(json!({ "key": "k", "value": "v", "type": "text", "color": "red" })),
        Locale::En,
    );
    assert_eq!(
        summarize(&issues),
        vec![issue(
            json!(["params", 0, "color"]),
            "unknown_field",
            "shape"
        )]
    );
    assert!(!issues[0].message.contains("did you mean"));
}

#[test]
fn an_input_with_only_an_unknown_field_does_not_parse() {
    assert!(parse_input(&json!({ "taskId": TASK, "extra": 1 }), Locale::En).is_err());
}

#[test]
fn nearest_name_finds_spelling_variants_and_typos() {
    let root = ["taskId", "params", "recordId", "triggerSource"];
    let param = ["key", "value", "type"];
    assert_eq!(nearest_name("trigger_source", &root), Some("triggerSource"));
    assert_eq!(nearest_name("record_id", &root), Some("recordId"));
    assert_eq!(nearest_name("task_id", &root), Some("taskId"));
    assert_eq!(nearest_name("TASKID", &root), Some("taskId"));
    assert_eq!(nearest_name("trigger-source", &root), Some("triggerSource"));
    assert_eq!(nearest_name("param", &root), Some("params"));
    assert_eq!(nearest_name("vaule", &param), Some("value"));
    assert_eq!(nearest_name("typ", &param), Some("type"));
    assert_eq!(nearest_name("color", &root), None);
    assert_eq!(nearest_name("color", &param), None);
    assert_eq!(nearest_name("", &param), None);
    assert_eq!(nearest_name(&"x".repeat(1000), &root), None);
}

// ---------------------------------------------------------------- every issue at once

#[test]
fn every_issue_is_reported_with_its_path_code_and_rule() {
    let input = json!({
        "taskId": "not-a-valid-id",
        "recordId": "",
        "triggerSource": 2,
        "trigger_source": "0",
        "params": [
            { "key": "ok", "value": "fine", "type": "text" },
            { "key": "bad key", "value": "x", "type": "secret" },
            { "key": "k", "value": "{{ template }}", "type": "encrypt" },
            { "value": 7, "type": "enum", "colour": 1 },
            "not an object"
        ]
    });
    let mut got = found(&input);
    let mut expected = vec![
        issue(json!(["trigger_source"]), "unknown_field", "shape"),
        issue(json!(["taskId"]), "length", "R1"),
        issue(json!(["taskId"]), "charset", "R1"),
        issue(json!(["params", 1, "key"]), "charset", "R7"),
        issue(json!(["params", 1, "type"]), "enum", "R9"),
        issue(json!(["params", 2, "value"]), "forbidden_sequence", "R8"),
        issue(json!(["params", 3, "colour"]), "unknown_field", "shape"),
        issue(json!(["params", 3, "key"]), "required", "R7"),
        issue(json!(["params", 3, "value"]), "type", "R8"),
        issue(json!(["params", 4]), "type", "R4"),
        issue(json!(["recordId"]), "length", "R5"),
        issue(json!(["triggerSource"]), "enum", "R6"),
    ];
    assert_eq!(got.len(), expected.len(), "{got:#?}");
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
}

#[test]
fn fields_are_checked_in_a_stable_order_task_params_record_trigger() {
    let input = json!({
        "triggerSource": "x",
        "recordId": 1,
        "params": {},
        "taskId": 1
    });
    assert_eq!(
        found(&input),
        vec![
            issue(json!(["taskId"]), "type", "R1"),
            issue(json!(["params"]), "type", "R4"),
            issue(json!(["recordId"]), "type", "R5"),
            issue(json!(["triggerSource"]), "enum", "R6"),
        ]
    );
}

#[test]
fn issues_in_different_params_carry_their_own_index() {
    let input = json!({
        "taskId": TASK,
        "params": [
            text_param("{%"),
            text_param("ok"),
            text_param("{#"),
        ]
    });
    assert_eq!(
        found(&input),
        vec![
            issue(json!(["params", 0, "value"]), "forbidden_sequence", "R8"),
            issue(json!(["params", 2, "value"]), "forbidden_sequence", "R8"),
        ]
    );
}

#[test]
fn the_locale_changes_messages_but_not_paths_codes_or_rules() {
    let input = json!({
        "taskId": "x",
        "params": [{ "key": "", "value": "{{", "type": "nope", "vaule": 1 }],
        "triggerSource": true
    });
    let en = validate_input(&input, Locale::En);
    let zh = validate_input(&input, Locale::ZhCn);
    assert_eq!(summarize(&en), summarize(&zh));
    assert!(en.len() >= 5);
    for (e, z) in en.iter().zip(&zh) {
        assert_ne!(e.message, z.message);
    }
}

#[test]
fn issues_serialize_as_the_javascript_issue_shape() {
    let issues = validate_input(&with_param(text_param("{{")), Locale::En);
    let value = serde_json::to_value(&issues).unwrap();
    assert_eq!(value[0]["path"], json!(["params", 0, "value"]));
    assert_eq!(value[0]["code"], json!("forbidden_sequence"));
    assert_eq!(value[0]["rule"], json!("R8"));
    assert!(value[0]["message"].is_string());
}

#[test]
fn issue_codes_have_their_wire_names() {
    let names: Vec<&str> = [
        IssueCode::Required,
        IssueCode::Type,
        IssueCode::Length,
        IssueCode::Charset,
        IssueCode::ForbiddenSequence,
        IssueCode::Enum,
        IssueCode::UnknownField,
    ]
    .iter()
    .map(|c| c.as_str())
    .collect();
    assert_eq!(
        names,
        [
            "required",
            "type",
            "length",
            "charset",
            "forbidden_sequence",
            "enum",
            "unknown_field"
        ]
    );
    for code in [IssueCode::ForbiddenSequence, IssueCode::UnknownField] {
        assert_eq!(serde_json::to_value(code).unwrap(), json!(code.as_str()));
    }
}

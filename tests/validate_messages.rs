//! Issue messages: one per kind in English and Simplified Chinese, the field named as a
//! JavaScript path, and never the value of a parameter (an `encrypt` value is a secret).
#![cfg(not(target_arch = "wasm32"))]

use codearts_deploy_wasm::issue::{Issue, PathSegment};
use codearts_deploy_wasm::locale::Locale;
use codearts_deploy_wasm::messages::{display_path, message, Charset, JsonKind, Problem};
use codearts_deploy_wasm::validate::validate_input;
use serde_json::{json, Value};

const TASK: &str = "d2dc947ec2424d8789bb3984bb3adf45";

/// The one message `input` produces.
fn only_message(input: &Value, locale: Locale) -> String {
    let issues = validate_input(input, locale);
    assert_eq!(issues.len(), 1, "{issues:#?}");
    issues[0].message.clone()
}

fn with_param(param: Value) -> Value {
    json!({ "taskId": TASK, "params": [param] })
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// A Chinese message: it holds Chinese characters and none of the English wording.
fn assert_chinese(text: &str) {
    assert!(text.chars().any(is_cjk), "not Chinese: {text}");
    for english in [
        " must ",
        " is ",
        " not ",
        "characters",
        "required",
        "known field",
    ] {
        assert!(!text.contains(english), "English {english:?} in {text}");
    }
}

fn assert_english(text: &str) {
    assert!(!text.chars().any(is_cjk), "not English: {text}");
    assert!(text.ends_with('.') || text.ends_with('?'), "{text}");
}

/// One input per kind of message, and the words the English message must hold.
fn one_of_each_kind() -> Vec<(&'static str, Value, Vec<&'static str>)> {
    vec![
        ("required", json!({}), vec!["taskId is required."]),
        (
            "type",
            json!({ "taskId": 5 }),
            vec!["taskId must be a string, not a number."],
        ),
        (
            "root type",
            json!([1, 2]),
            vec!["the input must be an object, not an array."],
        ),
        (
            "exact length",
            json!({ "taskId": "abc" }),
            vec!["taskId must be exactly 32 characters long (it has 3)."],
        ),
        (
            "length range",
            with_param(json!({ "key": "", "value": "v", "type": "text" })),
            vec!["params[0].key must be 1 to 128 characters long (it has 0)."],
        ),
        (
            "maximum length",
            with_param(json!({ "key": "k", "value": "v".repeat(8193), "type": "text" })),
            vec!["params[0].value must be at most 8192 characters long (it has 8193)."],
        ),
        (
            "charset",
            with_param(json!({ "key": "a b", "value": "v", "type": "text" })),
            vec!["params[0].key may contain only", "U+0020", "position 2"],
        ),
        (
            "forbidden sequence",
            with_param(json!({ "key": "k", "value": "x{%y", "type": "text" })),
            vec!["params[0].value must not contain \"{%\""],
        ),
        (
            "enum",
            with_param(json!({ "key": "k", "value": "v", "type": "secret" })),
            vec!["params[0].type must be one of text, host_group, encrypt, enum."],
        ),
        (
            "trigger source enum",
            json!({ "taskId": TASK, "triggerSource": 2 }),
            vec!["triggerSource must be one of \"0\", \"1\"."],
        ),
        (
            "unknown field with hint",
            json!({ "taskId": TASK, "record_id": "x" }),
            vec!["record_id is not a known field; did you mean recordId?"],
        ),
        (
            "unknown field without hint",
            json!({ "taskId": TASK, "color": "x" }),
            vec!["color is not a known field."],
        ),
    ]
}

#[test]
fn english_messages_name_the_field_and_the_problem() {
    for (kind, input, words) in one_of_each_kind() {
        let text = only_message(&input, Locale::En);
        assert_english(&text);
        for word in words {
            assert!(text.contains(word), "{kind}: {text:?} lacks {word:?}");
        }
    }
}

#[test]
fn chinese_messages_are_chinese_for_every_kind() {
    for (kind, input, _) in one_of_each_kind() {
        let text = only_message(&input, Locale::ZhCn);
        assert_chinese(&text);
        assert_ne!(text, only_message(&input, Locale::En), "{kind}");
    }
}

#[test]
fn chinese_messages_keep_the_field_path_and_figures() {
    assert_eq!(only_message(&json!({}), Locale::ZhCn), "taskId 为必填项。");
    assert_eq!(
        only_message(&json!({ "taskId": "abc" }), Locale::ZhCn),
        "taskId 的长度必须为 32 个字符（当前为 3 个）。"
    );
    assert_eq!(
        only_message(&json!({ "taskId": 5 }), Locale::ZhCn),
        "taskId 必须是字符串，而不是数字。"
    );
    let text = only_message(
        &with_param(json!({ "key": "k", "value": "v".repeat(8193), "type": "text" })),
        Locale::ZhCn,
    );
    assert!(text.starts_with("params[0].value "), "{text}");
    assert!(text.contains("8192") && text.contains("8193"), "{text}");
    let text = only_message(
        &json!({ "taskId": TASK, "trigger_source": 0 }),
        Locale::ZhCn,
    );
    assert!(text.contains("triggerSource"), "{text}");
    assert_eq!(
        only_message(&json!("x"), Locale::ZhCn),
        "输入 必须是对象，而不是字符串。"
    );
}

#[test]
fn messages_name_nested_fields_as_javascript_paths() {
    let input = json!({
        "taskId": TASK,
        "params": [
            { "key": "a", "value": "v", "type": "text" },
            { "key": "b", "value": "v", "type": "text" },
            { "key": "c", "value": "{{", "type": "text" }
        ]
    });
    let issues = validate_input(&input, Locale::En);
    assert_eq!(
        serde_json::to_value(&issues[0].path).unwrap(),
        json!(["params", 2, "value"])
    );
    assert!(
        issues[0].message.starts_with("params[2].value "),
        "{}",
        issues[0].message
    );
}

#[test]
fn the_type_message_lists_every_expected_type() {
    let text = only_message(
        &json!({ "taskId": TASK, "triggerSource": true }),
        Locale::En,
    );
    assert_eq!(
        text,
        "triggerSource must be a string or a number, not a boolean."
    );
    let text = only_message(
        &json!({ "taskId": TASK, "triggerSource": true }),
        Locale::ZhCn,
    );
    assert_eq!(text, "triggerSource 必须是字符串或数字，而不是布尔值。");
}

#[test]
fn the_charset_message_quotes_a_printable_character_and_the_position() {
    let text = only_message(
        &with_param(json!({ "key": "ab/c", "value": "v", "type": "text" })),
        Locale::En,
    );
    assert_eq!(
        text,
        "params[0].key may contain only ASCII letters, digits, \"-\", \"_\" and \".\"; found \"/\" at position 3."
    );
    let text = only_message(
        &with_param(json!({ "key": "ab/c", "value": "v", "type": "text" })),
        Locale::ZhCn,
    );
    assert!(
        text.contains("第 3 个位置") && text.contains("\"/\""),
        "{text}"
    );
}

#[test]
fn the_charset_message_names_control_characters_by_code_point() {
    let text = only_message(
        &with_param(json!({ "key": "a\nb", "value": "v", "type": "text" })),
        Locale::En,
    );
    assert!(text.contains("U+000A"), "{text}");
    assert!(!text.contains('\n'), "{text:?}");
}

#[test]
fn display_path_writes_javascript_paths() {
    let path = [
        PathSegment::from("params"),
        PathSegment::from(12),
        PathSegment::from("key"),
    ];
    assert_eq!(display_path(&path, Locale::En), "params[12].key");
    assert_eq!(display_path(&path, Locale::ZhCn), "params[12].key");
    assert_eq!(
        display_path(&[PathSegment::from("taskId")], Locale::En),
        "taskId"
    );
    assert_eq!(display_path(&[], Locale::En), "the input");
    assert_eq!(display_path(&[], Locale::ZhCn), "输入");
}

#[test]
fn message_formats_problems_directly() {
    let path = [PathSegment::from("recordId")];
    assert_eq!(
        message(
            &path,
            &Problem::Type {
                expected: &[JsonKind::String],
                got: JsonKind::Null
            },
            Locale::En
        ),
        "recordId must be a string, not null."
    );
    assert_eq!(
        message(
            &path,
            &Problem::Charset {
                allowed: Charset::LettersDigits,
                found: '中',
                position: 1
            },
            Locale::En
        ),
        "recordId may contain only ASCII letters and digits; found \"中\" at position 1."
    );
    assert_eq!(
        message(
            &path,
            &Problem::Enum {
                allowed: &["a", "b"]
            },
            Locale::ZhCn
        ),
        "recordId 必须是以下值之一：a、b。"
    );
}

#[test]
fn json_kind_of_names_every_json_type() {
    assert_eq!(JsonKind::of(&json!(null)), JsonKind::Null);
    assert_eq!(JsonKind::of(&json!(true)), JsonKind::Boolean);
    assert_eq!(JsonKind::of(&json!(1.5)), JsonKind::Number);
    assert_eq!(JsonKind::of(&json!("s")), JsonKind::String);
    assert_eq!(JsonKind::of(&json!([])), JsonKind::Array);
    assert_eq!(JsonKind::of(&json!({})), JsonKind::Object);
}

#[test]
fn charsets_allow_exactly_their_characters() {
    assert!(Charset::LettersDigits.allows('a'));
    assert!(Charset::LettersDigits.allows('Z'));
    assert!(Charset::LettersDigits.allows('7'));
    assert!(!Charset::LettersDigits.allows('-'));
    assert!(!Charset::LettersDigits.allows('é'));
    for c in ['a', 'Z', '0', '-', '_', '.'] {
        assert!(Charset::KeyChars.allows(c), "{c:?}");
    }
    for c in [' ', '/', ':', '{', 'é', '中', '\0'] {
        assert!(!Charset::KeyChars.allows(c), "{c:?}");
    }
}

// ---------------------------------------------------------------- no value in a message

const SECRET: &str = "TOPSECRET-hunter2-Q9x7Zk";

/// Every message and the Debug output of every issue, in both locales.
fn everything_shown(input: &Value) -> Vec<String> {
    let mut shown = Vec::new();
    for locale in [Locale::En, Locale::ZhCn] {
        let issues: Vec<Issue> = validate_input(input, locale);
        assert!(!issues.is_empty(), "{input}");
        shown.push(format!("{issues:?}"));
        shown.push(serde_json::to_string(&issues).unwrap());
        shown.extend(issues.into_iter().map(|i| i.message));
    }
    shown
}

fn assert_secret_not_shown(input: &Value) {
    for text in everything_shown(input) {
        assert!(!text.contains(SECRET), "secret shown: {text}");
        assert!(
            !text.contains("hunter2"),
            "part of the secret shown: {text}"
        );
    }
}

#[test]
fn an_encrypt_value_that_is_too_long_and_holds_braces_is_never_quoted() {
    let value = format!("{SECRET}{{{{{}{{%{SECRET}{{#", "x".repeat(8200));
    let input = with_param(json!({ "key": "db_password", "value": value, "type": "encrypt" }));
    let issues = validate_input(&input, Locale::En);
    let codes: Vec<&str> = issues.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "length",
            "forbidden_sequence",
            "forbidden_sequence",
            "forbidden_sequence"
        ]
    );
    assert_secret_not_shown(&input);
}

#[test]
fn a_short_encrypt_value_with_a_forbidden_sequence_is_never_quoted() {
    let input = with_param(json!({
        "key": "pwd",
        "value": format!("{SECRET}{{{{"),
        "type": "encrypt"
    }));
    assert_eq!(validate_input(&input, Locale::En).len(), 1);
    assert_secret_not_shown(&input);
}

#[test]
fn a_secret_value_is_not_quoted_when_other_fields_of_its_param_fail() {
    let input = with_param(json!({
        "key": "bad key",
        "value": format!("{SECRET}{{#"),
        "type": "Encrypt",
        "vaule": SECRET
    }));
    assert_eq!(validate_input(&input, Locale::En).len(), 4);
    assert_secret_not_shown(&input);
}

#[test]
fn values_of_other_types_are_not_quoted_either() {
    for ty in ["text", "host_group", "enum"] {
        let input = with_param(json!({
            "key": "k",
            "value": format!("{SECRET}{{%{}", "y".repeat(9000)),
            "type": ty
        }));
        assert_secret_not_shown(&input);
    }
}

#[test]
fn a_secret_in_a_wrongly_typed_field_is_not_quoted() {
    let input = json!({
        "taskId": SECRET,
        "recordId": SECRET,
        "triggerSource": SECRET,
        "params": [{ "key": "k", "value": "v", "type": SECRET }]
    });
    assert_eq!(validate_input(&input, Locale::En).len(), 6);
    assert_secret_not_shown(&input);
}

#[test]
fn an_unknown_field_name_is_quoted_short_and_without_control_characters() {
    let name = format!("x\n{}", "y".repeat(500));
    let mut input = json!({ "taskId": TASK });
    input[name.as_str()] = json!(1);
    let text = only_message(&input, Locale::En);
    assert!(!text.contains('\n'), "{text}");
    assert!(text.starts_with("x\\u{a}y"), "{text}");
    assert!(text.contains('…'), "{text}");
    assert!(text.chars().count() < 120, "{text}");
    let issues = validate_input(&input, Locale::En);
    assert_eq!(
        issues[0].path,
        [PathSegment::Key(name)],
        "the path keeps the raw name"
    );
}

//! Property tests of the validator: over arbitrary JSON (wrong types, strings with control
//! characters and U+FFFD, huge arrays, deep nesting) it never panics, and every issue is
//! well-formed: a known code, the rule of the field it names (R1–R9 or `shape`), a path that
//! leads into the input, and a message that is non-empty, free of control characters and never
//! quotes a parameter value.
#![cfg(not(target_arch = "wasm32"))]

mod prop_support;

use codearts_deploy_wasm::issue::{Issue, IssueCode, PathSegment};
use codearts_deploy_wasm::locale::Locale;
use codearts_deploy_wasm::validate::{parse_input, parse_input_noted, InputNotes};
use prop_support::{deeply_nested, json_value, key, nasty_string, run};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{json, Map, Value};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Inputs found valid (so the success path is exercised too).
static VALID: AtomicUsize = AtomicUsize::new(0);

const INPUT_KEYS: &[&str] = &[
    "taskId",
    "params",
    "recordId",
    "triggerSource",
    "trigger_source",
];
const PARAM_KEYS: &[&str] = &["key", "value", "type", "Type"];
const TASK: &str = "d2dc947ec2424d8789bb3984bb3adf45";
/// Every parameter value the structured strategy makes starts with this, so a message that
/// quotes one is caught.
const VALUE_MARK: &str = "VAL-SECRET-";

fn locale() -> impl Strategy<Value = Locale> {
    prop_oneof![Just(Locale::En), Just(Locale::ZhCn)]
}

/// The value at `path` in `root`, if there is one.
fn resolve<'v>(root: &'v Value, path: &[PathSegment]) -> Option<&'v Value> {
    path.iter().try_fold(root, |value, segment| match segment {
        PathSegment::Key(k) => value.as_object()?.get(k),
        PathSegment::Index(i) => value.as_array()?.get(*i),
    })
}

/// The rule a path belongs to, by the spec's tables.
fn rule_of(path: &[PathSegment]) -> Option<&'static str> {
    use PathSegment::{Index, Key};
    Some(match path {
        [] => "shape",
        [Key(k)] if k == "taskId" => "R1",
        [Key(k)] if k == "recordId" => "R5",
        [Key(k)] if k == "triggerSource" => "R6",
        [Key(k)] if k == "params" => "R4",
        [Key(k), Index(_)] if k == "params" => "R4",
        [Key(p), Index(_), Key(k)] if p == "params" && k == "key" => "R7",
        [Key(p), Index(_), Key(k)] if p == "params" && k == "value" => "R8",
        [Key(p), Index(_), Key(k)] if p == "params" && k == "type" => "R9",
        _ => return None,
    })
}

/// Fails unless `issue` is well-formed for `input`.
fn check_issue(input: &Value, issue: &Issue, secrets: &[String]) -> Result<(), TestCaseError> {
    let shown = format!("{issue:?}");
    prop_assert!(!issue.message.trim().is_empty(), "empty message: {shown}");
    prop_assert!(
        !issue.message.chars().any(char::is_control),
        "control character in message: {shown}"
    );
    for secret in secrets {
        prop_assert!(
            !issue.message.contains(secret.as_str()),
            "value quoted: {shown}"
        );
    }
    let code = issue.code.as_str();
    prop_assert!(
        [
            "required",
            "type",
            "length",
            "charset",
            "forbidden_sequence",
            "enum",
            "unknown_field"
        ]
        .contains(&code),
        "unknown code: {shown}"
    );
    let rule_ok = issue.rule == "shape"
        || (issue.rule.len() == 2
            && issue.rule.starts_with('R')
            && ('1'..='9').contains(&issue.rule.chars().nth(1).unwrap_or('0')));
    prop_assert!(rule_ok, "unknown rule: {shown}");
    match issue.code {
        IssueCode::UnknownField => {
            prop_assert_eq!(issue.rule, "shape", "{}", shown);
            prop_assert!(
                resolve(input, &issue.path).is_some(),
                "no such field: {}",
                shown
            );
        }
        IssueCode::Required => {
            let (_, parent) = issue.path.split_last().ok_or_else(|| {
                TestCaseError::fail(format!("required issue without a path: {shown}"))
            })?;
            prop_assert!(
                resolve(input, parent).is_some_and(Value::is_object),
                "required field of a non-object: {}",
                shown
            );
            prop_assert!(
                resolve(input, &issue.path).is_none_or(Value::is_null),
                "required field present: {}",
                shown
            );
            prop_assert_eq!(Some(issue.rule), rule_of(&issue.path), "{}", shown);
        }
        _ => {
            prop_assert!(
                resolve(input, &issue.path).is_some(),
                "path leads nowhere: {}",
                shown
            );
            // An unreadable unknown field is reported at its own path, under `shape`.
            prop_assert_eq!(
                issue.rule,
                rule_of(&issue.path).unwrap_or("shape"),
                "{}",
                shown
            );
        }
    }
    Ok(())
}

/// Validates `input` in `locale` and checks the answer as a whole.
fn check(input: &Value, notes: &InputNotes, locale: Locale) -> Result<(), TestCaseError> {
    let secrets = param_values(input);
    match parse_input_noted(input, notes, locale) {
        Ok(parsed) => {
            VALID.fetch_add(1, Ordering::Relaxed);
            prop_assert!(notes.unpaired_surrogates.is_empty() || !touches_known(notes));
            prop_assert_eq!(parsed.task_id.len(), 32);
            prop_assert!(parsed.task_id.chars().all(|c| c.is_ascii_alphanumeric()));
        }
        Err(issues) => {
            prop_assert!(!issues.is_empty(), "rejected without an issue");
            for issue in &issues {
                check_issue(input, issue, &secrets)?;
            }
        }
    }
    Ok(())
}

/// Whether a note names a field the validator reads as a string.
fn touches_known(notes: &InputNotes) -> bool {
    notes
        .unpaired_surrogates
        .iter()
        .any(|(path, _)| matches!(rule_of(path), Some("R1" | "R5" | "R7" | "R8" | "R9")))
}

/// The distinct marked parameter values of a structured input (never to be quoted).
fn param_values(input: &Value) -> Vec<String> {
    let mut out = std::collections::BTreeSet::new();
    if let Some(params) = input.get("params").and_then(Value::as_array) {
        for param in params {
            if let Some(value) = param.get("value").and_then(Value::as_str) {
                if value.starts_with(VALUE_MARK) {
                    out.insert(value.to_string());
                }
            }
        }
    }
    out.into_iter().collect()
}

/// A string that is often close to valid for an id field.
fn id_like() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => "[a-zA-Z0-9]{32}".prop_map(Value::String),
        1 => "[a-zA-Z0-9]{30,34}".prop_map(Value::String),
        2 => nasty_string(40).prop_map(Value::String),
        1 => prop_support::json_leaf(),
        1 => Just(json!("../../v2/tasks/x/start")),
        1 => Just(json!("d2dc947ec2424d8789bb3984bb3adf4%2F")),
    ]
}

/// A parameter object, often nearly valid, its value marked.
fn param() -> impl Strategy<Value = Value> {
    let value = prop_oneof![
        4 => nasty_string(30).prop_map(|s| Value::String(format!("{VALUE_MARK}{s}"))),
        1 => nasty_string(30).prop_map(|s| Value::String(format!("{VALUE_MARK}{{{{{s}"))),
        1 => Just(Value::String(format!("{VALUE_MARK}{}", "x".repeat(8200)))),
        1 => prop_support::json_leaf(),
    ];
    let fields = (
        prop_oneof![3 => "[a-zA-Z0-9._-]{1,20}".prop_map(Value::String), 1 => prop_support::json_leaf()],
        value,
        prop_oneof![
            3 => prop::sample::select(vec!["text", "host_group", "encrypt", "enum"]).prop_map(Value::from),
            1 => prop_support::json_leaf(),
        ],
        prop::collection::vec((key(PARAM_KEYS), prop_support::json_leaf()), 0..2),
        prop::collection::vec(any::<bool>(), 3),
    );
    prop_oneof![
        8 => fields.prop_map(|(k, v, t, extra, keep)| {
            let mut map = Map::new();
            for (name, value, kept) in [("key", k, keep[0]), ("value", v, keep[1]), ("type", t, keep[2])] {
                if kept {
                    map.insert(name.to_string(), value);
                }
            }
            map.extend(extra);
            Value::Object(map)
        }),
        1 => prop_support::json_leaf(),
    ]
}

/// A `StartDeployTask` input that is often close to valid, so the deeper rules run.
fn structured_input() -> impl Strategy<Value = Value> {
    (
        prop::option::weighted(0.9, id_like()),
        prop::option::weighted(
            0.7,
            prop_oneof![
                6 => prop::collection::vec(param(), 0..6).prop_map(Value::Array),
                1 => prop_support::json_leaf(),
            ],
        ),
        prop::option::weighted(0.3, id_like()),
        prop::option::weighted(
            0.4,
            prop_oneof![
                prop::sample::select(vec![
                    json!("0"),
                    json!("1"),
                    json!(0),
                    json!(1),
                    json!(2),
                    json!("01"),
                    json!(1.5),
                    json!(true)
                ]),
                prop_support::json_leaf(),
            ],
        ),
        prop::collection::vec((key(INPUT_KEYS), prop_support::json_leaf()), 0..2),
    )
        .prop_map(|(task, params, record, trigger, extra)| {
            let mut map = Map::new();
            for (name, value) in [
                ("taskId", task),
                ("params", params),
                ("recordId", record),
                ("triggerSource", trigger),
            ] {
                if let Some(value) = value {
                    map.insert(name.to_string(), value);
                }
            }
            map.extend(extra);
            Value::Object(map)
        })
}

/// The paths of every string the validator reads as a string field.
fn string_field_paths(input: &Value) -> Vec<Vec<PathSegment>> {
    let mut out = Vec::new();
    for name in ["taskId", "recordId"] {
        if input.get(name).is_some_and(Value::is_string) {
            out.push(vec![PathSegment::from(name)]);
        }
    }
    if let Some(params) = input.get("params").and_then(Value::as_array) {
        for (i, param) in params.iter().enumerate() {
            for name in ["key", "value", "type"] {
                if param.get(name).is_some_and(Value::is_string) {
                    out.push(vec![
                        PathSegment::from("params"),
                        PathSegment::from(i),
                        PathSegment::from(name),
                    ]);
                }
            }
        }
    }
    out
}

#[test]
fn arbitrary_json_never_panics_and_every_issue_is_well_formed() {
    let strategy = (json_value(INPUT_KEYS), locale());
    run(
        "validator/arbitrary-json",
        4000,
        strategy,
        |(input, locale)| check(&input, &InputNotes::default(), locale),
    );
}

#[test]
fn nearly_valid_inputs_get_issues_on_the_right_field_and_rule() {
    let strategy = (structured_input(), locale());
    run("validator/structured", 6000, strategy, |(input, locale)| {
        check(&input, &InputNotes::default(), locale)
    });
    let valid = VALID.load(Ordering::Relaxed);
    eprintln!("validator/structured: {valid} valid inputs");
    assert!(valid > 100, "only {valid} inputs were valid");
}

#[test]
fn a_string_with_an_unpaired_surrogate_is_refused_with_a_charset_issue_at_its_path() {
    let strategy = (
        structured_input(),
        any::<prop::sample::Index>(),
        1usize..40,
        locale(),
    );
    run(
        "validator/unpaired-surrogates",
        3000,
        strategy,
        |(input, pick, position, locale)| {
            let paths = string_field_paths(&input);
            if paths.is_empty() {
                return check(&input, &InputNotes::default(), locale);
            }
            let path = paths[pick.index(paths.len())].clone();
            let notes = InputNotes {
                unpaired_surrogates: vec![(path.clone(), position)],
                ..InputNotes::default()
            };
            check(&input, &notes, locale)?;
            let issues = parse_input_noted(&input, &notes, locale)
                .err()
                .unwrap_or_default();
            prop_assert!(
                issues
                    .iter()
                    .any(|i| i.path == path && i.code == IssueCode::Charset),
                "no charset issue at {:?}: {:?}",
                path,
                issues
            );
            Ok(())
        },
    );
}

#[test]
fn huge_arrays_of_parameters_are_checked_whole() {
    // A few generated parameters repeated: generating 20,000 distinct ones is slow.
    let strategy = (
        prop::collection::vec(param(), 1..40),
        5_000usize..20_000,
        locale(),
    );
    run(
        "validator/huge-arrays",
        10,
        strategy,
        |(some, count, locale)| {
            let params: Vec<Value> = some.iter().cycle().take(count).cloned().collect();
            let mut input = Map::new();
            input.insert("taskId".to_string(), json!(TASK));
            input.insert("params".to_string(), Value::Array(params));
            let input = Value::Object(input);
            check(&input, &InputNotes::default(), locale)?;
            if let Err(issues) = parse_input(&input, locale) {
                let last = issues
                    .iter()
                    .filter_map(|i| match i.path.get(1) {
                        Some(PathSegment::Index(n)) => Some(*n),
                        _ => None,
                    })
                    .max();
                prop_assert!(last.is_none_or(|n| n < count));
            }
            Ok(())
        },
    );
}

#[test]
fn deep_nesting_anywhere_is_reported_by_type_without_recursion() {
    let places = prop::sample::select(vec!["taskId", "params", "param", "value", "root"]);
    run(
        "validator/deep-nesting",
        40,
        (places, 500usize..3000, locale()),
        |(place, depth, locale)| {
            // Built by hand: `json!` would serialise the nested value recursively.
            let deep = deeply_nested(depth, json!("x"));
            let object = |pairs: Vec<(&str, Value)>| {
                Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            };
            let input = match place {
                "taskId" => object(vec![("taskId", deep)]),
                "params" => object(vec![("taskId", json!(TASK)), ("params", deep)]),
                "param" => object(vec![
                    ("taskId", json!(TASK)),
                    ("params", Value::Array(vec![deep])),
                ]),
                "value" => {
                    let param = object(vec![
                        ("key", json!("k")),
                        ("value", deep),
                        ("type", json!("text")),
                    ]);
                    object(vec![
                        ("taskId", json!(TASK)),
                        ("params", Value::Array(vec![param])),
                    ])
                }
                _ => deep,
            };
            check(&input, &InputNotes::default(), locale)?;
            prop_assert!(parse_input(&input, locale).is_err());
            // Dropping a deeply nested value recurses; keep that off the test's small stack.
            std::mem::forget(input);
            Ok(())
        },
    );
}

#[test]
fn an_input_read_only_in_part_is_refused_with_one_length_issue() {
    run(
        "validator/too-large-note",
        500,
        (structured_input(), locale()),
        |(input, locale)| {
            let notes = InputNotes {
                too_large: Some(100_000),
                ..InputNotes::default()
            };
            let issues = parse_input_noted(&input, &notes, locale)
                .err()
                .unwrap_or_default();
            prop_assert_eq!(issues.len(), 1);
            prop_assert_eq!(issues[0].code, IssueCode::Length);
            prop_assert_eq!(issues[0].rule, "shape");
            prop_assert!(issues[0].path.is_empty());
            prop_assert!(issues[0].message.contains("100000"));
            Ok(())
        },
    );
}

/// Every path in `value` (the root included), parents before children.
fn all_paths(value: &Value, path: &mut Vec<PathSegment>, out: &mut Vec<Vec<PathSegment>>) {
    out.push(path.clone());
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(PathSegment::Index(i));
                all_paths(item, path, out);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                path.push(PathSegment::Key(key.clone()));
                all_paths(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// `value` with the value at `path` replaced by `null`, as a reader whose read threw leaves it.
fn nulled(mut value: Value, path: &[PathSegment]) -> Value {
    let mut slot = &mut value;
    for segment in path {
        let next = match (segment, slot) {
            (PathSegment::Key(k), Value::Object(map)) => map.get_mut(k),
            (PathSegment::Index(i), Value::Array(items)) => items.get_mut(*i),
            _ => None,
        };
        let Some(next) = next else {
            return value;
        };
        slot = next;
    }
    *slot = Value::Null;
    value
}

#[test]
fn a_value_whose_reading_threw_is_reported_there_and_nothing_under_it() {
    let strategy = (structured_input(), any::<prop::sample::Index>(), locale());
    run(
        "validator/unreadable",
        3000,
        strategy,
        |(input, pick, locale)| {
            let mut paths = Vec::new();
            all_paths(&input, &mut Vec::new(), &mut paths);
            let path = paths[pick.index(paths.len())].clone();
            let input = nulled(input, &path);
            let notes = InputNotes {
                unreadable: vec![path.clone()],
                ..InputNotes::default()
            };
            check(&input, &notes, locale)?;
            let issues = parse_input_noted(&input, &notes, locale)
                .err()
                .unwrap_or_default();
            let at: Vec<&Issue> = issues
                .iter()
                .filter(|i| i.path.starts_with(&path))
                .collect();
            prop_assert_eq!(at.len(), 1, "{:?}: {:?}", path, issues);
            prop_assert_eq!(at[0].code, IssueCode::Type);
            prop_assert_eq!(&at[0].path, &path);
            prop_assert_eq!(Some(at[0].rule), rule_of(&path).or(Some("shape")));
            Ok(())
        },
    );
}

//! The ids of a run are checked by the start's rules (R1, R5) before anything is sent.
#![cfg(not(target_arch = "wasm32"))]

use codearts_deploy_wasm::locale::Locale;
use codearts_deploy_wasm::run_ids::{parse_run_ids, RecordId, RunIds};
use codearts_deploy_wasm::validate::InputNotes;
use serde_json::{json, Value};

const TASK: &str = "e700f15965694253940502911220d76b";
const RECORD: &str = "2c82ffe8d00d4968a4e5f7a36d87ae17";

fn parse(
    value: Value,
    record: RecordId,
) -> Result<RunIds, Vec<(String, &'static str, &'static str)>> {
    parse_run_ids(&value, &InputNotes::default(), record, Locale::En).map_err(|issues| {
        issues
            .into_iter()
            .map(|i| (format!("{:?}", i.path), i.rule, i.code.as_str()))
            .collect()
    })
}

#[test]
fn ids_and_records_are_both_accepted() {
    let ids = parse(
        json!({ "taskId": TASK, "recordId": RECORD }),
        RecordId::Required,
    )
    .unwrap();
    assert_eq!(
        ids,
        RunIds {
            task_id: TASK.into(),
            record_id: Some(RECORD.into())
        }
    );
    let record = json!({ "id": RECORD, "taskId": TASK, "jobName": "j", "appComponentList": [], "requestId": "x", "$metadata": {} });
    assert_eq!(parse(record, RecordId::Required).unwrap(), ids);
    let latest = parse(json!({ "taskId": TASK }), RecordId::Optional).unwrap();
    assert_eq!(latest.record_id, None);
}

#[test]
fn bad_ids_are_reported_with_their_rules() {
    let issues = parse(
        json!({ "taskId": "short", "recordId": "x-y" }),
        RecordId::Optional,
    )
    .unwrap_err();
    let rules: Vec<_> = issues.iter().map(|(_, rule, _)| *rule).collect();
    assert!(rules.contains(&"R1") && rules.contains(&"R5"), "{issues:?}");
    let issues = parse(json!({ "id": "bad", "taskId": TASK }), RecordId::Required).unwrap_err();
    assert_eq!(issues[0].1, "R5");
    let issues = parse(json!({ "recordId": RECORD }), RecordId::Optional).unwrap_err();
    assert_eq!((issues[0].1, issues[0].2), ("R1", "required"));
}

#[test]
fn a_missing_record_id_is_required_where_the_call_needs_one() {
    let issues = parse(json!({ "taskId": TASK }), RecordId::Required).unwrap_err();
    assert_eq!(issues.len(), 1);
    assert_eq!((issues[0].1, issues[0].2), ("R5", "required"));
}

#[test]
fn unknown_fields_and_wrong_shapes_are_refused() {
    let issues = parse(
        json!({ "taskId": TASK, "recordID": RECORD }),
        RecordId::Optional,
    )
    .unwrap_err();
    assert_eq!(issues[0].2, "unknown_field");
    let issues = parse(json!({ "taskId": TASK, "params": [] }), RecordId::Optional).unwrap_err();
    assert_eq!(issues[0].2, "unknown_field");
    for value in [json!(null), json!("id"), json!([TASK])] {
        let issues = parse(value.clone(), RecordId::Optional).unwrap_err();
        assert_eq!(issues[0].2, "type", "{value}");
    }
}

//! The ids that name one run of a task: `{ taskId, recordId? }`, or a `DeployRecord` (its
//! `taskId` and `id`), checked by the same rules as the start (R1, R5) before anything is sent.
//!
//! ```
//! use codearts_deploy_wasm::{locale::Locale, run_ids::{parse_run_ids, RecordId}, validate::InputNotes};
//! let ids = serde_json::json!({ "taskId": "d2dc947ec2424d8789bb3984bb3adf45" });
//! let run = parse_run_ids(&ids, &InputNotes::default(), RecordId::Optional, Locale::En).unwrap();
//! assert_eq!(run.record_id, None);
//!
//! let issues = parse_run_ids(&ids, &InputNotes::default(), RecordId::Required, Locale::En).unwrap_err();
//! assert_eq!((issues[0].rule, issues[0].code.as_str()), ("R5", "required"));
//! ```

use serde_json::{Map, Value};

use crate::fields::names_of;
use crate::issue::{Issue, IssueCode, PathSegment};
use crate::locale::Locale;
use crate::messages::{message, Problem};
use crate::options;
use crate::validate::{nearest_name, parse_input_noted, InputNotes};

/// Fields of a `DeployRecord`, accepted (and, but for `taskId` and `id`, ignored) when a
/// record is given.
const RECORD_FIELDS: [&str; 8] = [
    "id",
    "taskId",
    "jobName",
    "appComponentList",
    "requestId",
    "reconciled",
    "$metadata",
    "recordId",
];

/// Whether the call needs a record id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordId {
    /// Without one the call reads the task's latest run (`getDeployStatus`).
    Optional,
    /// `waitForDeployment` and `getExecutionParams`.
    Required,
}

/// A checked task id and record id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunIds {
    /// The deploy task id (R1).
    pub task_id: String,
    /// The deployment record id (R5); `None` for the task's latest run.
    pub record_id: Option<String>,
}

/// Checks the ids of a run and returns them, or every issue found (R1 for `taskId`, R5 for
/// `recordId`, `unknown_field` for anything else). An object with an `id` is read as a
/// `DeployRecord`: `id` is its record id and its other fields are ignored.
pub fn parse_run_ids(
    value: &Value,
    notes: &InputNotes,
    record_id: RecordId,
    locale: Locale,
) -> Result<RunIds, Vec<Issue>> {
    let Some(object) = value.as_object() else {
        // The start's validator words the wrong-type issue of the whole input.
        return Err(parse_input_noted(value, notes, locale)
            .err()
            .unwrap_or_default());
    };
    let is_record = object.get("id").is_some_and(|id| !id.is_null());
    let known: &[&'static str] = if is_record {
        &RECORD_FIELDS
    } else {
        names_of::<options::RunIds>()
    };
    let mut issues = unknown_fields(object, known, locale);
    let record = if is_record {
        object.get("id")
    } else {
        object.get("recordId")
    };
    let mut ids = Map::new();
    for (name, field) in [("taskId", object.get("taskId")), ("recordId", record)] {
        if let Some(field) = field {
            ids.insert(name.to_string(), field.clone());
        }
    }
    let parsed = parse_input_noted(&Value::Object(ids), notes, locale);
    let parsed = match parsed {
        Ok(input) => Some(input),
        Err(found) => {
            issues.extend(found);
            None
        }
    };
    if let Some(input) = &parsed {
        if record_id == RecordId::Required && input.record_id.is_none() {
            let path = vec![PathSegment::from("recordId")];
            issues.push(Issue {
                message: message(&path, &Problem::Required, locale),
                path,
                code: IssueCode::Required,
                rule: "R5",
            });
        }
    }
    match parsed {
        Some(input) if issues.is_empty() => Ok(RunIds {
            task_id: input.task_id,
            record_id: input.record_id,
        }),
        _ => Err(issues),
    }
}

fn unknown_fields(
    object: &Map<String, Value>,
    known: &[&'static str],
    locale: Locale,
) -> Vec<Issue> {
    object
        .keys()
        .filter(|name| !known.contains(&name.as_str()))
        .map(|name| {
            let path = vec![PathSegment::from(name.as_str())];
            let problem = Problem::UnknownField {
                suggestion: nearest_name(name, known),
            };
            Issue {
                message: message(&path, &problem, locale),
                path,
                code: IssueCode::UnknownField,
                rule: "shape",
            }
        })
        .collect()
}

//! Reading a run: the `ShowDeployStatus` request (`GET /v2/tasks/{task_id}/state`) and its
//! answer as a [`DeployStatus`] or a typed error.
//!
//! ```
//! use codearts_deploy_wasm::response::HttpAnswer;
//! use codearts_deploy_wasm::status::{classify_status, state_url};
//! assert_eq!(
//!     state_url("http://h/base/", "t", Some("r")),
//!     "http://h/base/v2/tasks/t/state?record_id=r"
//! );
//! let body = br#"{"status":"success","result":{"record_id":"r","task_id":"t","status":"running","step":"running","end_time":""}}"#;
//! let status = classify_status(&HttpAnswer::read(200, None, body)).unwrap();
//! assert_eq!((status.status.as_str(), status.end_time), ("running", None));
//! assert_eq!(status.metadata.http_status_code, Some(200));
//! ```

use serde::Serialize;
use serde_json::{Map, Value};
use serde_with::skip_serializing_none;

#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

use crate::model::ResponseMetadata;
use crate::response::{
    api_error, format_error, readable, reports_failure, text, HttpAnswer, ReadAnswer, ResponseError,
};

/// Where a run stands (the `result` of `ShowDeployStatus`, in camelCase).
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DeployStatus {
    /// `running`, `succeeded` or `failed`; any other value the service sends is passed through.
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "\"running\" | \"succeeded\" | \"failed\" | (string & {})")
    )]
    pub status: String,
    /// The deploy task id.
    pub task_id: String,
    /// The deployment record id of the run.
    pub record_id: String,
    /// `running` or `finish`.
    pub step: Option<String>,
    /// `yyyy-MM-dd HH:mm:ss`, as the service writes it.
    pub start_time: Option<String>,
    /// `yyyy-MM-dd HH:mm:ss`; absent while the run is going.
    pub end_time: Option<String>,
    /// Who ran it.
    pub executor: Option<String>,
    /// The task's name.
    pub task_name: Option<String>,
    /// The `X-Request-Id` the service answered with, when it sent one.
    pub request_id: Option<String>,
    /// The read's metadata: HTTP status, request id and requests sent.
    #[serde(rename = "$metadata")]
    pub metadata: ResponseMetadata,
}

impl DeployStatus {
    /// Whether the run has ended: `succeeded` or `failed`, or any status once `step` is
    /// `finish` (a status this package does not know yet, at the end of a run).
    ///
    /// ```
    /// use codearts_deploy_wasm::status::DeployStatus;
    /// let mut run = DeployStatus { status: "running".into(), ..DeployStatus::default() };
    /// assert!(!run.is_final());
    /// run.status = "failed".into();
    /// assert!(run.is_final());
    /// ```
    pub fn is_final(&self) -> bool {
        matches!(self.status.as_str(), "succeeded" | "failed")
            || self.step.as_deref() == Some("finish")
    }
}

/// The `ShowDeployStatus` URL of a run, or of the task's latest run without `record_id`.
/// Both ids are validated 32-character alphanumeric ids, so they need no encoding.
pub fn state_url(endpoint: &str, task_id: &str, record_id: Option<&str>) -> String {
    let base = endpoint.trim_end_matches('/');
    match record_id {
        Some(record_id) => format!("{base}/v2/tasks/{task_id}/state?record_id={record_id}"),
        None => format!("{base}/v2/tasks/{task_id}/state"),
    }
}

/// Error codes that say a task has no such run (or no run at all).
pub const NO_RUN_CODES: [&str; 2] = ["Deploy.00021534", "Deploy.00011303"];

/// Turns a `ShowDeployStatus` answer into a [`DeployStatus`] or a typed error. A 200 whose
/// top-level `status` is `error` (or that carries an error code) is a `DeployApiError`;
/// unknown fields are ignored.
pub fn classify_status(answer: &HttpAnswer) -> Result<DeployStatus, ResponseError> {
    let answer = readable(answer)?;
    let object = success_body(&answer)?;
    let Some(result) = object.get("result").and_then(Value::as_object) else {
        return Err(format_error(&answer, "the body has no `result` object"));
    };
    let field = |name: &str| text(result, name).filter(|value| !value.trim().is_empty());
    let (Some(status), Some(record_id)) = (field("status"), field("record_id")) else {
        return Err(format_error(
            &answer,
            "the body's `result` has no `status` or no `record_id`",
        ));
    };
    Ok(DeployStatus {
        status,
        record_id,
        task_id: field("task_id").unwrap_or_default(),
        step: field("step"),
        start_time: field("start_time"),
        end_time: field("end_time"),
        executor: field("executor"),
        task_name: field("task_name"),
        request_id: answer.request_id.map(str::to_string),
        metadata: ResponseMetadata {
            http_status_code: Some(answer.status),
            request_id: answer.request_id.map(str::to_string),
            attempts: 1,
        },
    })
}

/// The JSON object of a 2xx answer that does not report a failure; the typed error otherwise.
fn success_body(answer: &ReadAnswer<'_>) -> Result<Map<String, Value>, ResponseError> {
    let json: Option<Value> = serde_json::from_slice(answer.body).ok();
    let object = match json {
        Some(Value::Object(object)) => Some(object),
        _ => None,
    };
    if !(200..300).contains(&answer.status) {
        return Err(ResponseError::Api(api_error(answer, object.as_ref())));
    }
    let Some(object) = object else {
        return Err(format_error(answer, "the body is not a JSON object"));
    };
    if reports_error(&object) {
        return Err(ResponseError::Api(api_error(answer, Some(&object))));
    }
    Ok(object)
}

/// A 2xx body that says the read failed: top-level `"status": "error"` (or `failed`), or an
/// error code.
pub(crate) fn reports_error(object: &Map<String, Value>) -> bool {
    let error_status = object
        .get("status")
        .and_then(Value::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("error"));
    error_status || reports_failure(object)
}

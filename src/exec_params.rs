//! The parameters a run used: the `ShowExecutionParams` request
//! (`GET /v2/history/tasks/{task_id}/params?record_id=`) and its answer in the start's input
//! shape, `[{ key, type, value }]` (the service names the key `name`). `encrypt` values come
//! back empty: the service never returns a secret.
//!
//! ```
//! use codearts_deploy_wasm::response::HttpAnswer;
//! use codearts_deploy_wasm::exec_params::{classify_params, params_url};
//! assert_eq!(params_url("http://h", "t", "r"), "http://h/v2/history/tasks/t/params?record_id=r");
//! let body = br#"[{"name":"env","type":"text","value":"prod"},{"name":"pw","type":"encrypt","value":""}]"#;
//! let params = classify_params(&HttpAnswer::read(200, None, body)).unwrap();
//! assert_eq!((params[0].key.as_str(), params[1].value.as_str()), ("env", ""));
//! ```

use serde::Serialize;
use serde_json::{Map, Value};

use crate::response::{api_error, format_error, readable, text, HttpAnswer, ResponseError};
use crate::status::reports_error;

/// One parameter of a run, as `startDeployTask` takes it. `type` is passed through as the
/// service wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExecutionParam {
    /// The parameter's name (the service's `name`).
    pub key: String,
    /// `text`, `host_group`, `encrypt` or `enum`, or what else the service sends.
    #[serde(rename = "type")]
    pub param_type: String,
    /// Empty for `encrypt` parameters.
    pub value: String,
}

/// The `ShowExecutionParams` URL of a run. Both ids are validated 32-character alphanumeric
/// ids, so they need no encoding.
pub fn params_url(endpoint: &str, task_id: &str, record_id: &str) -> String {
    format!(
        "{}/v2/history/tasks/{task_id}/params?record_id={record_id}",
        endpoint.trim_end_matches('/')
    )
}

/// Turns a `ShowExecutionParams` answer into the run's parameters or a typed error. The body is
/// an array, or an object with the array as `result`; items without a name are skipped.
pub fn classify_params(answer: &HttpAnswer) -> Result<Vec<ExecutionParam>, ResponseError> {
    let answer = &readable(answer)?;
    let json: Option<Value> = serde_json::from_slice(answer.body).ok();
    if !(200..300).contains(&answer.status) {
        return Err(ResponseError::Api(api_error(
            answer,
            json.as_ref().and_then(Value::as_object),
        )));
    }
    let items = match &json {
        Some(Value::Array(items)) => items,
        Some(Value::Object(object)) if reports_error(object) => {
            return Err(ResponseError::Api(api_error(answer, Some(object))))
        }
        Some(Value::Object(object)) => match object.get("result") {
            Some(Value::Array(items)) => items,
            _ => return Err(format_error(answer, "the body has no parameter list")),
        },
        _ => return Err(format_error(answer, "the body is not a parameter list")),
    };
    Ok(items
        .iter()
        .filter_map(Value::as_object)
        .filter_map(param)
        .collect())
}

fn param(object: &Map<String, Value>) -> Option<ExecutionParam> {
    let key = text(object, "name")
        .or_else(|| text(object, "key"))
        .filter(|key| !key.is_empty())?;
    Some(ExecutionParam {
        key,
        param_type: text(object, "type").unwrap_or_default(),
        value: text(object, "value").unwrap_or_default(),
    })
}

//! The reads of a run: `ShowDeployStatus` and `ShowExecutionParams` request URLs and the
//! classification of their answers (success, a 200 reporting an error, error shapes, bodies
//! that cannot be read).
#![cfg(not(target_arch = "wasm32"))]

use codearts_deploy_wasm::config::parse_config;
use codearts_deploy_wasm::exec_params::{classify_params, params_url, ExecutionParam};
use codearts_deploy_wasm::model::ResponseMetadata;
use codearts_deploy_wasm::request::prepare_get;
use codearts_deploy_wasm::response::{AnswerBody, ErrorKind, HttpAnswer, ResponseError};
use codearts_deploy_wasm::status::{classify_status, state_url, DeployStatus};

const TASK: &str = "e700f15965694253940502911220d76b";
const RECORD: &str = "2c82ffe8d00d4968a4e5f7a36d87ae17";

fn status(code: u16, body: &str) -> Result<DeployStatus, ResponseError> {
    classify_status(&HttpAnswer::read(code, Some("req-1"), body.as_bytes()))
}

fn params(code: u16, body: &str) -> Result<Vec<ExecutionParam>, ResponseError> {
    classify_params(&HttpAnswer::read(code, None, body.as_bytes()))
}

#[test]
fn state_url_reads_a_run_or_the_latest_run() {
    assert_eq!(
        state_url("https://h.example/", TASK, Some(RECORD)),
        format!("https://h.example/v2/tasks/{TASK}/state?record_id={RECORD}")
    );
    assert_eq!(
        state_url("https://h.example/base", TASK, None),
        format!("https://h.example/base/v2/tasks/{TASK}/state")
    );
    assert_eq!(
        params_url("https://h.example", TASK, RECORD),
        format!("https://h.example/v2/history/tasks/{TASK}/params?record_id={RECORD}")
    );
}

#[test]
fn get_requests_carry_the_token_or_a_signature_of_the_get() {
    let token =
        parse_config(&serde_json::json!({ "endpoint": "http://127.0.0.1:1", "token": "tk" }))
            .unwrap();
    let request = prepare_get(state_url("http://127.0.0.1:1", TASK, None), &token, 0.0).unwrap();
    assert_eq!(request.method, "GET");
    assert!(request.body.is_empty());
    assert!(request
        .headers
        .contains(&("X-Auth-Token".to_string(), "tk".to_string())));
    let aksk = parse_config(&serde_json::json!({
        "endpoint": "http://127.0.0.1:1", "accessKey": "AK", "secretKey": "SK"
    }))
    .unwrap();
    let url = state_url("http://127.0.0.1:1", TASK, Some(RECORD));
    let get = prepare_get(url.clone(), &aksk, 1_700_000_000_000.0).unwrap();
    let authorization = |headers: &[(String, String)]| {
        headers
            .iter()
            .find(|(n, _)| n == "Authorization")
            .map(|(_, v)| v.clone())
            .unwrap()
    };
    assert!(authorization(&get.headers).starts_with("SDK-HMAC-SHA256 Access=AK, SignedHeaders="));
    // The method is part of what is signed: the same URL as another method signs differently.
    let other = prepare_get(
        state_url("http://127.0.0.1:1", TASK, None),
        &aksk,
        1_700_000_000_000.0,
    )
    .unwrap();
    assert_ne!(authorization(&get.headers), authorization(&other.headers));
}

#[test]
fn a_status_answer_becomes_a_camel_case_status_and_tolerates_unknown_fields() {
    let body = format!(
        r#"{{"status":"success","extra":1,"result":{{"record_id":"{RECORD}","task_id":"{TASK}","nick_name":"n",
        "status":"succeeded","step":"finish","start_time":"2025-07-09 11:36:28","end_time":"2025-07-09 11:36:43",
        "executor":"alice","task_name":"web","step_state":[{{"id":"1"}}],"new_field":{{}}}}}}"#
    );
    let got = status(200, &body).unwrap();
    assert_eq!(
        got,
        DeployStatus {
            status: "succeeded".into(),
            task_id: TASK.into(),
            record_id: RECORD.into(),
            step: Some("finish".into()),
            start_time: Some("2025-07-09 11:36:28".into()),
            end_time: Some("2025-07-09 11:36:43".into()),
            executor: Some("alice".into()),
            task_name: Some("web".into()),
            request_id: Some("req-1".into()),
            metadata: ResponseMetadata {
                http_status_code: Some(200),
                request_id: Some("req-1".into()),
                attempts: 1,
            },
        }
    );
    assert!(got.is_final());
}

#[test]
fn an_unknown_run_status_is_passed_through_and_ends_the_wait_only_at_finish() {
    let body = |step: &str| {
        format!(
            r#"{{"status":"success","result":{{"record_id":"{RECORD}","status":"paused","step":"{step}"}}}}"#
        )
    };
    let running = status(200, &body("running")).unwrap();
    assert_eq!(running.status, "paused");
    assert!(!running.is_final());
    assert!(status(200, &body("finish")).unwrap().is_final());
}

#[test]
fn a_200_with_status_error_is_a_deploy_api_error_with_its_code() {
    let body =
        r#"{"status":"error","error_code":"Deploy.00021534","error_msg":"record does not exist"}"#;
    let Err(ResponseError::Api(error)) = status(200, body) else {
        panic!("expected an API error")
    };
    assert_eq!(
        (error.status, error.error_code.as_str()),
        (200, "Deploy.00021534")
    );
    assert_eq!(error.error_msg, "record does not exist");
    // The same with the code nested, and with no code at all.
    let nested = r#"{"status":"error","error":{"code":"Deploy.00011020","message":"no task"}}"#;
    let Err(ResponseError::Api(error)) = status(200, nested) else {
        panic!("expected an API error")
    };
    assert_eq!(
        (error.error_code.as_str(), error.kind),
        ("Deploy.00011020", ErrorKind::NotFound)
    );
    let Err(ResponseError::Api(error)) = status(200, r#"{"status":"error"}"#) else {
        panic!("expected an API error")
    };
    assert_eq!(error.error_code, "200");
}

#[test]
fn error_answers_use_the_start_error_shapes() {
    let Err(ResponseError::Api(error)) = status(
        400,
        r#"{"error_code":"Deploy.00011303","error_msg":"no execution record"}"#,
    ) else {
        panic!("expected an API error")
    };
    assert_eq!(
        (error.status, error.error_code.as_str()),
        (400, "Deploy.00011303")
    );
    assert_eq!(error.request_id.as_deref(), Some("req-1"));
    let Err(ResponseError::Api(error)) = status(503, "") else {
        panic!("expected an API error")
    };
    assert_eq!(
        (error.error_code.as_str(), error.kind),
        ("503", ErrorKind::Server)
    );
}

#[test]
fn a_2xx_that_is_not_a_status_is_a_format_error() {
    for body in [
        "",
        "not json",
        "[]",
        r#"{"status":"success"}"#,
        r#"{"result":{"status":"running"}}"#,
    ] {
        assert!(
            matches!(status(200, body), Err(ResponseError::Format(_))),
            "{body}"
        );
    }
}

#[test]
fn params_come_back_in_the_input_shape_with_encrypt_values_empty() {
    let body = r#"[{"name":"env","type":"text","value":"prod"},{"name":"pw","type":"encrypt","value":""},
                   {"name":"n","type":"text","value":3},{"type":"text"},"junk"]"#;
    let got = params(200, body).unwrap();
    let pairs: Vec<_> = got
        .iter()
        .map(|p| (p.key.as_str(), p.param_type.as_str(), p.value.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("env", "text", "prod"),
            ("pw", "encrypt", ""),
            ("n", "text", "3")
        ]
    );
    let wrapped = r#"{"status":"success","result":[{"name":"a","type":"enum","value":"x"}]}"#;
    assert_eq!(params(200, wrapped).unwrap()[0].key, "a");
    assert_eq!(params(200, "[]").unwrap(), []);
}

#[test]
fn bodies_that_were_not_read_whole_are_errors() {
    let broken = HttpAnswer {
        body: AnswerBody::Broken("reset".into()),
        ..HttpAnswer::read(200, None, b"")
    };
    assert!(matches!(
        classify_status(&broken),
        Err(ResponseError::Format(_))
    ));
    let large = HttpAnswer {
        body: AnswerBody::TooLarge,
        ..HttpAnswer::read(503, None, b"")
    };
    let Err(ResponseError::Api(error)) = classify_params(&large) else {
        panic!("expected an API error")
    };
    assert_eq!(error.status, 503);
}

#[test]
fn params_errors_are_typed() {
    let Err(ResponseError::Api(error)) = params(
        200,
        r#"{"status":"error","error_code":"Deploy.00021534","error_msg":"x"}"#,
    ) else {
        panic!("expected an API error")
    };
    assert_eq!(error.error_code, "Deploy.00021534");
    let Err(ResponseError::Api(error)) = params(404, r#"{"error_code":"Deploy.00011020"}"#) else {
        panic!("expected an API error")
    };
    assert_eq!(error.kind, ErrorKind::NotFound);
    assert!(matches!(params(200, "{}"), Err(ResponseError::Format(_))));
    assert!(matches!(params(200, "nope"), Err(ResponseError::Format(_))));
}

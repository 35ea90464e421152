//! The wasm skin driven as JavaScript drives it, in Node and in headless Chromium
//! (`WASM_BINDGEN_USE_BROWSER=1`), against the local CodeArts Deploy service whose URL
//! `scripts/test.sh` passes in `CODEARTS_TEST_ENDPOINT` at build time.
#![cfg(target_arch = "wasm32")]

mod wasm_support;

use codearts_deploy_wasm::wasm::api::{
    build_start_deploy_task_request, preview_start_deploy_task_request, validate_start_deploy_task,
};
use codearts_deploy_wasm::wasm::client::Client;
use js_sys::JSON;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;
use wasm_support::{endpoint, get, js, text};

const TASK_ID: &str = "d2dc947ec2424d8789bb3984bb3adf45";

fn example_input() -> JsValue {
    js(&format!(
        r#"{{"taskId":"{TASK_ID}","params":[{{"key":"string","value":"test","type":"text"}},{{"key":"env","value":"e3144513a4094398857c992606ccba12","type":"host_group"}}],"triggerSource":0}}"#
    ))
}

fn client(token: &str) -> Client {
    let config = js(&format!(
        r#"{{"endpoint":"{}","token":"{token}"}}"#,
        endpoint()
    ));
    Client::new(config).unwrap()
}

#[wasm_bindgen_test]
fn validation_reports_every_issue_with_path_code_and_rule() {
    let result = validate_start_deploy_task(
        js(r#"{"taskId":"x","params":[{"key":"","value":"{%","type":"?"}]}"#),
        None,
    );
    assert_eq!(get(&result, "ok"), JsValue::FALSE);
    let issues = js_sys::Array::from(&get(&result, "issues"));
    let summary: Vec<String> = issues
        .iter()
        .map(|i| {
            format!(
                "{}:{}",
                JSON::stringify(&get(&i, "path")).unwrap(),
                text(&i, "code")
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            r#"["taskId"]:length"#,
            r#"["params",0,"key"]:length"#,
            r#"["params",0,"value"]:forbidden_sequence"#,
            r#"["params",0,"type"]:enum"#,
        ]
    );
}

#[wasm_bindgen_test]
fn validation_speaks_chinese_when_asked() {
    let result = validate_start_deploy_task(js(r#"{}"#), Some(js(r#"{"locale":"zh-CN"}"#)));
    let first = js_sys::Array::from(&get(&result, "issues")).get(0);
    assert_eq!(text(&first, "message"), "taskId 为必填项。");
}

#[wasm_bindgen_test]
fn invalid_input_throws_a_validation_error_instance() {
    let config = js(r#"{"region":"cn-north-4","token":"t"}"#);
    let error = build_start_deploy_task_request(js(r#"{"taskId":"bad id"}"#), config).unwrap_err();
    assert_eq!(text(&error, "name"), "ValidationError");
    assert_eq!(text(&error, "code"), "ERR_VALIDATION");
    assert!(error.is_instance_of::<js_sys::Error>());
}

#[wasm_bindgen_test]
fn the_preview_masks_the_token_and_encrypt_values() {
    let config = js(r#"{"region":"cn-north-4","token":"SECRET-TOKEN"}"#);
    let input = js(&format!(
        r#"{{"taskId":"{TASK_ID}","params":[{{"key":"pw","value":"SECRET-VALUE","type":"encrypt"}}]}}"#
    ));
    let preview = preview_start_deploy_task_request(input, config).unwrap();
    let shown = String::from(JSON::stringify(&preview).unwrap());
    assert!(!shown.contains("SECRET"), "{shown}");
    assert!(shown.contains("codearts-deploy.cn-north-4.myhuaweicloud.com"));
}

#[wasm_bindgen_test]
async fn the_client_starts_a_deployment_on_the_local_service() {
    let promise = client("test-token").start_deploy_task(example_input(), None);
    let record = JsFuture::from(promise).await.unwrap();
    assert_eq!(text(&record, "taskId"), TASK_ID);
    assert_eq!(text(&record, "id").len(), 32);
    assert_eq!(text(&record, "jobName").len(), 50);
    assert_eq!(text(&record, "requestId").len(), 32);
}

#[wasm_bindgen_test]
async fn a_wrong_token_rejects_with_apigw_0301_and_a_request_id() {
    let promise = client("wrong").start_deploy_task(example_input(), None);
    let error = JsFuture::from(promise).await.unwrap_err();
    assert_eq!(text(&error, "name"), "DeployApiError");
    assert_eq!(text(&error, "errorCode"), "APIGW.0301");
    assert_eq!(get(&error, "status").as_f64(), Some(401.0));
    assert_eq!(text(&error, "requestId").len(), 32);
}

#[wasm_bindgen_test]
async fn a_timeout_cancels_a_slow_answer() {
    let config = js(&format!(
        r#"{{"endpoint":"{}/__fault/delay=5000","token":"test-token"}}"#,
        endpoint()
    ));
    let promise = Client::new(config)
        .unwrap()
        .start_deploy_task(example_input(), Some(js(r#"{"timeoutMs":100}"#)));
    let error = JsFuture::from(promise).await.unwrap_err();
    assert_eq!(text(&error, "name"), "TimeoutError");
}

#[wasm_bindgen_test]
async fn bad_options_reject_without_killing_the_instance() {
    let promise =
        client("test-token").start_deploy_task(example_input(), Some(js(r#"{"signal":1}"#)));
    let error = JsFuture::from(promise).await.unwrap_err();
    assert_eq!(text(&error, "name"), "ConfigError");
    let promise = client("test-token").start_deploy_task(example_input(), None);
    assert!(JsFuture::from(promise).await.is_ok());
}

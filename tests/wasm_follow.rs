//! Following a run through the wasm skin, as JavaScript drives it, in Node and in headless
//! Chromium (`WASM_BINDGEN_USE_BROWSER=1`), against the local CodeArts Deploy service whose URL
//! `scripts/test.sh` passes in `CODEARTS_TEST_ENDPOINT` at build time (its runs stay `running`
//! for the service's default 3 s, then end).
#![cfg(target_arch = "wasm32")]

mod wasm_support;

use codearts_deploy_wasm::wasm::client::Client;
use js_sys::{Array, Function, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;
use wasm_support::{endpoint, get, js, text};

const TASK_ID: &str = "d2dc947ec2424d8789bb3984bb3adf45";
const FAILING_TASK_ID: &str = "fa11edfa11edfa11edfa11edfa11ed00";

fn client_at(endpoint: &str) -> Client {
    Client::new(js(&format!(
        r#"{{"endpoint":"{endpoint}","token":"test-token"}}"#
    )))
    .unwrap()
}

async fn settle(promise: js_sys::Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

async fn start(client: &Client, task_id: &str) -> JsValue {
    let input = js(&format!(r#"{{"taskId":"{task_id}"}}"#));
    settle(client.start_deploy_task(input, None)).await.unwrap()
}

/// Waits for `record` with a fast schedule, collecting every status `onProgress` sees.
async fn follow(client: &Client, record: &JsValue) -> (JsValue, Array) {
    let seen = Array::new();
    let push = Function::new_with_args("s", "this.push(s.status)").bind0(&seen);
    let options = js(r#"{"intervalMs":50,"maxIntervalMs":200,"timeoutMs":60000}"#);
    Reflect::set(&options, &JsValue::from_str("onProgress"), &push).unwrap();
    let last = settle(client.wait_for_deployment(record.clone(), Some(options)))
        .await
        .unwrap();
    (last, seen)
}

#[wasm_bindgen_test]
async fn a_run_is_followed_to_succeeded_with_progress_seen() {
    let client = client_at(endpoint());
    let record = start(&client, TASK_ID).await;
    let (last, seen) = follow(&client, &record).await;
    assert_eq!(text(&last, "status"), "succeeded");
    assert_eq!(text(&last, "recordId"), text(&record, "id"));
    assert_eq!(seen.get(0).as_string().as_deref(), Some("running"));
    assert_eq!(
        seen.get(seen.length() - 1).as_string().as_deref(),
        Some("succeeded")
    );
    let attempts = get(&get(&last, "$metadata"), "attempts").as_f64();
    assert_eq!(attempts, Some(f64::from(seen.length())));
}

#[wasm_bindgen_test]
async fn a_failing_run_is_followed_to_failed() {
    let client = client_at(endpoint());
    let record = start(&client, FAILING_TASK_ID).await;
    let (last, _) = follow(&client, &record).await;
    assert_eq!(text(&last, "status"), "failed");
    assert_eq!(text(&last, "step"), "finish");
}

#[wasm_bindgen_test]
async fn status_and_params_of_a_run_are_read() {
    let client = client_at(endpoint());
    let input = js(&format!(
        r#"{{"taskId":"{TASK_ID}","params":[{{"key":"env","value":"prod","type":"text"}},{{"key":"pw","value":"hidden","type":"encrypt"}}]}}"#
    ));
    let record = settle(client.start_deploy_task(input, None)).await.unwrap();
    let ids = js(&format!(
        r#"{{"taskId":"{TASK_ID}","recordId":"{}"}}"#,
        text(&record, "id")
    ));
    let status = settle(client.get_deploy_status(&ids, None)).await.unwrap();
    assert_eq!(text(&status, "taskId"), TASK_ID);
    assert_eq!(text(&status, "recordId"), text(&record, "id"));
    let params = settle(client.get_execution_params(&ids, None))
        .await
        .unwrap();
    assert_eq!(
        JSON::stringify(&params).unwrap(),
        r#"[{"key":"env","type":"text","value":"prod"},{"key":"pw","type":"encrypt","value":""}]"#
    );
}

#[wasm_bindgen_test]
async fn a_200_with_status_error_is_a_deploy_api_error_with_its_code() {
    let client = client_at(endpoint());
    let record = start(&client, TASK_ID).await;
    let faulty = client_at(&format!("{}/__fault/error200", endpoint()));
    let ids = js(&format!(
        r#"{{"taskId":"{TASK_ID}","recordId":"{}"}}"#,
        text(&record, "id")
    ));
    let error = settle(faulty.get_deploy_status(&ids, None))
        .await
        .unwrap_err();
    assert_eq!(text(&error, "name"), "DeployApiError");
    assert_eq!(text(&error, "errorCode"), "Deploy.00021534");
    assert_eq!(get(&error, "status").as_f64(), Some(200.0));
}

#[wasm_bindgen_test]
async fn bad_ids_are_a_validation_error_and_nothing_is_sent() {
    let client = client_at("http://127.0.0.1:9");
    let error = settle(client.get_deploy_status(&js(r#"{"taskId":"short"}"#), None))
        .await
        .unwrap_err();
    assert_eq!(text(&error, "name"), "ValidationError");
    let record_missing = js(&format!(r#"{{"taskId":"{TASK_ID}"}}"#));
    let error = settle(client.wait_for_deployment(record_missing, None))
        .await
        .unwrap_err();
    assert_eq!(text(&error, "name"), "ValidationError");
}

#[wasm_bindgen_test]
async fn an_aborted_wait_rejects_with_abort_error_and_sends_nothing() {
    // Port 9 has no service: a request sent would end in a NetworkError, not an AbortError.
    let client = client_at("http://127.0.0.1:9");
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    let options = js("{}");
    Reflect::set(&options, &JsValue::from_str("signal"), &controller.signal()).unwrap();
    let ids = js(&format!(
        r#"{{"taskId":"{TASK_ID}","recordId":"2c82ffe8d00d4968a4e5f7a36d87ae17"}}"#
    ));
    let error = settle(client.wait_for_deployment(ids, Some(options)))
        .await
        .unwrap_err();
    assert_eq!(text(&error, "name"), "AbortError");
    assert_eq!(get(&error, "attempts").as_f64(), Some(0.0));
    assert!(error.is_instance_of::<js_sys::Error>());
}

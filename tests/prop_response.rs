//! Property tests of the response classifier: over any status and any body bytes (JSON of
//! every error shape, cut-off JSON, invalid UTF-8, deep nesting, megabyte bodies) it never
//! panics and always answers a deployment record (2xx with an id only) or a typed error that
//! carries the status, a non-empty code and message, and the request id.
#![cfg(not(target_arch = "wasm32"))]

mod prop_support;

use codearts_deploy_wasm::response::{classify, ErrorKind, HttpAnswer, ResponseError};
use prop_support::{json_value, nasty_string, run};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::Value;

const BODY_KEYS: &[&str] = &[
    "id",
    "task_id",
    "job_name",
    "app_component_list",
    "error_code",
    "error_msg",
    "errorCode",
    "errorMsg",
    "code",
    "message",
    "error",
    "status",
    "request_id",
    "encoded_authorization_message",
    "app_id",
    "comp_name",
    "state",
];

/// Body bytes: JSON of the API's shapes, cut off or not, with stray bytes, or random bytes.
fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => json_value(BODY_KEYS).prop_map(|v| v.to_string().into_bytes()),
        2 => (json_value(BODY_KEYS), any::<prop::sample::Index>()).prop_map(|(v, cut)| {
            let text = v.to_string().into_bytes();
            let at = cut.index(text.len() + 1);
            text[..at].to_vec()
        }),
        1 => (json_value(BODY_KEYS), any::<prop::sample::Index>(), any::<u8>()).prop_map(|(v, at, byte)| {
            let mut bytes = v.to_string().into_bytes();
            let at = at.index(bytes.len() + 1);
            bytes.insert(at, byte);
            bytes
        }),
        1 => prop::collection::vec(any::<u8>(), 0..200),
        1 => nasty_string(60).prop_map(String::into_bytes),
        1 => Just(Vec::new()),
        1 => (1usize..200_000).prop_map(|depth| "[".repeat(depth).into_bytes()),
        1 => (1usize..100_000).prop_map(|depth| format!("{}1{}", "[".repeat(depth), "]".repeat(depth)).into_bytes()),
    ]
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        4 => prop::sample::select(vec![200, 201, 204, 299, 400, 401, 403, 404, 409, 413, 429, 500, 502, 503, 504]),
        1 => any::<u16>(),
    ]
}

fn check(status: u16, request_id: Option<&str>, body: &[u8]) -> Result<(), TestCaseError> {
    let answer = HttpAnswer::read(status, request_id, body);
    let two_xx = (200..300).contains(&status);
    match classify(&answer) {
        Ok(record) => {
            prop_assert!(two_xx, "a record from {}", status);
            prop_assert!(!record.id.is_empty());
            prop_assert_eq!(record.request_id.as_deref(), request_id);
            let json: Value =
                serde_json::from_slice(body).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(json.is_object());
        }
        Err(ResponseError::Api(error)) => {
            prop_assert_eq!(error.status, status);
            prop_assert!(!error.error_code.is_empty(), "empty code: {:?}", error);
            prop_assert!(
                !error.error_code.trim().is_empty(),
                "blank code: {:?}",
                error
            );
            prop_assert!(
                !error.error_msg.trim().is_empty(),
                "blank message: {:?}",
                error
            );
            if request_id.is_some() {
                prop_assert_eq!(error.request_id.as_deref(), request_id);
            }
            prop_assert_eq!(error.kind, ErrorKind::of(status, &error.error_code));
        }
        Err(ResponseError::Format(error)) => {
            prop_assert!(two_xx, "a format error from {}", status);
            prop_assert_eq!(error.status, status);
            prop_assert_eq!(error.request_id.as_deref(), request_id);
            prop_assert!(
                error.message.contains("may have started"),
                "{}",
                error.message
            );
        }
    }
    Ok(())
}

#[test]
fn any_status_and_body_give_a_record_or_a_typed_error() {
    let strategy = (status(), prop::option::of("[0-9a-f]{32}|.{0,10}"), body());
    run(
        "classifier/any-answer",
        8000,
        strategy,
        |(status, request_id, body)| check(status, request_id.as_deref(), &body),
    );
}

#[test]
fn megabyte_bodies_are_classified_without_trouble() {
    let strategy = (
        status(),
        1usize..4,
        prop::sample::select(vec![b' ', b'x', b'{', b'"', 0xff]),
    );
    run(
        "classifier/huge-bodies",
        24,
        strategy,
        |(status, megabytes, fill)| {
            let mut body = br#"{"id":"0ee9c8e6a7dc44109541e53c6dccf47c","padding":""#.to_vec();
            body.resize(megabytes << 20, fill);
            body.extend_from_slice(br#""}"#);
            check(status, Some("r"), &body)
        },
    );
}

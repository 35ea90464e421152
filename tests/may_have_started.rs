//! `mayHaveStarted` (decisions item 2): the core's rule for whether the service may have acted
//! on the request an error is about. True only for an unreadable 2xx, a 502/503/504, a timeout
//! after sending and a network failure that may have come after sending; false for validation
//! and configuration errors, every other answer, a refused connection and an abort (the call
//! adds in-flight requests and earlier attempts, tested in tests/js/faults.test.mjs).

use codearts_deploy_wasm::call::outcome;
use codearts_deploy_wasm::error::{
    answer_may_have_started, refused_before_sending, ConfigError, Error,
};
use codearts_deploy_wasm::response::{AnswerBody, HttpAnswer};

/// The error a call ends with for an answer of `status` with `body`.
fn answered(status: u16, body: &str) -> Error {
    match outcome(
        &HttpAnswer::read(status, Some("r"), body.as_bytes()),
        &[],
        1,
    ) {
        Ok(record) => panic!("{status} {body}: a record {record:?}"),
        Err(error) => error,
    }
}

const RECORD: &str =
    r#"{"id":"0ee9c8e6a7dc44109541e53c6dccf47c","task_id":"0ee9c8e6a7dc44109541e53c6dccf47c"}"#;

#[test]
fn an_unreadable_2xx_may_have_started_a_deployment() {
    for body in [&RECORD[..RECORD.len() / 2], "deployment started", "", "[]"] {
        let error = answered(200, body);
        assert_eq!(error.code(), "ERR_RESPONSE_FORMAT", "{body:?}");
        assert!(error.may_have_started(), "{body:?}");
    }
    for body in [AnswerBody::TooLarge, AnswerBody::Broken("reset".into())] {
        let answer = HttpAnswer {
            status: 201,
            request_id: None,
            retry_after: None,
            body,
        };
        assert!(outcome(&answer, &[], 1).unwrap_err().may_have_started());
    }
}

#[test]
fn a_gateway_502_503_504_may_have_started_one_even_with_an_unreadable_body() {
    for status in [502, 503, 504] {
        for body in [
            "",
            "<html>bad gateway</html>",
            r#"{"error_code":"APIGW.0202","error_msg":"x"}"#,
        ] {
            assert!(
                answered(status, body).may_have_started(),
                "{status} {body:?}"
            );
        }
        let unread = HttpAnswer {
            status,
            request_id: None,
            retry_after: None,
            body: AnswerBody::TooLarge,
        };
        assert!(outcome(&unread, &[], 1).unwrap_err().may_have_started());
    }
}

#[test]
fn every_other_answer_says_nothing_started() {
    let failed = r#"{"status":"failed","error":{"code":"Deploy.00011042","message":"draft"}}"#;
    assert!(
        !answered(200, failed).may_have_started(),
        "a 200 reporting a failure"
    );
    for status in [301, 302, 400, 401, 403, 404, 409, 413, 429, 500, 501, 505] {
        let body = r#"{"error_code":"Deploy.00011027","error_msg":"busy"}"#;
        assert!(!answered(status, body).may_have_started(), "{status}");
        assert!(!answered(status, "").may_have_started(), "{status}");
    }
}

#[test]
fn timeouts_network_errors_and_local_errors() {
    let timeout = |answered| Error::Timeout {
        timeout_ms: 300,
        answered,
    };
    assert!(
        timeout(None).may_have_started(),
        "no answer yet: the request may have arrived"
    );
    assert!(timeout(Some(200)).may_have_started());
    assert!(timeout(Some(503)).may_have_started());
    assert!(!timeout(Some(404)).may_have_started());
    assert!(!timeout(Some(429)).may_have_started());
    let network = |refused| Error::Network {
        detail: "fetch failed".into(),
        refused,
    };
    assert!(network(false).may_have_started());
    assert!(!network(true).may_have_started());
    assert!(
        !Error::Abort.may_have_started(),
        "the call adds a request in flight"
    );
    assert!(!Error::from(ConfigError::new("invalid_timeout", "x")).may_have_started());
    let validation = Error::Validation {
        issues: Vec::new(),
        locale: Default::default(),
    };
    assert!(!validation.may_have_started());
}

#[test]
fn only_refusals_and_unresolved_hosts_prove_nothing_was_sent() {
    for code in ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"] {
        assert!(refused_before_sending(code), "{code}");
    }
    for code in [
        "ECONNRESET",
        "EPIPE",
        "ETIMEDOUT",
        "UND_ERR_SOCKET",
        "",
        "econnrefused",
    ] {
        assert!(!refused_before_sending(code), "{code}");
    }
    for status in 100..=599u16 {
        let expected = (200..300).contains(&status) || (502..=504).contains(&status);
        assert_eq!(answer_may_have_started(status), expected, "{status}");
    }
}

//! Reconciling an uncertain start: which failures may have acted, how the latest run is read,
//! and the verdict that decides between "started" and "send again".
#![cfg(not(target_arch = "wasm32"))]

use codearts_deploy_wasm::reconcile::{latest_run, verdict, StartFailure, Verdict};
use codearts_deploy_wasm::response::{
    DeployApiError, ErrorKind, ResponseError, ResponseFormatError,
};
use codearts_deploy_wasm::status::DeployStatus;

fn api(status: u16, code: &str) -> ResponseError {
    ResponseError::Api(DeployApiError {
        status,
        error_code: code.into(),
        error_msg: "m".into(),
        request_id: None,
        encoded_authorization_message: None,
        kind: ErrorKind::of(status, code),
    })
}

#[test]
fn only_failures_that_may_have_acted_are_reconciled() {
    for failure in [
        StartFailure::Network,
        StartFailure::Timeout,
        StartFailure::UnreadableSuccess,
        StartFailure::Answered(502),
        StartFailure::Answered(503),
        StartFailure::Answered(504),
    ] {
        assert!(failure.may_have_acted(), "{failure:?}");
    }
    for status in [200, 400, 401, 403, 404, 409, 429, 500, 501] {
        assert!(!StartFailure::Answered(status).may_have_acted(), "{status}");
    }
}

#[test]
fn a_new_latest_run_means_this_call_started_it() {
    assert_eq!(
        verdict(Some("old"), Some("new")),
        Verdict::Started("new".into())
    );
    assert_eq!(
        verdict(None, Some("first")),
        Verdict::Started("first".into())
    );
}

#[test]
fn the_same_latest_run_means_nothing_started() {
    assert_eq!(verdict(Some("old"), Some("old")), Verdict::NotStarted);
    assert_eq!(verdict(None, None), Verdict::NotStarted);
    // A run that vanished is not one this call started.
    assert_eq!(verdict(Some("old"), None), Verdict::NotStarted);
}

#[test]
fn latest_run_reads_no_run_as_none_and_keeps_other_errors() {
    let run = DeployStatus {
        record_id: "r1".into(),
        ..DeployStatus::default()
    };
    assert_eq!(
        latest_run(Ok(run)),
        Ok(None).map(|_: Option<String>| Some("r1".to_string()))
    );
    assert_eq!(latest_run(Err(api(400, "Deploy.00011303"))), Ok(None));
    assert_eq!(latest_run(Err(api(200, "Deploy.00021534"))), Ok(None));
    // A missing task, a missing route or a failed read must never read as "no run".
    for error in [
        api(404, "Deploy.00011020"),
        api(404, "APIGW.0101"),
        api(503, "503"),
    ] {
        assert_eq!(latest_run(Err(error.clone())), Err(error));
    }
    let format = ResponseError::Format(ResponseFormatError {
        status: 200,
        request_id: None,
        message: "m".into(),
    });
    assert_eq!(latest_run(Err(format.clone())), Err(format));
}

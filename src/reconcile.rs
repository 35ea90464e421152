//! Reconciling an uncertain start (config `reconcile: true`).
//!
//! Before the start is sent, the task's latest run is read. When the start then fails in a way
//! that may have acted (see [`StartFailure::may_have_acted`]), the latest run is read again: a
//! different run means this call started it; the same run (or still none) means nothing
//! started, so the start may be sent again.
//!
//! The assumption: the latest run of a task that changed during the call is the run this call
//! started. Another user or pipeline starting the same task in the same moment cannot be told
//! apart from it.
//!
//! ```
//! use codearts_deploy_wasm::reconcile::{verdict, Verdict};
//! assert_eq!(verdict(Some("a"), Some("b")), Verdict::Started("b".into()));
//! assert_eq!(verdict(Some("a"), Some("a")), Verdict::NotStarted);
//! assert_eq!(verdict(None, None), Verdict::NotStarted);
//! ```

use crate::response::ResponseError;
use crate::status::{DeployStatus, NO_RUN_CODES};

/// How one start attempt failed, as far as reconciling cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartFailure {
    /// No HTTP answer: the connection failed or dropped (perhaps after the request was sent).
    Network,
    /// The call's deadline passed while the request was out.
    Timeout,
    /// An HTTP answer with this status whose body was read and classified.
    Answered(u16),
    /// A 2xx whose body could not be read or understood.
    UnreadableSuccess,
}

impl StartFailure {
    /// Whether the service may have started a deployment: a lost connection, a timeout, a
    /// 502/503/504, an unreadable 2xx. A refusal (4xx, 500, a 200 reporting a failure) started
    /// nothing.
    ///
    /// ```
    /// use codearts_deploy_wasm::reconcile::StartFailure;
    /// assert!(StartFailure::Answered(503).may_have_acted());
    /// assert!(!StartFailure::Answered(400).may_have_acted());
    /// ```
    pub fn may_have_acted(self) -> bool {
        match self {
            StartFailure::Network | StartFailure::Timeout | StartFailure::UnreadableSuccess => true,
            StartFailure::Answered(status) => matches!(status, 502..=504),
        }
    }
}

/// What the second reading of the latest run says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// This call started the run with this record id.
    Started(String),
    /// Nothing started: the latest run is the one seen before the start.
    NotStarted,
}

/// Compares the latest run before the start with the one after it.
pub fn verdict(before: Option<&str>, after: Option<&str>) -> Verdict {
    match after {
        Some(after) if Some(after) != before => Verdict::Started(after.to_string()),
        _ => Verdict::NotStarted,
    }
}

/// The record id of a task's latest run from a `ShowDeployStatus` read without `record_id`:
/// `None` when the task has no run yet (a not-found answer), the error when the read failed.
///
/// ```
/// use codearts_deploy_wasm::reconcile::latest_run;
/// use codearts_deploy_wasm::status::DeployStatus;
/// let run = DeployStatus { record_id: "r".into(), ..DeployStatus::default() };
/// assert_eq!(latest_run(Ok(run)), Ok(Some("r".to_string())));
/// ```
pub fn latest_run(
    read: Result<DeployStatus, ResponseError>,
) -> Result<Option<String>, ResponseError> {
    match read {
        Ok(status) => Ok(Some(status.record_id)),
        // Only the codes that say "no run": any other refusal (a missing route, a missing
        // task) must not read as "nothing started", or a start could be sent twice.
        Err(ResponseError::Api(error)) if NO_RUN_CODES.contains(&error.error_code.as_str()) => {
            Ok(None)
        }
        Err(error) => Err(error),
    }
}

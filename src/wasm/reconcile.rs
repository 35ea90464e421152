//! Reconciling an uncertain start in the skin (config `reconcile: true`): the reads of the
//! task's latest run around a start, and the record that follows from them. The decisions are
//! the core's (`crate::reconcile`).

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::model::{DeployRecord, ResponseMetadata};
use crate::reconcile::{latest_run, verdict, Verdict};
use crate::response::{HttpAnswer, ResponseError};
use crate::status::{classify_status, state_url};

use super::call::Call;
use super::convert::to_js;
use super::errors::JsError;

/// What the second reading of the latest run says about a start that may have acted.
pub(super) enum Reconciled {
    /// This call started the run: the `DeployRecord` (with `reconciled: true`) to resolve with.
    Started(JsValue),
    /// Nothing started: the start may be sent again.
    NotStarted,
    /// The run could not be read: the start's own error stands.
    Unknown,
}

impl Call {
    /// Before the start: the task's latest run (`Some(None)`: no run yet) when `reconcile` is
    /// on and the read worked; `None` otherwise (nothing can be reconciled). Rejects with the
    /// `AbortError` when the caller aborted meanwhile.
    pub(super) async fn baseline(&self, task_id: &str) -> Result<Option<Option<String>>, JsError> {
        if !self.config.reconcile {
            return Ok(None);
        }
        let latest = self.latest_run(task_id).await;
        match self.cancellation(None) {
            Some(cancelled) if !self.timed_out() => Err(cancelled),
            _ => Ok(latest),
        }
    }

    /// After a start that may have acted: reads the latest run again and compares it with
    /// `before`.
    pub(super) async fn reconcile(&self, before: Option<&str>, task_id: &str) -> Reconciled {
        let Some(after) = self.latest_run(task_id).await else {
            return Reconciled::Unknown;
        };
        match verdict(before, after.as_deref()) {
            Verdict::Started(id) => Reconciled::Started(to_js(&DeployRecord {
                id,
                task_id: task_id.to_string(),
                reconciled: Some(true),
                metadata: ResponseMetadata {
                    attempts: self.attempts,
                    ..ResponseMetadata::default()
                },
                ..DeployRecord::default()
            })),
            Verdict::NotStarted => Reconciled::NotStarted,
        }
    }

    /// After a confirmed "nothing started": the wait before sending again, or `None` when the
    /// attempts are used up. The start is sent again even without the retry policy's opt-ins:
    /// it is now known to be safe.
    pub(super) fn resend_delay(&self, delay: Option<u32>) -> Option<u32> {
        let retry = &self.config.retry;
        (self.attempts < retry.max_attempts).then(|| delay.unwrap_or(retry.base_delay_ms))
    }

    /// The task's latest run, read in a call of its own (the start's may have timed out) that
    /// the caller's signal still cancels. `None` when it could not be read.
    async fn latest_run(&self, task_id: &str) -> Option<Option<String>> {
        let mut read = Call::new(
            Rc::clone(&self.config),
            self.transport.clone(),
            self.config.timeout_ms,
            self.user_signal.clone(),
        )
        .ok()?;
        let url = state_url(&self.config.endpoint, task_id, None);
        let answer = read.read("reconcile", &url).await.ok()?;
        read.classified(&answer, latest_of).ok()
    }
}

/// The record id of the latest run in a `ShowDeployStatus` answer (`None`: no run yet).
fn latest_of(answer: &HttpAnswer) -> Result<Option<String>, ResponseError> {
    latest_run(classify_status(answer))
}

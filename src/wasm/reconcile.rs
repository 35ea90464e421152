//! Reconciling an uncertain start in the skin (config `reconcile: true`): the reads of the
//! task's latest run around a start, and the record or error that follows from them. The
//! decisions are the core's (`crate::reconcile`).

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::model::DeployRecord;
use crate::reconcile::{latest_run, verdict, Verdict};
use crate::response::{HttpAnswer, ResponseError};
use crate::status::{classify_status, state_url};

use super::client::Call;
use super::convert::to_js;

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
    pub(super) async fn baseline(&self, task_id: &str) -> Result<Option<Option<String>>, JsValue> {
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
                ..DeployRecord::default()
            })),
            Verdict::NotStarted => Reconciled::NotStarted,
        }
    }

    /// After a confirmed "nothing started": the wait before sending again, or `None` when the
    /// attempts are used up. A start that was not sent twice is sent again even without the
    /// retry policy's opt-ins: it is now known to be safe.
    pub(super) fn resend_delay(&self, delay: Option<u32>) -> Option<u32> {
        let retry = &self.config.retry;
        (self.attempts < retry.max_attempts).then(|| delay.unwrap_or(retry.base_delay_ms))
    }

    /// The task's latest run, read in a call of its own (the start's may have timed out) that
    /// the caller's signal still cancels. `None` when it could not be read.
    async fn latest_run(&self, task_id: &str) -> Option<Option<String>> {
        let mut read = Call::new(
            Rc::clone(&self.config),
            self.config.timeout_ms,
            self.user_signal.clone(),
        )
        .ok()?;
        let url = state_url(&self.config.endpoint, task_id, None);
        read.read("reconcile", &url, latest_of)
            .await
            .ok()
            .map(|read| read.value)
    }
}

/// The record id of the latest run in a `ShowDeployStatus` answer (`None`: no run yet).
fn latest_of(answer: &HttpAnswer<'_>) -> Result<Option<String>, ResponseError> {
    latest_run(classify_status(answer))
}

/// The start's error once reconciling found that nothing started: the same class, saying so,
/// with `mayHaveStarted: false`.
pub(super) fn not_started(error: JsValue) -> JsValue {
    let message = js_sys::Reflect::get(&error, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_default();
    let checked = format!(
        "{message} Reconciled: the task's latest run did not change, so this call started no deployment."
    );
    let _ = js_sys::Reflect::set(
        &error,
        &JsValue::from_str("message"),
        &JsValue::from_str(&checked),
    );
    let _ = js_sys::Reflect::set(
        &error,
        &JsValue::from_str("mayHaveStarted"),
        &JsValue::FALSE,
    );
    error
}

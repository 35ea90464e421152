//! One client call: its deadline (a timer that aborts it), its cancellation by the caller's
//! signal, and how many requests it sent. The start (`client.rs`) and the reads of a run
//! (`read.rs`) each send within one.

use std::rc::Rc;

use web_sys::{AbortController, AbortSignal};

use crate::config::ClientConfig;
use crate::error::Error;

use super::errors::JsError;
use super::fetch::Transport;
use super::options::{signal_aborted, signal_reason};
use super::timer::Deadline;

/// One client call: its deadline, its cancellation and its attempts.
pub(super) struct Call {
    pub(super) config: Rc<ClientConfig>,
    pub(super) timeout_ms: u32,
    started_at: f64,
    pub(super) controller: AbortController,
    pub(super) user_signal: Option<AbortSignal>,
    pub(super) attempts: u32,
    /// The `fetch` every request of the call goes through.
    pub(super) transport: Transport,
    /// The call's deadline (its timer and the caller's abort), which every wait of it races.
    pub(super) deadline: Deadline,
    /// Whether an earlier attempt may have started a deployment (`mayHaveStarted`).
    pub(super) started: bool,
}

impl Call {
    pub(super) fn new(
        config: Rc<ClientConfig>,
        transport: Transport,
        timeout_ms: u32,
        user_signal: Option<AbortSignal>,
    ) -> Result<Call, JsError> {
        if let Some(signal) = user_signal.as_ref().filter(|s| signal_aborted(s)) {
            return Err(JsError::aborted(signal_reason(signal), 0));
        }
        let controller =
            AbortController::new().map_err(|cause| JsError::network(cause, 0).started(false))?;
        let deadline = Deadline::start(&controller, timeout_ms, user_signal.as_ref());
        Ok(Call {
            config,
            timeout_ms,
            started_at: js_sys::Date::now(),
            controller,
            user_signal,
            attempts: 0,
            transport,
            deadline,
            started: false,
        })
    }

    /// Milliseconds left before the call's deadline (negative once it passed).
    pub(super) fn remaining_ms(&self) -> f64 {
        f64::from(self.timeout_ms) - (js_sys::Date::now() - self.started_at)
    }

    /// Whether the call's deadline cancelled it.
    pub(super) fn timed_out(&self) -> bool {
        self.deadline.timed_out()
    }

    /// The `TimeoutError` or `AbortError` to report if the call was cancelled; `answered` is
    /// the status of an answer whose body was being read.
    pub(super) fn cancellation(&self, answered: Option<u16>) -> Option<JsError> {
        if self.timed_out() {
            let timeout_ms = self.timeout_ms;
            return Some(JsError::new(
                Error::Timeout {
                    timeout_ms,
                    answered,
                },
                self.attempts,
            ));
        }
        self.user_signal
            .as_ref()
            .filter(|s| signal_aborted(s))
            .map(|s| JsError::aborted(signal_reason(s), self.attempts))
    }
}

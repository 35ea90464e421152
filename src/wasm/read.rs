//! One read of a run (a `GET`) within a client call, and which failed reads are tried again:
//! reads start nothing, so network errors, 429, 5xx, unreadable bodies and a read's own
//! timeout all are, within the call's deadline and attempts.

use wasm_bindgen::prelude::*;

use crate::poll::{read_retryable, wait_before_next, PollSchedule};
use crate::request::prepare_get;
use crate::response::{HttpAnswer, ResponseError};
use crate::retry::parse_retry_after;

use super::client::{config_secrets, redirect_error, Call};
use super::errors::{config_error, network_error, read_timeout_error, response_error};
use super::fetch::{send, Body, SendFailure};
use super::timer::sleep;

/// A successful read: the value and what is known of the answer.
pub(super) struct Read<T> {
    pub value: T,
    pub status: u16,
    pub request_id: Option<String>,
}

/// Why a read produced no value.
pub(super) enum ReadError {
    /// Worth trying again: the error to report if not, and the service's `Retry-After` in ms.
    Retryable {
        error: JsValue,
        retry_after: Option<u32>,
    },
    /// Final: a refusal, a redirect, or the caller's abort.
    Final(JsValue),
}

impl Call {
    /// Sends one `GET` of `url` and classifies the answer with `classify`. `what` names the
    /// call in a timeout's message.
    pub(super) async fn read<T>(
        &mut self,
        what: &str,
        url: &str,
        classify: impl FnOnce(&HttpAnswer<'_>) -> Result<T, ResponseError>,
    ) -> Result<Read<T>, ReadError> {
        self.attempts += 1;
        let request = prepare_get(url.to_string(), &self.config, js_sys::Date::now())
            .map_err(|e| ReadError::Final(config_error(&e)))?;
        let signal = self.controller.signal();
        match send(&request, &signal).await {
            Ok(answer) => {
                let broken = matches!(answer.body, Body::Broken(_));
                if broken {
                    if let Some(cancelled) = self.read_cancellation(what) {
                        return Err(cancelled);
                    }
                }
                let secrets = config_secrets(&self.config);
                match self.classified(&answer, &secrets, classify) {
                    Ok(value) => Ok(Read {
                        value,
                        status: answer.status,
                        request_id: answer.request_id,
                    }),
                    Err(error) => {
                        let js = response_error(&error, self.attempts);
                        if broken || read_retryable(answer.status) {
                            let retry_after = answer
                                .retry_after
                                .and_then(|h| parse_retry_after(&h, js_sys::Date::now()));
                            Err(ReadError::Retryable {
                                error: js,
                                retry_after,
                            })
                        } else {
                            Err(ReadError::Final(js))
                        }
                    }
                }
            }
            Err(SendFailure::Network(cause)) => {
                Err(self
                    .read_cancellation(what)
                    .unwrap_or_else(|| ReadError::Retryable {
                        error: network_error(cause, self.attempts),
                        retry_after: None,
                    }))
            }
            Err(SendFailure::Redirect { status, request_id }) => Err(ReadError::Final(
                response_error(&redirect_error(status, request_id), self.attempts),
            )),
        }
    }

    /// A read stopped by this call's deadline (worth another read within a longer wait) or by
    /// the caller's signal (final).
    fn read_cancellation(&self, what: &str) -> Option<ReadError> {
        if self.timed_out() {
            return Some(ReadError::Retryable {
                error: read_timeout_error(what, self.timeout_ms, self.attempts),
                retry_after: None,
            });
        }
        self.cancellation(None).map(ReadError::Final)
    }

    /// Reads `url` until an answer or a final failure, retrying within the call's deadline and
    /// the client's `retry.maxAttempts`, with back-off from `retry.baseDelayMs`.
    pub(super) async fn read_retrying<T>(
        &mut self,
        what: &str,
        url: &str,
        classify: impl Fn(&HttpAnswer<'_>) -> Result<T, ResponseError>,
    ) -> Result<Read<T>, JsValue> {
        let retry = self.config.retry;
        let schedule = PollSchedule {
            interval_ms: retry.base_delay_ms,
            max_interval_ms: retry.max_delay_ms,
        };
        loop {
            let (error, retry_after) = match self.read(what, url, &classify).await {
                Ok(read) => return Ok(read),
                Err(ReadError::Final(error)) => return Err(error),
                Err(ReadError::Retryable { error, retry_after }) => (error, retry_after),
            };
            if self.attempts >= retry.max_attempts || self.timed_out() {
                return Err(error);
            }
            let delay = schedule.delay(self.attempts, js_sys::Math::random());
            let Some(wait) = wait_before_next(delay, retry_after, self.remaining_ms()) else {
                return Err(error);
            };
            if !sleep(wait, &self.controller.signal()).await {
                return Err(match self.read_cancellation(what) {
                    Some(ReadError::Final(error) | ReadError::Retryable { error, .. }) => error,
                    None => error,
                });
            }
        }
    }
}

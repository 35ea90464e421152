//! One read of a run (a `GET`) within a client call, and which failed reads are tried again:
//! reads start nothing, so network errors, 429, 5xx, unreadable bodies and a read's own
//! timeout all are, within the call's deadline and attempts.

use crate::call::{config_secrets, scrubbed};
use crate::error::Error;
use crate::poll::{read_retryable, wait_before_next, PollSchedule};
use crate::request::prepare_get;
use crate::response::{redirect_error, AnswerBody, HttpAnswer, ResponseError};
use crate::retry::parse_retry_after;
use crate::status::classify_status;

use super::call::Call;
use super::errors::JsError;
use super::fetch::{send, SendFailure};

/// Why a read produced no value.
pub(super) enum ReadError {
    /// Worth trying again: the error to report if not, and the service's `Retry-After` in ms.
    Retryable {
        error: JsError,
        retry_after: Option<u32>,
    },
    /// Final: a refusal, a redirect, or the caller's abort.
    Final(JsError),
}

impl Call {
    /// Sends one `GET` of `url`. Resolves to an answer to classify; a failure worth another
    /// read (a network error, 429, 5xx, a body cut short, this call's own timeout) is
    /// `Retryable`. `what` names the call in a timeout's message. Not generic, so the
    /// module holds one copy of it.
    pub(super) async fn read(
        &mut self,
        what: &'static str,
        url: &str,
    ) -> Result<HttpAnswer, ReadError> {
        let request = prepare_get(url.to_string(), &self.config, js_sys::Date::now())
            .map_err(|e| ReadError::Final(JsError::new(e, self.attempts)))?;
        self.attempts += 1;
        let answer = match send(&request, &self.transport, &self.deadline).await {
            Ok(answer) => answer,
            Err(SendFailure::Network(cause)) => {
                return Err(self
                    .read_cancellation(what)
                    .unwrap_or_else(|| ReadError::Retryable {
                        error: JsError::network(cause, self.attempts),
                        retry_after: None,
                    }))
            }
            Err(SendFailure::Redirect { status, request_id }) => {
                let error = Error::DeployApi(redirect_error(status, request_id));
                return Err(ReadError::Final(JsError::new(error, self.attempts)));
            }
        };
        let broken = matches!(answer.body, AnswerBody::Broken(_));
        if broken {
            if let Some(cancelled) = self.read_cancellation(what) {
                return Err(cancelled);
            }
        }
        if !(broken || read_retryable(answer.status)) {
            return Ok(answer);
        }
        // Any reader words a refused or unread answer the same way.
        let error = match classify_status(&answer) {
            Ok(_) => return Ok(answer),
            Err(error) => self.error_of(error),
        };
        let retry_after = answer
            .retry_after
            .and_then(|h| parse_retry_after(&h, js_sys::Date::now()));
        Err(ReadError::Retryable { error, retry_after })
    }

    /// The answer classified by `classify`, or its error with any echoed secret masked.
    pub(super) fn classified<T>(
        &self,
        answer: &HttpAnswer,
        classify: fn(&HttpAnswer) -> Result<T, ResponseError>,
    ) -> Result<T, JsError> {
        classify(answer).map_err(|error| self.error_of(error))
    }

    /// A classified error of this call, with any echoed secret masked.
    fn error_of(&self, error: ResponseError) -> JsError {
        JsError::new(
            scrubbed(error, &config_secrets(&self.config)),
            self.attempts,
        )
    }

    /// A read stopped by this call's deadline (worth another read within a longer wait) or by
    /// the caller's signal (final).
    fn read_cancellation(&self, what: &'static str) -> Option<ReadError> {
        if self.timed_out() {
            let timeout_ms = self.timeout_ms;
            return Some(ReadError::Retryable {
                error: JsError::new(Error::ReadTimeout { what, timeout_ms }, self.attempts),
                retry_after: None,
            });
        }
        self.cancellation(None).map(ReadError::Final)
    }

    /// Reads `url` until an answer to classify or a final failure, retrying within the call's
    /// deadline and the client's `retry.maxAttempts`, with back-off from `retry.baseDelayMs`.
    pub(super) async fn read_retrying(
        &mut self,
        what: &'static str,
        url: &str,
    ) -> Result<HttpAnswer, JsError> {
        let retry = self.config.retry;
        let schedule = PollSchedule {
            interval_ms: retry.base_delay_ms,
            max_interval_ms: retry.max_delay_ms,
        };
        loop {
            let (error, retry_after) = match self.read(what, url).await {
                Ok(answer) => return Ok(answer),
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
            if !self.deadline.sleep(wait).await {
                return Err(match self.read_cancellation(what) {
                    Some(ReadError::Final(error) | ReadError::Retryable { error, .. }) => error,
                    None => error,
                });
            }
        }
    }
}

//! `CodeArtsDeployClient`: validates, authenticates, sends with timeout, abort and the retry
//! policy, and turns the answer into a `DeployRecord` or a typed error.

use std::future::Future;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::call::{outcome, secrets_of};
use crate::config::ClientConfig;
use crate::error::{answer_may_have_started, Error};
use crate::model::StartDeployTaskInput;
use crate::reconcile::StartFailure;
use crate::request::{prepare, PreparedRequest};
use crate::response::{redirect_error, AnswerBody};
use crate::retry::Failure;

use super::api::{checked_config, checked_input};
use super::call::Call;
use super::convert::to_js;
use super::errors::JsError;
use super::fetch::{send, SendFailure, Transport};
use super::options::start_options;
use super::reconcile::Reconciled;

/// A client for one CodeArts Deploy endpoint and identity.
///
/// ```js
/// const client = new CodeArtsDeployClient({ region: "cn-north-4", token });
/// const record = await client.startDeployTask({ taskId, params, triggerSource: "0" });
/// ```
#[wasm_bindgen(js_name = CodeArtsDeployClient)]
pub struct Client {
    pub(super) config: Rc<ClientConfig>,
    /// The `fetch` of every request (the config's `fetch`, or the global one).
    pub(super) transport: Transport,
}

#[wasm_bindgen(js_class = CodeArtsDeployClient)]
impl Client {
    /// Checks the configuration; throws a `ConfigError` when it is unusable.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ClientConfig")] config: JsValue,
    ) -> Result<Client, JsValue> {
        let checked = checked_config(&config)?;
        let transport = Transport::from_config(&config).map_err(JsError::from)?;
        Ok(Client {
            config: Rc::new(checked),
            transport,
        })
    }

    /// Starts the deployment of `input.taskId`. Resolves to the `DeployRecord`; rejects with a
    /// `ValidationError` (nothing sent), `DeployApiError`, `TimeoutError`, `AbortError`,
    /// `NetworkError` or `ResponseFormatError`.
    #[wasm_bindgen(js_name = startDeployTask, unchecked_return_type = "Promise<DeployRecord>")]
    pub fn start_deploy_task(
        &self,
        #[wasm_bindgen(unchecked_param_type = "StartDeployTaskInput")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "StartOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        self.promise(|config, transport| async move {
            let input = checked_input(&input, config.locale)?;
            let options = start_options(&options).map_err(JsError::from)?;
            let timeout_ms = options.timeout_ms.unwrap_or(config.timeout_ms);
            let call = Call::new(config, transport, timeout_ms, options.signal)?;
            Ok(call.run(&input).await?)
        })
    }
}

impl Client {
    /// `work` given this client's config and `fetch`, as a JavaScript `Promise`.
    pub(super) fn promise<W, F>(&self, work: W) -> js_sys::Promise
    where
        W: FnOnce(Rc<ClientConfig>, Transport) -> F,
        F: Future<Output = Result<JsValue, JsValue>> + 'static,
    {
        future_to_promise(work(Rc::clone(&self.config), self.transport.clone()))
    }
}

impl Call {
    async fn run(mut self, input: &StartDeployTaskInput) -> Result<JsValue, JsError> {
        let secrets = secrets_of(&self.config, input);
        let baseline = self.baseline(&input.task_id).await?;
        loop {
            let now = js_sys::Date::now();
            let request = prepare(input, &self.config, now)
                .map_err(|e| self.reported(JsError::new(e, self.attempts)))?;
            self.attempts += 1;
            let (failure, error, delay) = match self.attempt(&request, &secrets).await? {
                Attempt::Done(record) => return Ok(record),
                Attempt::Failed(failure, error, delay) => (failure, error, delay),
            };
            let (delay, error) = match &baseline {
                Some(before) if failure.may_have_acted() => {
                    match self.reconcile(before.as_deref(), &input.task_id).await {
                        Reconciled::Started(record) => return Ok(record),
                        Reconciled::Unknown => return Err(error),
                        Reconciled::NotStarted => (self.resend_delay(delay), error.not_started()),
                    }
                }
                _ => (delay, error),
            };
            // What the next attempts' errors must still say: an earlier one may have started one
            // (reconciling that found nothing started resets it).
            self.started = error.may_have_started();
            let Some(delay) = delay else {
                return Err(error);
            };
            if f64::from(delay) >= self.remaining_ms() {
                return Err(error);
            }
            if !self.deadline.sleep(delay).await {
                // Cancelled between attempts: nothing was in flight.
                let cancelled = self.cancellation(None).map(|e| e.started(self.started));
                return Err(cancelled.unwrap_or(error));
            }
        }
    }

    /// `error` with `mayHaveStarted` also true when an earlier attempt may have started one.
    fn reported(&self, error: JsError) -> JsError {
        let own = error.may_have_started();
        error.started(own || self.started)
    }

    /// Sends one attempt: the record, or how it failed (with the wait before a retry, if any).
    /// Rejects at once on a redirect or an abort.
    async fn attempt(
        &self,
        request: &PreparedRequest,
        secrets: &[&str],
    ) -> Result<Attempt, JsError> {
        match send(request, &self.transport, &self.deadline).await {
            Ok(answer) => {
                if matches!(answer.body, AnswerBody::Broken(_)) {
                    if let Some(cancelled) = self.cancellation(Some(answer.status)) {
                        // Cut off reading an answer: that answer says whether it may have acted.
                        let own = answer_may_have_started(answer.status);
                        return self.cancelled(cancelled.started(own || self.started));
                    }
                }
                match outcome(&answer, secrets, self.attempts) {
                    Ok(record) => Ok(Attempt::Done(to_js(&record))),
                    Err(error) => Ok(Attempt::Failed(
                        start_failure(&error),
                        self.reported(JsError::new(error, self.attempts)),
                        self.retry_delay(&Failure::of(&answer)),
                    )),
                }
            }
            // Cancelled with the request in flight: it may have reached the service.
            Err(SendFailure::Network(cause)) => match self.cancellation(None) {
                Some(cancelled) => self.cancelled(cancelled.started(true)),
                None => Ok(Attempt::Failed(
                    StartFailure::Network,
                    self.reported(JsError::network(cause, self.attempts)),
                    self.retry_delay(&Failure::Network),
                )),
            },
            Err(SendFailure::Redirect { status, request_id }) => {
                let error = Error::DeployApi(redirect_error(status, request_id));
                Err(self.reported(JsError::new(error, self.attempts)))
            }
        }
    }

    /// A cancelled attempt: after a timeout the service may have acted (a failure to
    /// reconcile); an abort ends the call.
    fn cancelled(&self, error: JsError) -> Result<Attempt, JsError> {
        if self.timed_out() {
            Ok(Attempt::Failed(StartFailure::Timeout, error, None))
        } else {
            Err(error)
        }
    }

    /// The wait before the next attempt, or `None` to give up.
    fn retry_delay(&self, failure: &Failure<'_>) -> Option<u32> {
        self.config
            .retry
            .delay_before_retry(failure, self.attempts, js_sys::Date::now())
    }
}

/// How one start attempt ended, short of a final answer.
enum Attempt {
    /// The deployment record, as a JavaScript value.
    Done(JsValue),
    /// How it failed, the error to report, and the wait before a retry (`None`: no retry).
    Failed(StartFailure, JsError, Option<u32>),
}

/// How a failed answer bears on reconciling: an unreadable 2xx may have started a run.
fn start_failure(error: &Error) -> StartFailure {
    match error {
        Error::DeployApi(error) => StartFailure::Answered(error.status),
        _ => StartFailure::UnreadableSuccess,
    }
}

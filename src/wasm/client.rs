//! `CodeArtsDeployClient`: validates, authenticates, sends with timeout, abort and the retry
//! policy, and turns the answer into a `DeployRecord` or a typed error.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
use web_sys::{AbortController, AbortSignal};

use crate::call::{outcome, secrets_of};
use crate::config::ClientConfig;
use crate::error::Error;
use crate::model::StartDeployTaskInput;
use crate::request::prepare;
use crate::response::{redirect_error, AnswerBody};
use crate::retry::Failure;

use super::api::{checked_config, checked_input};
use super::convert::to_js;
use super::errors::JsError;
use super::fetch::{send, SendFailure};
use super::options::{signal_aborted, signal_reason, start_options};
use super::timer::{sleep, AbortListener, Timer};

/// A client for one CodeArts Deploy endpoint and identity.
///
/// ```js
/// const client = new CodeArtsDeployClient({ region: "cn-north-4", token });
/// const record = await client.startDeployTask({ taskId, params, triggerSource: "0" });
/// ```
#[wasm_bindgen(js_name = CodeArtsDeployClient)]
pub struct Client {
    config: Rc<ClientConfig>,
}

#[wasm_bindgen(js_class = CodeArtsDeployClient)]
impl Client {
    /// Checks the configuration; throws a `ConfigError` when it is unusable.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ClientConfig")] config: JsValue,
    ) -> Result<Client, JsValue> {
        Ok(Client {
            config: Rc::new(checked_config(&config)?),
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
        let config = Rc::clone(&self.config);
        let options = options.unwrap_or(JsValue::UNDEFINED);
        future_to_promise(async move {
            let input = checked_input(&input, config.locale)?;
            let options = start_options(&options).map_err(JsError::from)?;
            let timeout_ms = options.timeout_ms.unwrap_or(config.timeout_ms);
            let call = Call::new(config, timeout_ms, options.signal)?;
            Ok(call.run(&input).await?)
        })
    }
}

/// One `startDeployTask` call: its deadline, its cancellation and its attempts.
struct Call {
    config: Rc<ClientConfig>,
    timeout_ms: u32,
    started_at: f64,
    controller: AbortController,
    timed_out: Rc<Cell<bool>>,
    user_signal: Option<AbortSignal>,
    attempts: u32,
    _timer: Timer,
    _listener: Option<AbortListener>,
}

impl Call {
    fn new(
        config: Rc<ClientConfig>,
        timeout_ms: u32,
        user_signal: Option<AbortSignal>,
    ) -> Result<Call, JsError> {
        if let Some(signal) = user_signal.as_ref().filter(|s| signal_aborted(s)) {
            return Err(JsError::aborted(signal_reason(signal), 0));
        }
        let controller = AbortController::new().map_err(|cause| JsError::network(cause, 0))?;
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let controller = controller.clone();
            let timed_out = Rc::clone(&timed_out);
            Timer::start(timeout_ms, move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let listener = user_signal.as_ref().map(|signal| {
            let controller = controller.clone();
            AbortListener::new(signal, move || controller.abort())
        });
        Ok(Call {
            config,
            timeout_ms,
            started_at: js_sys::Date::now(),
            controller,
            timed_out,
            user_signal,
            attempts: 0,
            _timer: timer,
            _listener: listener,
        })
    }

    async fn run(mut self, input: &StartDeployTaskInput) -> Result<JsValue, JsError> {
        let signal = self.controller.signal();
        let secrets = secrets_of(&self.config, input);
        loop {
            let now = js_sys::Date::now();
            let request =
                prepare(input, &self.config, now).map_err(|e| JsError::new(e, self.attempts))?;
            self.attempts += 1;
            let (delay, error) = match send(&request, &signal).await {
                Ok(answer) => {
                    if matches!(answer.body, AnswerBody::Broken(_)) {
                        if let Some(cancelled) = self.cancellation(Some(answer.status)) {
                            return Err(cancelled);
                        }
                    }
                    match outcome(&answer, &secrets, self.attempts) {
                        Ok(record) => return Ok(to_js(&record)),
                        Err(error) => (
                            self.retry_delay(&Failure::of(&answer)),
                            JsError::new(error, self.attempts),
                        ),
                    }
                }
                Err(SendFailure::Network(cause)) => {
                    if let Some(cancelled) = self.cancellation(None) {
                        return Err(cancelled);
                    }
                    (
                        self.retry_delay(&Failure::Network),
                        JsError::network(cause, self.attempts),
                    )
                }
                Err(SendFailure::Redirect { status, request_id }) => {
                    let error = Error::DeployApi(redirect_error(status, request_id));
                    return Err(JsError::new(error, self.attempts));
                }
            };
            let Some(delay) = delay else {
                return Err(error);
            };
            let now = js_sys::Date::now();
            let remaining = f64::from(self.timeout_ms) - (now - self.started_at);
            if f64::from(delay) >= remaining {
                return Err(error);
            }
            if !sleep(delay, &signal).await {
                return Err(self.cancellation(None).unwrap_or(error));
            }
        }
    }

    /// The wait before the next attempt, or `None` to give up.
    fn retry_delay(&self, failure: &Failure<'_>) -> Option<u32> {
        self.config
            .retry
            .delay_before_retry(failure, self.attempts, js_sys::Date::now())
    }

    /// The `TimeoutError` or `AbortError` to report if the call was cancelled; `answered` is
    /// the status of an answer whose body was being read.
    fn cancellation(&self, answered: Option<u16>) -> Option<JsError> {
        if self.timed_out.get() {
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

//! `CodeArtsDeployClient`: validates, authenticates, sends with timeout, abort and the retry
//! policy, and turns the answer into a `DeployRecord` or a typed error.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
use web_sys::{AbortController, AbortSignal};

use crate::config::ClientConfig;
use crate::model::StartDeployTaskInput;
use crate::request::prepare;
use crate::response::{
    classify, DeployApiError, ErrorKind, HttpAnswer, ResponseError, ResponseFormatError,
};
use crate::retry::Failure;

use super::api::{checked_config, checked_input};
use super::convert::to_js;
use super::errors::{abort_error, config_error, network_error, response_error, timeout_error};
use super::fetch::{send, RawAnswer, SendFailure};
use super::options::start_options;
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
            let options = start_options(&options).map_err(|e| config_error(&e))?;
            let timeout_ms = options.timeout_ms.unwrap_or(config.timeout_ms);
            Call::new(config, timeout_ms, options.signal)?
                .run(&input)
                .await
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
    ) -> Result<Call, JsValue> {
        if let Some(signal) = user_signal.as_ref().filter(|s| s.aborted()) {
            return Err(abort_error(signal.reason(), 0));
        }
        let controller = AbortController::new()?;
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

    async fn run(mut self, input: &StartDeployTaskInput) -> Result<JsValue, JsValue> {
        let signal = self.controller.signal();
        loop {
            self.attempts += 1;
            let now = js_sys::Date::now();
            let request = prepare(input, &self.config, now).map_err(|e| config_error(&e))?;
            let (delay, error) = match send(&request, &signal).await {
                Ok(answer) => match self.outcome(&answer) {
                    Ok(record) => return Ok(record),
                    Err(error) => (self.retry_delay(&failure_of(&answer)), error),
                },
                Err(SendFailure::Network(cause)) => {
                    if let Some(cancelled) = self.cancellation() {
                        return Err(cancelled);
                    }
                    (
                        self.retry_delay(&Failure::Network),
                        network_error(cause, self.attempts),
                    )
                }
                Err(SendFailure::Redirect { status, request_id }) => {
                    return Err(response_error(
                        &redirect_error(status, request_id),
                        self.attempts,
                    ))
                }
                Err(SendFailure::TooLarge { status, request_id }) => {
                    return Err(response_error(
                        &too_large_error(status, request_id),
                        self.attempts,
                    ))
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
                return Err(self.cancellation().unwrap_or(error));
            }
        }
    }

    /// The wait before the next attempt, or `None` to give up.
    fn retry_delay(&self, failure: &Failure<'_>) -> Option<u32> {
        self.config
            .retry
            .delay_before_retry(failure, self.attempts, js_sys::Date::now())
    }

    /// The record, or the typed error, for an HTTP answer.
    fn outcome(&self, answer: &RawAnswer) -> Result<JsValue, JsValue> {
        let answer_view = HttpAnswer {
            status: answer.status,
            request_id: answer.request_id.as_deref(),
            body: &answer.body,
        };
        classify(&answer_view)
            .map(|record| to_js(&record))
            .map_err(|error| response_error(&error, self.attempts))
    }

    /// The `TimeoutError` or `AbortError` to report if the call was cancelled.
    fn cancellation(&self) -> Option<JsValue> {
        if self.timed_out.get() {
            return Some(timeout_error(self.timeout_ms, self.attempts));
        }
        self.user_signal
            .as_ref()
            .filter(|s| s.aborted())
            .map(|s| abort_error(s.reason(), self.attempts))
    }
}

/// What the retry policy needs to know of a failed HTTP answer.
fn failure_of(answer: &RawAnswer) -> Failure<'_> {
    match answer.status {
        429 => Failure::Throttled {
            retry_after: answer.retry_after.as_deref(),
        },
        502..=504 => Failure::ServerUnavailable,
        _ => Failure::Other,
    }
}

fn redirect_error(status: u16, request_id: Option<String>) -> ResponseError {
    ResponseError::Api(DeployApiError {
        status,
        error_code: "REDIRECT".to_string(),
        error_msg: "The service answered with a redirect, which is not followed: a deployment start is never replayed at another address. Check the endpoint.".to_string(),
        request_id,
        encoded_authorization_message: None,
        kind: ErrorKind::BadRequest,
    })
}

fn too_large_error(status: u16, request_id: Option<String>) -> ResponseError {
    ResponseError::Format(ResponseFormatError {
        status,
        request_id,
        message: format!(
            "The service answered {status} with a body larger than {} bytes, which was not read; if the status is 2xx the deployment may have started.",
            super::fetch::MAX_BODY_BYTES
        ),
    })
}

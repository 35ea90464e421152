//! `CodeArtsDeployClient`: validates, authenticates, sends with timeout, abort and the retry
//! policy, and turns the answer into a `DeployRecord` or a typed error.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::future_to_promise;
use web_sys::{AbortController, AbortSignal};

use crate::config::{Auth, ClientConfig};
use crate::model::{ParamType, StartDeployTaskInput};
use crate::redact::scrub;
use crate::request::prepare;
use crate::response::{
    classify, reason, DeployApiError, ErrorKind, HttpAnswer, ResponseError, ResponseFormatError,
};
use crate::retry::Failure;

use super::api::{checked_config, checked_input};
use super::convert::to_js;
use super::errors::{abort_error, config_error, network_error, response_error, timeout_error};
use super::fetch::{send, Body, RawAnswer, SendFailure, Transport, MAX_BODY_BYTES};
use super::options::{signal_aborted, signal_reason, start_options};
use super::timer::{AbortListener, Deadline, Timer};

/// A client for one CodeArts Deploy endpoint and identity.
///
/// ```js
/// const client = new CodeArtsDeployClient({ region: "cn-north-4", token });
/// const record = await client.startDeployTask({ taskId, params, triggerSource: "0" });
/// ```
#[wasm_bindgen(js_name = CodeArtsDeployClient)]
pub struct Client {
    config: Rc<ClientConfig>,
    transport: Transport,
}

#[wasm_bindgen(js_class = CodeArtsDeployClient)]
impl Client {
    /// Checks the configuration; throws a `ConfigError` when it is unusable.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ClientConfig")] config: JsValue,
    ) -> Result<Client, JsValue> {
        let checked = checked_config(&config)?;
        let transport = Transport::from_config(&config).map_err(|e| config_error(&e))?;
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
        let config = Rc::clone(&self.config);
        let transport = self.transport.clone();
        let options = options.unwrap_or(JsValue::UNDEFINED);
        future_to_promise(async move {
            let input = checked_input(&input, config.locale)?;
            let options = start_options(&options).map_err(|e| config_error(&e))?;
            let timeout_ms = options.timeout_ms.unwrap_or(config.timeout_ms);
            Call::new(config, transport, timeout_ms, options.signal)?
                .run(&input)
                .await
        })
    }
}

/// One `startDeployTask` call: its deadline, its cancellation and its attempts.
struct Call {
    config: Rc<ClientConfig>,
    transport: Transport,
    timeout_ms: u32,
    started_at: f64,
    deadline: Deadline,
    timed_out: Rc<Cell<bool>>,
    user_signal: Option<AbortSignal>,
    attempts: u32,
    _timer: Timer,
    _listener: Option<AbortListener>,
}

impl Call {
    fn new(
        config: Rc<ClientConfig>,
        transport: Transport,
        timeout_ms: u32,
        user_signal: Option<AbortSignal>,
    ) -> Result<Call, JsValue> {
        if let Some(signal) = user_signal.as_ref().filter(|s| signal_aborted(s)) {
            return Err(abort_error(signal_reason(signal), 0));
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
            transport,
            timeout_ms,
            started_at: js_sys::Date::now(),
            deadline: Deadline::new(&controller.signal()),
            timed_out,
            user_signal,
            attempts: 0,
            _timer: timer,
            _listener: listener,
        })
    }

    async fn run(mut self, input: &StartDeployTaskInput) -> Result<JsValue, JsValue> {
        let secrets = secrets_of(&self.config, input);
        loop {
            self.attempts += 1;
            let now = js_sys::Date::now();
            let request = prepare(input, &self.config, now).map_err(|e| config_error(&e))?;
            let (delay, error) = match send(&request, &self.transport, &self.deadline).await {
                Ok(answer) => {
                    if matches!(answer.body, Body::Broken(_)) {
                        if let Some(cancelled) = self.cancellation(Some(answer.status)) {
                            return Err(cancelled);
                        }
                    }
                    match self.outcome(&answer, &secrets) {
                        Ok(record) => return Ok(record),
                        Err(error) => (self.retry_delay(&failure_of(&answer)), error),
                    }
                }
                Err(SendFailure::Network(cause)) => {
                    if let Some(cancelled) = self.cancellation(None) {
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
            };
            let Some(delay) = delay else {
                return Err(error);
            };
            let now = js_sys::Date::now();
            let remaining = f64::from(self.timeout_ms) - (now - self.started_at);
            if f64::from(delay) >= remaining {
                return Err(error);
            }
            if !self.deadline.sleep(delay).await {
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

    /// The record, or the typed error (with any echoed `secrets` masked), for an HTTP answer.
    fn outcome(&self, answer: &RawAnswer, secrets: &[&str]) -> Result<JsValue, JsValue> {
        let status = answer.status;
        let request_id = answer.request_id.clone();
        let body = match &answer.body {
            Body::Read(body) => body,
            Body::TooLarge => {
                let why = format!("a body larger than {MAX_BODY_BYTES} bytes, which was not read");
                return Err(response_error(
                    &unread_error(status, request_id, &why),
                    self.attempts,
                ));
            }
            Body::Broken(cause) => {
                let why = format!("a body that could not be read ({})", error_message(cause));
                return Err(response_error(
                    &unread_error(status, request_id, &why),
                    self.attempts,
                ));
            }
        };
        let answer_view = HttpAnswer {
            status,
            request_id: answer.request_id.as_deref(),
            body,
        };
        classify(&answer_view)
            .map(|record| to_js(&record))
            .map_err(|error| response_error(&scrubbed(error, secrets), self.attempts))
    }

    /// The `TimeoutError` or `AbortError` to report if the call was cancelled; `answered` is
    /// the status of an answer whose body was being read.
    fn cancellation(&self, answered: Option<u16>) -> Option<JsValue> {
        if self.timed_out.get() {
            return Some(timeout_error(self.timeout_ms, self.attempts, answered));
        }
        self.user_signal
            .as_ref()
            .filter(|s| signal_aborted(s))
            .map(|s| abort_error(signal_reason(s), self.attempts))
    }
}

/// The secrets a gateway might echo back: the token or security token and secret key, and
/// every `encrypt` value of the input.
fn secrets_of<'a>(config: &'a ClientConfig, input: &'a StartDeployTaskInput) -> Vec<&'a str> {
    let mut secrets = match &config.auth {
        Auth::Token(token) => vec![token.expose()],
        Auth::AkSk {
            secret_key,
            security_token,
            ..
        } => std::iter::once(secret_key)
            .chain(security_token)
            .map(|s| s.expose())
            .collect(),
    };
    let params = input.params.iter().flatten();
    secrets.extend(
        params
            .filter(|p| p.param_type == ParamType::Encrypt)
            .map(|p| p.value.as_str()),
    );
    secrets
}

/// `error` with every secret the service's text may echo masked.
fn scrubbed(error: ResponseError, secrets: &[&str]) -> ResponseError {
    let ResponseError::Api(mut error) = error else {
        return error;
    };
    error.error_code = scrub(&error.error_code, secrets);
    error.error_msg = scrub(&error.error_msg, secrets);
    error.request_id = error.request_id.map(|id| scrub(&id, secrets));
    error.encoded_authorization_message = error
        .encoded_authorization_message
        .map(|message| scrub(&message, secrets));
    ResponseError::Api(error)
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

/// The error for an answer whose body was not read whole (`why` says how): a
/// `ResponseFormatError` for a 2xx (the deployment may have started), else a `DeployApiError`
/// with the status.
fn unread_error(status: u16, request_id: Option<String>, why: &str) -> ResponseError {
    if (200..300).contains(&status) {
        return ResponseError::Format(ResponseFormatError {
            status,
            request_id,
            message: format!(
                "The service answered {status} with {why}; the deployment may have started, so check before retrying."
            ),
        });
    }
    let error_code = status.to_string();
    ResponseError::Api(DeployApiError {
        status,
        kind: ErrorKind::of(status, &error_code),
        error_code,
        error_msg: format!("{} ({why})", reason(status)),
        request_id,
        encoded_authorization_message: None,
    })
}

/// The message of a JavaScript error, or nothing.
fn error_message(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_default()
}

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
use crate::reconcile::StartFailure;
use crate::redact::scrub;
use crate::request::prepare;
use crate::request::PreparedRequest;
use crate::response::{
    classify, reason, DeployApiError, ErrorKind, HttpAnswer, ResponseError, ResponseFormatError,
};
use crate::retry::Failure;

use super::api::{checked_config, checked_input};
use super::convert::to_js;
use super::errors::{abort_error, config_error, network_error, response_error, timeout_error};
use super::fetch::{send, Body, RawAnswer, SendFailure, MAX_BODY_BYTES};
use super::options::{signal_aborted, signal_reason, start_options};
use super::reconcile::{not_started, Reconciled};
use super::timer::{sleep, AbortListener, Timer};

/// A client for one CodeArts Deploy endpoint and identity.
///
/// ```js
/// const client = new CodeArtsDeployClient({ region: "cn-north-4", token });
/// const record = await client.startDeployTask({ taskId, params, triggerSource: "0" });
/// ```
#[wasm_bindgen(js_name = CodeArtsDeployClient)]
pub struct Client {
    pub(super) config: Rc<ClientConfig>,
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

/// One client call: its deadline, its cancellation and its attempts.
pub(super) struct Call {
    pub(super) config: Rc<ClientConfig>,
    pub(super) timeout_ms: u32,
    started_at: f64,
    pub(super) controller: AbortController,
    timed_out: Rc<Cell<bool>>,
    pub(super) user_signal: Option<AbortSignal>,
    pub(super) attempts: u32,
    _timer: Timer,
    _listener: Option<AbortListener>,
}

impl Call {
    pub(super) fn new(
        config: Rc<ClientConfig>,
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
        let secrets = secrets_of(&self.config, input);
        let baseline = self.baseline(&input.task_id).await?;
        loop {
            self.attempts += 1;
            let now = js_sys::Date::now();
            let request = prepare(input, &self.config, now).map_err(|e| config_error(&e))?;
            let (failure, error, delay) = match self.attempt(&request, &signal, &secrets).await? {
                Attempt::Done(record) => return Ok(record),
                Attempt::Failed(failure, error, delay) => (failure, error, delay),
            };
            let (delay, error) = match &baseline {
                Some(before) if failure.may_have_acted() => {
                    match self.reconcile(before.as_deref(), &input.task_id).await {
                        Reconciled::Started(record) => return Ok(record),
                        Reconciled::Unknown => return Err(error),
                        Reconciled::NotStarted => (self.resend_delay(delay), not_started(error)),
                    }
                }
                _ => (delay, error),
            };
            let Some(delay) = delay else {
                return Err(error);
            };
            if f64::from(delay) >= self.remaining_ms() {
                return Err(error);
            }
            if !sleep(delay, &signal).await {
                return Err(self.cancellation(None).unwrap_or(error));
            }
        }
    }

    /// Sends one attempt: the record, or how it failed (with the wait before a retry, if any).
    /// Rejects at once on a redirect or an abort.
    async fn attempt(
        &self,
        request: &PreparedRequest,
        signal: &AbortSignal,
        secrets: &[&str],
    ) -> Result<Attempt, JsValue> {
        match send(request, signal).await {
            Ok(answer) => {
                if matches!(answer.body, Body::Broken(_)) {
                    if let Some(cancelled) = self.cancellation(Some(answer.status)) {
                        return self.cancelled(cancelled);
                    }
                }
                match self.classified(&answer, secrets, classify) {
                    Ok(record) => Ok(Attempt::Done(to_js(&record))),
                    Err(error) => Ok(Attempt::Failed(
                        start_failure(&error),
                        response_error(&error, self.attempts),
                        self.retry_delay(&failure_of(&answer)),
                    )),
                }
            }
            Err(SendFailure::Network(cause)) => match self.cancellation(None) {
                Some(cancelled) => self.cancelled(cancelled),
                None => Ok(Attempt::Failed(
                    StartFailure::Network,
                    network_error(cause, self.attempts),
                    self.retry_delay(&Failure::Network),
                )),
            },
            Err(SendFailure::Redirect { status, request_id }) => Err(response_error(
                &redirect_error(status, request_id),
                self.attempts,
            )),
        }
    }

    /// A cancelled attempt: after a timeout the service may have acted (a failure to
    /// reconcile); an abort ends the call.
    fn cancelled(&self, error: JsValue) -> Result<Attempt, JsValue> {
        if self.timed_out.get() {
            Ok(Attempt::Failed(StartFailure::Timeout, error, None))
        } else {
            Err(error)
        }
    }

    /// Milliseconds left before the call's deadline (negative once it passed).
    pub(super) fn remaining_ms(&self) -> f64 {
        f64::from(self.timeout_ms) - (js_sys::Date::now() - self.started_at)
    }

    /// Whether the call's deadline cancelled it.
    pub(super) fn timed_out(&self) -> bool {
        self.timed_out.get()
    }

    /// The wait before the next attempt, or `None` to give up.
    fn retry_delay(&self, failure: &Failure<'_>) -> Option<u32> {
        self.config
            .retry
            .delay_before_retry(failure, self.attempts, js_sys::Date::now())
    }

    /// The answer classified by `classify`, or the typed error (with any echoed `secrets`
    /// masked); a body that was not read whole is an error of its own.
    pub(super) fn classified<T>(
        &self,
        answer: &RawAnswer,
        secrets: &[&str],
        classify: impl FnOnce(&HttpAnswer<'_>) -> Result<T, ResponseError>,
    ) -> Result<T, ResponseError> {
        let status = answer.status;
        let request_id = answer.request_id.clone();
        let body = match &answer.body {
            Body::Read(body) => body,
            Body::TooLarge => {
                let why = format!("a body larger than {MAX_BODY_BYTES} bytes, which was not read");
                return Err(unread_error(status, request_id, &why));
            }
            Body::Broken(cause) => {
                let why = format!("a body that could not be read ({})", error_message(cause));
                return Err(unread_error(status, request_id, &why));
            }
        };
        let answer_view = HttpAnswer {
            status,
            request_id: answer.request_id.as_deref(),
            body,
        };
        classify(&answer_view).map_err(|error| scrubbed(error, secrets))
    }

    /// The `TimeoutError` or `AbortError` to report if the call was cancelled; `answered` is
    /// the status of an answer whose body was being read.
    pub(super) fn cancellation(&self, answered: Option<u16>) -> Option<JsValue> {
        if self.timed_out.get() {
            return Some(timeout_error(self.timeout_ms, self.attempts, answered));
        }
        self.user_signal
            .as_ref()
            .filter(|s| signal_aborted(s))
            .map(|s| abort_error(signal_reason(s), self.attempts))
    }
}

/// How one start attempt ended, short of a final answer.
enum Attempt {
    /// The deployment record, as a JavaScript value.
    Done(JsValue),
    /// How it failed, the error to report, and the wait before a retry (`None`: no retry).
    Failed(StartFailure, JsValue, Option<u32>),
}

/// How a classified failure bears on reconciling: an unreadable 2xx may have started a run.
fn start_failure(error: &ResponseError) -> StartFailure {
    match error {
        ResponseError::Format(_) => StartFailure::UnreadableSuccess,
        ResponseError::Api(error) => StartFailure::Answered(error.status),
    }
}

/// The secrets a gateway might echo back: the token or security token and secret key, and
/// every `encrypt` value of the input.
fn secrets_of<'a>(config: &'a ClientConfig, input: &'a StartDeployTaskInput) -> Vec<&'a str> {
    let mut secrets = config_secrets(config);
    let params = input.params.iter().flatten();
    secrets.extend(
        params
            .filter(|p| p.param_type == ParamType::Encrypt)
            .map(|p| p.value.as_str()),
    );
    secrets
}

/// The secrets of the configuration: the token, or the secret key and security token.
pub(super) fn config_secrets(config: &ClientConfig) -> Vec<&str> {
    match &config.auth {
        Auth::Token(token) => vec![token.expose()],
        Auth::AkSk {
            secret_key,
            security_token,
            ..
        } => std::iter::once(secret_key)
            .chain(security_token)
            .map(|s| s.expose())
            .collect(),
    }
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

pub(super) fn redirect_error(status: u16, request_id: Option<String>) -> ResponseError {
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

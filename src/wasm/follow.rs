//! Following a run from JavaScript: `getDeployStatus`, `waitForDeployment` and
//! `getExecutionParams` of `CodeArtsDeployClient`. Reads start nothing; every error they
//! reject with says so.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::config::ClientConfig;
use crate::error::{ConfigError, Error};
use crate::exec_params::{classify_params, params_url, ExecutionParam};
use crate::locale::Locale;
use crate::poll::{wait_before_next, WaitOptions};
use crate::response::{HttpAnswer, ResponseError};
use crate::run_ids::{parse_run_ids, RecordId, RunIds};
use crate::status::{classify_status, state_url, DeployStatus};

use super::call::Call;
use super::client::Client;
use super::convert::{to_js, to_json, to_json_input};
use super::errors::JsError;
use super::fetch::Transport;
use super::options::{read_signal, start_options};
use super::read::ReadError;

#[wasm_bindgen(js_class = CodeArtsDeployClient)]
impl Client {
    /// Reads where a run stands (the task's latest run without `recordId`). Resolves to a
    /// `DeployStatus`; rejects with a `ValidationError` (nothing sent), `DeployApiError` (a 200
    /// with `"status": "error"` too), `TimeoutError`, `AbortError`, `NetworkError` or
    /// `ResponseFormatError`. Network errors, 429 and 5xx are retried within the deadline and
    /// `retry.maxAttempts`.
    #[wasm_bindgen(js_name = getDeployStatus, unchecked_return_type = "Promise<DeployStatus>")]
    pub fn get_deploy_status(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RunIds | DeployRecord")] ids: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        self.read_run(ids, options, STATUS)
    }

    /// Polls a run until it ends and resolves to its final `DeployStatus` (`succeeded` or
    /// `failed`: a failed deployment is an answer, not an error). Waits `intervalMs` (2 s)
    /// doubling up to `maxIntervalMs` (15 s), with jitter; `onProgress(status)` sees every
    /// answer. Rejects with a `TimeoutError` after `timeoutMs` (30 minutes), an `AbortError`
    /// at once when `signal` aborts (no request is sent after it), or the error that stops it
    /// from knowing. Aborting stops the waiting, never the deployment.
    #[wasm_bindgen(js_name = waitForDeployment, unchecked_return_type = "Promise<DeployStatus>")]
    pub fn wait_for_deployment(
        &self,
        #[wasm_bindgen(
            unchecked_param_type = "DeployRecord | { taskId: string; recordId: string }"
        )]
        run: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WaitOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        self.promise(|config, transport| async move {
            let ids = checked_ids(&run, RecordId::Required, config.locale)?;
            let wait = wait_options(&options).map_err(|e| JsError::from(e).of_read())?;
            wait_for(config, transport, &ids, wait).await
        })
    }

    /// Reads the parameters a run used, as `[{ key, type, value }]` (the start's input shape).
    /// `encrypt` values come back empty: fill them in again before starting a new run.
    #[wasm_bindgen(js_name = getExecutionParams, unchecked_return_type = "Promise<DeployParam[]>")]
    pub fn get_execution_params(
        &self,
        #[wasm_bindgen(
            unchecked_param_type = "DeployRecord | { taskId: string; recordId: string }"
        )]
        ids: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        self.read_run(ids, options, PARAMS)
    }
}

/// The checked ids of a run, or the `ValidationError` to reject with.
fn checked_ids(value: &JsValue, record_id: RecordId, locale: Locale) -> Result<RunIds, JsError> {
    let (json, notes) = to_json_input(value);
    parse_run_ids(&json, &notes, record_id, locale)
        .map_err(|issues| JsError::new(Error::Validation { issues, locale }, 0).of_read())
}

/// A read of one run: its name in messages, whether it needs a record id, its URL, how its
/// answer is classified and given to JavaScript.
struct Read<T> {
    what: &'static str,
    record_id: RecordId,
    url: fn(&str, &RunIds) -> String,
    classify: fn(&HttpAnswer) -> Result<T, ResponseError>,
    to_js: fn(T, u32) -> JsValue,
}

/// `getDeployStatus`.
const STATUS: Read<DeployStatus> = Read {
    what: "getDeployStatus",
    record_id: RecordId::Optional,
    url: |endpoint, ids| state_url(endpoint, &ids.task_id, ids.record_id.as_deref()),
    classify: classify_status,
    to_js: |mut status, attempts| {
        status.metadata.attempts = attempts;
        to_js(&status)
    },
};

/// `getExecutionParams`.
const PARAMS: Read<Vec<ExecutionParam>> = Read {
    what: "getExecutionParams",
    record_id: RecordId::Required,
    url: |endpoint, ids| {
        params_url(
            endpoint,
            &ids.task_id,
            ids.record_id.as_deref().unwrap_or_default(),
        )
    },
    classify: classify_params,
    to_js: |params, _| to_js(&params),
};

impl Client {
    /// `read` of the run `ids` names: the ids checked first (a `ValidationError`, nothing
    /// sent), then one request with the options' deadline and signal, retried as the client's
    /// policy says.
    fn read_run<T: 'static>(
        &self,
        ids: &JsValue,
        options: Option<JsValue>,
        read: Read<T>,
    ) -> js_sys::Promise {
        let ids = checked_ids(ids, read.record_id, self.config.locale);
        self.promise(|config, transport| async move {
            let ids = ids?;
            let options = start_options(&options.unwrap_or(JsValue::UNDEFINED))
                .map_err(|e| JsError::from(e).of_read())?;
            let timeout_ms = options.timeout_ms.unwrap_or(config.timeout_ms);
            let url = (read.url)(&config.endpoint, &ids);
            let mut call = Call::new(config, transport, timeout_ms, options.signal)
                .map_err(JsError::of_read)?;
            let answer = call
                .read_retrying(read.what, &url)
                .await
                .map_err(JsError::of_read)?;
            let value = call
                .classified(&answer, read.classify)
                .map_err(JsError::of_read)?;
            Ok((read.to_js)(value, call.attempts))
        })
    }
}

/// `waitForDeployment`'s options.
struct Wait {
    numbers: WaitOptions,
    signal: Option<web_sys::AbortSignal>,
    on_progress: Option<js_sys::Function>,
}

fn wait_options(value: &JsValue) -> Result<Wait, ConfigError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Wait {
            numbers: WaitOptions::parse(&serde_json::Value::Null)?,
            signal: None,
            on_progress: None,
        });
    }
    let numbers = WaitOptions::parse(&to_json(value, "The wait options")?)?;
    let on_progress = js_sys::Reflect::get(value, &JsValue::from_str("onProgress"))
        .map_err(|_| ConfigError::new("unreadable", "options.onProgress could not be read."))?;
    let on_progress = if on_progress.is_undefined() || on_progress.is_null() {
        None
    } else {
        Some(on_progress.dyn_into::<js_sys::Function>().map_err(|_| {
            ConfigError::new("invalid_options", "options.onProgress must be a function.")
        })?)
    };
    Ok(Wait {
        numbers,
        signal: read_signal(value)?,
        on_progress,
    })
}

/// The wait: one poll at a time, each bounded by the client's `timeoutMs` and the wait's.
async fn wait_for(
    config: Rc<ClientConfig>,
    transport: Transport,
    ids: &RunIds,
    wait: Wait,
) -> Result<JsValue, JsValue> {
    const WHAT: &str = "waitForDeployment";
    let mut whole = Call::new(
        Rc::clone(&config),
        transport.clone(),
        wait.numbers.timeout_ms,
        wait.signal,
    )
    .map_err(JsError::of_read)?;
    let whole_signal = whole.controller.signal();
    let url = state_url(&config.endpoint, &ids.task_id, ids.record_id.as_deref());
    let timed_out = |whole: &Call| {
        let timeout_ms = whole.timeout_ms;
        JsError::new(
            Error::ReadTimeout {
                what: WHAT,
                timeout_ms,
            },
            whole.attempts,
        )
    };
    let stopped = |whole: &Call| match whole.timed_out() {
        true => Some(timed_out(whole)),
        false => whole.cancellation(None),
    };
    loop {
        if let Some(stopped) = stopped(&whole) {
            return Err(stopped.of_read().into());
        }
        let poll_ms = whole
            .remaining_ms()
            .min(f64::from(config.timeout_ms))
            .max(1.0) as u32;
        let mut poll = Call::new(
            Rc::clone(&config),
            transport.clone(),
            poll_ms,
            Some(whole_signal.clone()),
        )
        .map_err(JsError::of_read)?;
        poll.attempts = whole.attempts;
        let result = match poll.read(WHAT, &url).await {
            Ok(answer) => poll
                .classified(&answer, classify_status)
                .map_err(ReadError::Final),
            Err(error) => Err(error),
        };
        whole.attempts = poll.attempts;
        drop(poll);
        if let Some(stopped) = stopped(&whole) {
            return Err(stopped.of_read().into());
        }
        let retry_after = match result {
            Ok(mut status) => {
                status.metadata.attempts = whole.attempts;
                let js = to_js(&status);
                if let Some(on_progress) = &wait.on_progress {
                    // What the callback throws is what the wait rejects with.
                    on_progress.call1(&JsValue::NULL, &js)?;
                }
                if status.is_final() {
                    return Ok(js);
                }
                None
            }
            Err(ReadError::Final(error)) => return Err(error.of_read().into()),
            Err(ReadError::Retryable { retry_after, .. }) => retry_after,
        };
        let delay = wait
            .numbers
            .schedule
            .delay(whole.attempts, js_sys::Math::random());
        let Some(pause) = wait_before_next(delay, retry_after, whole.remaining_ms()) else {
            return Err(timed_out(&whole).of_read().into());
        };
        if !whole.deadline.sleep(pause).await {
            return Err(stopped(&whole)
                .unwrap_or_else(|| timed_out(&whole))
                .of_read()
                .into());
        }
    }
}

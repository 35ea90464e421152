//! One HTTP attempt through the global `fetch`, its answer read with gloo-net, cancellable by
//! an `AbortSignal`.

use gloo_net::http::Response;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{
    AbortSignal, ReadableStream, ReadableStreamDefaultReader, RequestInit, RequestRedirect,
    ResponseType,
};

use crate::request::PreparedRequest;
use crate::response::{AnswerBody, HttpAnswer, MAX_BODY_BYTES};

use super::convert::{headers_to_js, js_message};
use super::timer::AbortListener;

/// Why one attempt produced no answer to classify.
pub enum SendFailure {
    /// `fetch` failed: connection refused or reset, DNS, CORS, or the signal aborted it.
    Network(JsValue),
    /// The service answered with a redirect, which is never followed for a POST.
    Redirect {
        status: u16,
        request_id: Option<String>,
    },
}

#[wasm_bindgen]
extern "C" {
    /// The global `fetch(url, init)`. Handing it the URL and a plain init (instead of a
    /// `Request` object) lets the runtime build the request once: in Node, building a `Request`
    /// first cost about 100 µs a call.
    #[wasm_bindgen(js_name = fetch, catch)]
    fn fetch_with_init(url: &str, init: &RequestInit) -> Result<js_sys::Promise, JsValue>;
}

/// Sends `request` once (a `POST` with its body, or a `GET`). Redirects are not followed: a
/// deployment start must not be replayed at another address.
pub async fn send(
    request: &PreparedRequest,
    signal: &AbortSignal,
) -> Result<HttpAnswer, SendFailure> {
    let init = RequestInit::new();
    init.set_method(request.method);
    init.set_headers(&headers_to_js(&request.headers));
    if request.method != "GET" {
        init.set_body(&JsValue::from_str(&request.body));
    }
    init.set_redirect(RequestRedirect::Manual);
    init.set_signal(Some(signal));
    let promise = fetch_with_init(&request.url, &init).map_err(SendFailure::Network)?;
    let response: Response = JsFuture::from(promise)
        .await
        .map_err(SendFailure::Network)?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| {
            SendFailure::Network(js_sys::Error::new("fetch did not return a Response").into())
        })?
        .into();
    let status = response.status();
    let headers = response.headers();
    let request_id = headers.get("x-request-id");
    if response.type_() == ResponseType::Opaqueredirect || (300..400).contains(&status) {
        cancel(response.body());
        return Err(SendFailure::Redirect { status, request_id });
    }
    let declared_length = headers
        .get("content-length")
        .and_then(|l| l.trim().parse::<usize>().ok());
    let body = if declared_length.is_some_and(|length| length > MAX_BODY_BYTES) {
        cancel(response.body());
        AnswerBody::TooLarge
    } else {
        read_capped(response.body(), signal).await
    };
    Ok(HttpAnswer {
        status,
        request_id,
        retry_after: headers.get("retry-after"),
        body,
    })
}

/// Reads a body stream chunk by chunk, giving up (and cancelling the rest) past
/// [`MAX_BODY_BYTES`] or when `signal` aborts.
async fn read_capped(stream: Option<ReadableStream>, signal: &AbortSignal) -> AnswerBody {
    let Some(stream) = stream else {
        return AnswerBody::Read(Vec::new());
    };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let (aborted, _listener) = rejected_on_abort(signal);
    let mut body = Vec::new();
    loop {
        let chunk = match next_chunk(&reader, &aborted).await {
            Ok(Some(chunk)) => chunk,
            Ok(None) => return AnswerBody::Read(body),
            Err(cause) => {
                settle(reader.cancel());
                return AnswerBody::Broken(js_message(&cause));
            }
        };
        let start = body.len();
        let end = start.saturating_add(chunk.length() as usize);
        if end > MAX_BODY_BYTES {
            settle(reader.cancel());
            return AnswerBody::TooLarge;
        }
        body.resize(end, 0);
        if let Some(tail) = body.get_mut(start..) {
            chunk.copy_to(tail);
        }
    }
}

/// A promise that rejects once `signal` aborts, and the listener that rejects it (removed when
/// dropped). Some `fetch` implementations leave a pending body read unsettled when the
/// request's signal aborts (undici issue 4089); racing each read against this one keeps a
/// timeout or an abort prompt.
fn rejected_on_abort(signal: &AbortSignal) -> (js_sys::Promise, Option<AbortListener>) {
    let mut reject_slot = None;
    let promise = js_sys::Promise::new(&mut |_resolve, reject| reject_slot = Some(reject));
    let reason = || {
        JsValue::from(js_sys::Error::new(
            "the call was aborted while reading the answer",
        ))
    };
    let Some(reject) = reject_slot else {
        return (promise, None);
    };
    if signal.aborted() {
        let _ = reject.call1(&JsValue::NULL, &reason());
        return (promise, None);
    }
    let listener = AbortListener::new(signal, move || {
        let _ = reject.call1(&JsValue::NULL, &reason());
    });
    (promise, Some(listener))
}

/// The next chunk of a stream, `None` at its end; an error once `aborted` rejects.
async fn next_chunk(
    reader: &ReadableStreamDefaultReader,
    aborted: &js_sys::Promise,
) -> Result<Option<Uint8Array>, JsValue> {
    let read = js_sys::Promise::race(&js_sys::Array::of2(&reader.read(), aborted));
    let result = JsFuture::from(read).await?;
    if Reflect::get(&result, &JsValue::from_str("done"))?.is_truthy() {
        return Ok(None);
    }
    let chunk = Reflect::get(&result, &JsValue::from_str("value"))?;
    chunk
        .dyn_into::<Uint8Array>()
        .map(Some)
        .map_err(|_| js_sys::Error::new("the answer body is not a byte stream").into())
}

/// Cancels an unread body so the connection is released at once.
fn cancel(stream: Option<ReadableStream>) {
    if let Some(stream) = stream {
        settle(stream.cancel());
    }
}

/// Waits for a promise in the background, ignoring how it settles (so a rejection is handled).
fn settle(promise: js_sys::Promise) {
    spawn_local(async move {
        let _ = JsFuture::from(promise).await;
    });
}

//! One HTTP attempt, sent through the global `fetch` (as `fetch(url, init)`, the headers built
//! by gloo-net) or the client's `fetch` option (with a `Request` built by gloo-net), every wait
//! raced against the call's deadline.
//!
//! The `fetch` function is called through a catching binding and its result checked before
//! anything reads it: whatever it does (throws, rejects with a non-`Error`, resolves to a plain
//! object, never settles) becomes a failure of the attempt, never a panic or an exception
//! through the module. (gloo-net's own `send` panics on a non-`Response` and on a non-`Error`
//! rejection, so it is not used to send.)

use gloo_net::http::{Method, RequestBuilder};
use js_sys::{Array, Function, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    AbortSignal, Headers, ReadableStream, ReadableStreamDefaultReader, RequestInit, RequestRedirect,
};

use crate::error::ConfigError;
use crate::request::PreparedRequest;
use crate::response::{AnswerBody, HttpAnswer, MAX_BODY_BYTES};

use super::convert::js_message;
use super::timer::{abandon, Deadline, Waited};

/// Why one attempt produced no answer to classify.
pub enum SendFailure {
    /// No HTTP answer: `fetch` failed (connection refused or reset, DNS, CORS), misbehaved, or
    /// the call's deadline passed first. `cause` says why.
    Network(JsValue),
    /// The service answered with a redirect, which is never followed.
    Redirect {
        status: u16,
        request_id: Option<String>,
    },
}

/// The `fetch` function a client sends with: the global one, or its `fetch` option.
#[derive(Clone, Default)]
pub struct Transport {
    custom: Option<Function>,
}

#[wasm_bindgen(module = "/src/wasm/fetch.js")]
extern "C" {
    /// The global `fetch(url, init)`, looked up at each call, catching a synchronous throw; the
    /// init is made in JavaScript (`body` undefined for GET and HEAD, redirects manual). The URL
    /// and a plain init (not a `Request`) let the runtime build the request once: in Node, a
    /// `Request` built first cost about 100 µs a call (BENCHMARKS.md).
    #[wasm_bindgen(js_name = fetchOnce, catch)]
    fn fetch_once(
        url: &str,
        method: &str,
        headers: &Headers,
        body: Option<&str>,
        signal: &AbortSignal,
    ) -> Result<JsValue, JsValue>;
    /// A `Response`'s status, type, body and the three headers read, in one call (`fetch.js`).
    #[wasm_bindgen(js_name = answerParts, catch)]
    fn answer_parts(response: &JsValue) -> Result<JsValue, JsValue>;
    /// The whole body of `reader` (a `Uint8Array`), or `null` once past `max` bytes.
    #[wasm_bindgen(js_name = readBody)]
    fn read_body(reader: &ReadableStreamDefaultReader, max: f64) -> js_sys::Promise;
}

/// Calls `target[method](arg?)`, catching whatever the lookup or the call throws.
fn invoke(target: &JsValue, method: &str, arg: Option<&JsValue>) -> Result<JsValue, JsValue> {
    let function = Reflect::get(target, &JsValue::from_str(method))?
        .dyn_into::<Function>()
        .map_err(|_| js_sys::Error::new(&format!("{method} is not a function")))?;
    match arg {
        Some(arg) => function.call1(target, arg),
        None => function.call0(target),
    }
}

impl Transport {
    /// The `fetch` option of a client config: absent (`undefined`/`null`) means the global
    /// `fetch`; anything but a function is a `ConfigError`.
    pub fn from_config(config: &JsValue) -> Result<Transport, ConfigError> {
        let value = Reflect::get(config, &JsValue::from_str("fetch")).map_err(|_| {
            ConfigError::new(
                "unreadable",
                "The client config could not be read at fetch: reading it threw an error (a getter or a Proxy).",
            )
        })?;
        if value.is_undefined() || value.is_null() {
            return Ok(Transport::default());
        }
        let custom = value.dyn_into::<Function>().map_err(|_| {
            ConfigError::new(
                "invalid_fetch",
                "config.fetch must be a function with the signature of fetch(request, init).",
            )
        })?;
        Ok(Transport {
            custom: Some(custom),
        })
    }

    /// Calls the `fetch` function with `request` and `signal`: the option with a `Request`
    /// (its documented signature) and `{ signal }`, the global one with the URL and the whole
    /// init. `Err` is what building the request or the call threw synchronously.
    fn call(&self, request: &PreparedRequest, signal: &AbortSignal) -> Result<JsValue, JsValue> {
        // The signal goes in the init in both forms: Node's fetch follows a `Request`'s signal
        // through a weak reference, which garbage collection can cut, losing the abort
        // (RELIABILITY.md).
        let Some(fetch) = &self.custom else {
            let bodiless = request.method == "GET" || request.method == "HEAD";
            let body = (!bodiless).then_some(request.body.as_str());
            let headers = gloo_headers(request).into_raw();
            return fetch_once(&request.url, request.method, &headers, body, signal);
        };
        let init = RequestInit::new();
        init.set_signal(Some(signal));
        let built = build(request)?;
        fetch.call2(&JsValue::UNDEFINED, &built, &init)
    }
}

/// Sends `request` once through `transport`, giving up at `deadline`. Redirects are not
/// followed: a deployment start must not be replayed at another address.
pub async fn send(
    request: &PreparedRequest,
    transport: &Transport,
    deadline: &Deadline,
) -> Result<HttpAnswer, SendFailure> {
    let pending = transport
        .call(request, deadline.signal())
        .map_err(|thrown| SendFailure::Network(described(&thrown, "fetch threw")))?;
    let value = match deadline.race(&pending).await {
        Waited::Expired => return Err(SendFailure::Network(deadline_error())),
        Waited::Settled(Err(rejection)) => {
            return Err(SendFailure::Network(described(
                &rejection,
                "fetch rejected",
            )))
        }
        Waited::Settled(Ok(value)) => value,
    };
    let response = Answer::read(&value).map_err(SendFailure::Network)?;
    if response.kind == "opaqueredirect" || (300..400).contains(&response.status) {
        cancel(response.body.as_ref());
        return Err(SendFailure::Redirect {
            status: response.status,
            request_id: response.request_id,
        });
    }
    let declared_length = response
        .content_length
        .as_deref()
        .and_then(|l| l.trim().parse::<usize>().ok());
    let body = if declared_length.is_some_and(|length| length > MAX_BODY_BYTES) {
        cancel(response.body.as_ref());
        AnswerBody::TooLarge
    } else {
        read_capped(response.body.as_ref(), deadline).await
    };
    Ok(HttpAnswer {
        status: response.status,
        request_id: response.request_id,
        retry_after: response.retry_after,
        body,
    })
}

/// The headers of `request` as a gloo-net `Headers` (names and values were checked by the
/// core: tokens, ASCII, no controls, so setting them cannot throw).
fn gloo_headers(request: &PreparedRequest) -> gloo_net::http::Headers {
    let headers = gloo_net::http::Headers::new();
    for (name, value) in &request.headers {
        headers.set(name, value);
    }
    headers
}

/// The `Request` for `request`, built by gloo-net (method, headers, body; redirects manual), for
/// a `fetch` option.
fn build(request: &PreparedRequest) -> Result<web_sys::Request, JsValue> {
    let method = Method::from_bytes(request.method.as_bytes())
        .map_err(|_| js_sys::Error::new("the request method is not a valid HTTP method"))?;
    let bodiless = method == Method::GET || method == Method::HEAD;
    let builder = RequestBuilder::new(&request.url)
        .method(method)
        .redirect(RequestRedirect::Manual)
        .headers(gloo_headers(request));
    let built = if bodiless {
        builder.build()
    } else {
        builder.body(request.body.as_str())
    };
    built.map(web_sys::Request::from).map_err(gloo_to_js)
}

/// The parts of a `Response` the client reads, each read once (in `fetch.js`) through a
/// catching property access, so a fake or hostile object (a plain object, a subclass whose
/// getters throw) is refused instead of reaching a non-catching binding.
struct Answer {
    status: u16,
    kind: String,
    body: Option<ReadableStream>,
    request_id: Option<String>,
    content_length: Option<String>,
    retry_after: Option<String>,
}

impl Answer {
    fn read(value: &JsValue) -> Result<Answer, JsValue> {
        if !value.is_instance_of::<web_sys::Response>() {
            return Err(js_sys::Error::new(&format!(
                "fetch resolved to {}, not a Response",
                type_name(value)
            ))
            .into());
        }
        let unreadable = || js_sys::Error::new("fetch resolved to a Response that cannot be read");
        let parts: Array = match answer_parts(value) {
            Ok(parts) if Array::is_array(&parts) => parts.unchecked_into(),
            _ => return Err(unreadable().into()),
        };
        let status = parts.get(0).as_f64().ok_or_else(unreadable)? as u16;
        let body = match parts.get(2) {
            b if b.is_null() => None,
            b => Some(b.unchecked_into::<ReadableStream>()),
        };
        Ok(Answer {
            status,
            kind: parts.get(1).as_string().unwrap_or_default(),
            body,
            request_id: parts.get(3).as_string(),
            content_length: parts.get(4).as_string(),
            retry_after: parts.get(5).as_string(),
        })
    }
}

/// Reads a body stream to its end (one await: the chunks are read in JavaScript, `fetch.js`),
/// giving up (and cancelling the rest) past [`MAX_BODY_BYTES`] or at the deadline.
async fn read_capped(stream: Option<&ReadableStream>, deadline: &Deadline) -> AnswerBody {
    let Some(stream) = stream else {
        return AnswerBody::Read(Vec::new());
    };
    let reader: ReadableStreamDefaultReader =
        match invoke(stream, "getReader", None).map(JsCast::dyn_into) {
            Ok(Ok(reader)) => reader,
            Ok(Err(_)) => return AnswerBody::Broken("the body has no reader".to_string()),
            Err(cause) => return AnswerBody::Broken(js_message(&cause)),
        };
    let pending = read_body(&reader, MAX_BODY_BYTES as f64);
    let read = match deadline.race(&pending).await {
        Waited::Expired => Err(deadline_error()),
        Waited::Settled(read) => read,
    };
    let body = match read {
        Ok(bytes) if bytes.is_null() => {
            cancel(Some(&reader));
            return AnswerBody::TooLarge;
        }
        Ok(bytes) => bytes.dyn_into::<Uint8Array>(),
        Err(cause) => {
            cancel(Some(&reader));
            return AnswerBody::Broken(js_message(&cause));
        }
    };
    match body {
        Ok(bytes) => AnswerBody::Read(bytes.to_vec()),
        Err(_) => AnswerBody::Broken("the answer body is not a byte stream".to_string()),
    }
}

/// Cancels an unread body (a stream or its reader) so the connection is released at once.
fn cancel(stream_or_reader: Option<&impl AsRef<JsValue>>) {
    if let Some(Ok(settling)) = stream_or_reader.map(|s| invoke(s.as_ref(), "cancel", None)) {
        abandon(&settling);
    }
}

/// The cause recorded when the call's deadline passed while waiting.
fn deadline_error() -> JsValue {
    let error = js_sys::Error::new("the call's deadline passed while waiting for fetch");
    error.set_name("AbortError");
    error.into()
}

/// `value` as an `Error`: itself when it is one, else an `Error` saying what `what` gave
/// (a string, `undefined`, an object) with the value as its `cause`.
fn described(value: &JsValue, what: &str) -> JsValue {
    if value.is_instance_of::<js_sys::Error>() {
        return value.clone();
    }
    let error = js_sys::Error::new(&format!("{what} with {}, not an Error", type_name(value)));
    let _ = Reflect::set(&error, &JsValue::from_str("cause"), value);
    error.into()
}

/// What kind of JavaScript value `value` is, for messages (never its content).
fn type_name(value: &JsValue) -> &'static str {
    if value.is_undefined() {
        "undefined"
    } else if value.is_null() {
        "null"
    } else if value.is_string() {
        "a string"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if value.is_function() {
        "a function"
    } else if value.is_object() {
        "an object"
    } else {
        "a value"
    }
}

/// A gloo-net error as a JavaScript `Error` with the same name and message.
fn gloo_to_js(error: gloo_net::Error) -> JsValue {
    let (name, message) = match error {
        gloo_net::Error::JsError(e) => (e.name, e.message),
        other => ("Error".to_string(), other.to_string()),
    };
    let js = js_sys::Error::new(&message);
    js.set_name(&name);
    js.into()
}

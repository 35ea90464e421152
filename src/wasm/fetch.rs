//! One HTTP attempt through the global `fetch` (gloo-net), cancellable by an `AbortSignal`.

use gloo_net::http::{Method, RequestBuilder};
use wasm_bindgen::prelude::*;
use web_sys::{AbortSignal, RequestRedirect, ResponseType};

use crate::request::PreparedRequest;

/// The largest answer body read; a deployment record is a few kilobytes.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// What came back from one attempt.
pub struct RawAnswer {
    pub status: u16,
    pub request_id: Option<String>,
    pub retry_after: Option<String>,
    pub body: Vec<u8>,
}

/// Why one attempt produced no answer to classify.
pub enum SendFailure {
    /// `fetch` failed: connection refused or reset, DNS, CORS, or the signal aborted it.
    Network(JsValue),
    /// The service answered with a redirect, which is never followed for a POST.
    Redirect {
        status: u16,
        request_id: Option<String>,
    },
    /// The answer body is larger than [`MAX_BODY_BYTES`].
    TooLarge {
        status: u16,
        request_id: Option<String>,
    },
}

/// Sends `request` once. Redirects are not followed: a deployment start must not be replayed
/// at another address.
pub async fn send(
    request: &PreparedRequest,
    signal: &AbortSignal,
) -> Result<RawAnswer, SendFailure> {
    let mut builder = RequestBuilder::new(&request.url)
        .method(Method::POST)
        .redirect(RequestRedirect::Manual)
        .abort_signal(Some(signal));
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let response = builder
        .body(request.body.as_str())
        .map_err(gloo_to_js)
        .map_err(SendFailure::Network)?
        .send()
        .await
        .map_err(|e| SendFailure::Network(gloo_to_js(e)))?;
    let status = response.status();
    let headers = response.headers();
    let request_id = headers.get("x-request-id");
    if response.type_() == ResponseType::Opaqueredirect || (300..400).contains(&status) {
        return Err(SendFailure::Redirect { status, request_id });
    }
    let declared_length = headers
        .get("content-length")
        .and_then(|l| l.trim().parse::<usize>().ok());
    if declared_length.is_some_and(|length| length > MAX_BODY_BYTES) {
        return Err(SendFailure::TooLarge { status, request_id });
    }
    let body = response
        .binary()
        .await
        .map_err(|e| SendFailure::Network(gloo_to_js(e)))?;
    if body.len() > MAX_BODY_BYTES {
        return Err(SendFailure::TooLarge { status, request_id });
    }
    Ok(RawAnswer {
        status,
        request_id,
        retry_after: headers.get("retry-after"),
        body,
    })
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

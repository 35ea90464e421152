//! `signRequest`: AK/SK-sign any request for any HTTP client.

use wasm_bindgen::prelude::*;

use crate::error::ConfigError;
use crate::fields::names_of;
use crate::issue::PathSegment;
use crate::json_text::push_string;
use crate::options::{RequestToSign, SignRequestOptions, SigningCredentials};
use crate::sign::{format_sdk_date, sign_with_digests, Credentials, SignOptions, SignableRequest};

use super::convert::{headers_to_js, unreadable_error};
use super::digests::HostDigests;
use super::errors::JsError;
use super::fields::{invalid, Fields};

/// Signs a request with an access key / secret key (`SDK-HMAC-SHA256`, byte-compatible with
/// the official SDKs) and returns every header to send. Throws a `ConfigError` (never holding
/// the secret key or the token) when it cannot.
#[wasm_bindgen(js_name = signRequest, unchecked_return_type = "Record<string, string>")]
pub fn sign_request(
    #[wasm_bindgen(unchecked_param_type = "SignableRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SigningCredentials")] credentials: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SignOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    Ok(sign_js(&request, &credentials, options.as_ref()).map_err(JsError::from)?)
}

fn sign_js(
    request: &JsValue,
    credentials: &JsValue,
    options: Option<&JsValue>,
) -> Result<JsValue, ConfigError> {
    let request = Fields::of(request, "The request", "request", false)?;
    request.reject_unknown(names_of::<RequestToSign>())?;
    let method = request.string("method", true)?.unwrap_or_default();
    let url = request.string("url", true)?.unwrap_or_default();
    let headers = header_list(&request)?;
    let body = body_bytes(&request)?;

    let credentials = Fields::of(credentials, "The credentials", "credentials", false)?;
    credentials.reject_unknown(names_of::<SigningCredentials>())?;
    let access_key = credentials.string("accessKey", true)?.unwrap_or_default();
    let secret_key = credentials.string("secretKey", true)?.unwrap_or_default();
    let security_token = credentials.string("securityToken", false)?;
    let credentials = Credentials {
        access_key: &access_key,
        secret_key: &secret_key,
        security_token: security_token.as_deref(),
    };

    let no_options = JsValue::UNDEFINED;
    let options = Fields::of(
        options.unwrap_or(&no_options),
        "The options",
        "options",
        true,
    )?;
    options.reject_unknown(names_of::<SignRequestOptions>())?;
    let sdk_date = match options.string("sdkDate", false)? {
        Some(date) => date,
        None => format_sdk_date(js_sys::Date::now()).map_err(ConfigError::from)?,
    };
    let sign_options = match options.boolean("includeHost")? {
        Some(true) => SignOptions::sdk(&sdk_date),
        None | Some(false) => SignOptions::browser(&sdk_date),
    };
    let signable = SignableRequest {
        method: &method,
        url: &url,
        headers: &headers,
        body: &body,
    };
    let signed = sign_with_digests(&signable, &credentials, &sign_options, &HostDigests)
        .map_err(ConfigError::from)?;
    Ok(header_record(&signed.headers))
}

/// The headers as a plain object, built by one `JSON.parse` of their JSON text rather than a
/// call into JavaScript per name, value and assignment. The same object as assigning them one by
/// one to `{}` (what [`headers_to_js`] does): names are unique, and a `__proto__` header, which
/// such an assignment ignores (a string is no prototype), is left out of the text.
fn header_record(headers: &[(String, String)]) -> JsValue {
    let mut json = String::with_capacity(
        2 + headers
            .iter()
            .map(|(n, v)| n.len() + v.len() + 6)
            .sum::<usize>(),
    );
    json.push('{');
    for (name, value) in headers.iter().filter(|(name, _)| name != "__proto__") {
        if json.len() > 1 {
            json.push(',');
        }
        push_string(&mut json, name);
        json.push(':');
        push_string(&mut json, value);
    }
    json.push('}');
    js_sys::JSON::parse(&json).unwrap_or_else(|_| headers_to_js(headers))
}

/// The request's headers, sorted by name (as the object's keys always were read).
fn header_list(request: &Fields<'_>) -> Result<Vec<(String, String)>, ConfigError> {
    let raw = request.get("headers")?;
    let headers = Fields::of(&raw, "The request", "request.headers", true)
        .map_err(|e| match e.reason {
            "unreadable" => unreadable_error("The request", &[PathSegment::Key("headers".into())]),
            _ => invalid("request.headers must be an object of strings."),
        })?
        .within("headers");
    let list = headers
        .keys()?
        .into_iter()
        .map(
            |(key, name)| match headers.get_key(&key, &name)?.as_string() {
                Some(value) => Ok((name, value)),
                None => Err(invalid("request.headers values must be strings.")),
            },
        )
        .collect::<Result<Vec<_>, _>>()?;
    // Names are unique, so this sorts by name (the same sort as the canonical query's).
    Ok(crate::sign::stable_sort(list, &|a, b| a.cmp(b)))
}

#[wasm_bindgen]
extern "C" {
    /// `Uint8Array.from`: a copy that is surely a `Uint8Array`, catching what an object that
    /// only looks like one (a `Proxy` of one) throws.
    #[wasm_bindgen(js_namespace = Uint8Array, js_name = from, catch)]
    fn copy_bytes(bytes: &JsValue) -> Result<js_sys::Uint8Array, JsValue>;
}

/// The body as bytes: a string as UTF-8, a `Uint8Array` as it is.
fn body_bytes(request: &Fields<'_>) -> Result<Vec<u8>, ConfigError> {
    let raw = request.get("body")?;
    let not_a_body = || invalid("request.body must be a string or a Uint8Array.");
    if raw.is_instance_of::<js_sys::Uint8Array>() {
        return copy_bytes(&raw)
            .map(|bytes| bytes.to_vec())
            .map_err(|_| not_a_body());
    }
    if raw.is_undefined() || raw.is_null() {
        return Ok(Vec::new());
    }
    raw.as_string()
        .map(String::into_bytes)
        .ok_or_else(not_a_body)
}

//! `signRequest`: AK/SK-sign any request for any HTTP client.

use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::error::ConfigError;
use crate::fields::{names_of, optional_bool, optional_string, reject_unknown};
use crate::options::{RequestToSign, SignRequestOptions, SigningCredentials};
use crate::sign::{format_sdk_date, sign_with_options, Credentials, SignOptions, SignableRequest};

use super::convert::{headers_to_js, to_json};
use super::errors::JsError;

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
    let request_json = to_json(request, "The request")?;
    let request_object = object(&request_json, "request")?;
    reject_unknown(request_object, names_of::<RequestToSign>(), "request")?;
    let method = string(request_object, "method", "request", true)?.unwrap_or_default();
    let url = string(request_object, "url", "request", true)?.unwrap_or_default();
    let headers = header_list(request_object)?;
    let body = body_bytes(request, request_object)?;

    let credentials_json = to_json(credentials, "The credentials")?;
    let credentials_object = object(&credentials_json, "credentials")?;
    reject_unknown(
        credentials_object,
        names_of::<SigningCredentials>(),
        "credentials",
    )?;
    let credentials = Credentials {
        access_key: string(credentials_object, "accessKey", "credentials", true)?
            .unwrap_or_default(),
        secret_key: string(credentials_object, "secretKey", "credentials", true)?
            .unwrap_or_default(),
        security_token: string(credentials_object, "securityToken", "credentials", false)?,
    };

    let options_json = match options {
        Some(options) => to_json(options, "The options")?,
        None => Value::Null,
    };
    let empty = Map::new();
    let options_object = match &options_json {
        Value::Null => &empty,
        other => object(other, "options")?,
    };
    reject_unknown(options_object, names_of::<SignRequestOptions>(), "options")?;
    let now = format_sdk_date(js_sys::Date::now()).map_err(ConfigError::from)?;
    let sdk_date = string(options_object, "sdkDate", "options", false)?.unwrap_or(&now);
    let include_host = optional_bool(options_object, "includeHost", "options", INVALID)?;
    let sign_options = match include_host {
        Some(true) => SignOptions::sdk(sdk_date),
        None | Some(false) => SignOptions::browser(sdk_date),
    };
    let signable = SignableRequest {
        method,
        url,
        headers: &headers,
        body: &body,
    };
    let signed =
        sign_with_options(&signable, &credentials, &sign_options).map_err(ConfigError::from)?;
    Ok(headers_to_js(&signed.headers))
}

/// The reason of every problem with `signRequest`'s arguments.
const INVALID: &str = "invalid_options";

fn invalid(message: &str) -> ConfigError {
    ConfigError::new(INVALID, message)
}

fn object<'v>(value: &'v Value, owner: &str) -> Result<&'v Map<String, Value>, ConfigError> {
    value
        .as_object()
        .ok_or_else(|| invalid(&format!("{owner} must be an object.")))
}

/// A string field; a required one must be there.
fn string<'v>(
    object: &'v Map<String, Value>,
    name: &str,
    owner: &str,
    required: bool,
) -> Result<Option<&'v str>, ConfigError> {
    match optional_string(object, name, owner, INVALID)? {
        None if required => Err(invalid(&format!("{owner}.{name} must be a string."))),
        found => Ok(found),
    }
}

fn header_list(request: &Map<String, Value>) -> Result<Vec<(String, String)>, ConfigError> {
    match request.get("headers") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(name, value)| match value {
                Value::String(v) => Ok((name.clone(), v.clone())),
                _ => Err(invalid("request.headers values must be strings.")),
            })
            .collect(),
        Some(_) => Err(invalid("request.headers must be an object of strings.")),
    }
}

#[wasm_bindgen]
extern "C" {
    /// `Uint8Array.from`: a copy that is surely a `Uint8Array`, catching what an object that
    /// only looks like one (a `Proxy` of one) throws.
    #[wasm_bindgen(js_namespace = Uint8Array, js_name = from, catch)]
    fn copy_bytes(bytes: &JsValue) -> Result<js_sys::Uint8Array, JsValue>;
}

/// The body as bytes: a string as UTF-8, a `Uint8Array` as it is.
fn body_bytes(request: &JsValue, object: &Map<String, Value>) -> Result<Vec<u8>, ConfigError> {
    let raw =
        js_sys::Reflect::get(request, &JsValue::from_str("body")).unwrap_or(JsValue::UNDEFINED);
    if raw.is_instance_of::<js_sys::Uint8Array>() {
        return copy_bytes(&raw)
            .map(|bytes| bytes.to_vec())
            .map_err(|_| invalid("request.body must be a string or a Uint8Array."));
    }
    match object.get("body") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(s.clone().into_bytes()),
        Some(_) => Err(invalid("request.body must be a string or a Uint8Array.")),
    }
}

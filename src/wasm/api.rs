//! The package's free functions: build, preview, list regions (and validate, from `validate.rs`).

use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use crate::config::{parse_config, ClientConfig};
use crate::error::{ConfigError, Error};
use crate::locale::Locale;
use crate::model::StartDeployTaskInput;
use crate::region::REGIONS;
use crate::request::{prepare, preview, PreparedRequest};
use crate::validate::check_noted;

use super::convert::{to_js, to_json, HeaderRecord};
use super::errors::JsError;
use super::view::read_input;

pub use super::validate::validate_start_deploy_task;

/// Validates `input` or returns the `ValidationError` to throw.
pub fn checked_input(input: &JsValue, locale: Locale) -> Result<StartDeployTaskInput, JsError> {
    read_input(input, |view, notes| {
        check_noted(view, &notes, locale)
            .map(|checked| checked.to_input())
            .map_err(|issues| JsError::new(Error::Validation { issues, locale }, 0))
    })
}

/// Reads a client config or returns the `ConfigError` to throw.
pub fn checked_config(config: &JsValue) -> Result<ClientConfig, JsError> {
    Ok(to_json(config, "The client config").and_then(|json| parse_config(&json))?)
}

/// A request ready to send with any HTTP client.
#[derive(Serialize, Tsify)]
#[tsify(rename = "PreparedRequest")]
struct PreparedRequestJs<'a> {
    /// Always `POST`.
    #[tsify(type = "\"POST\"")]
    method: &'a str,
    /// The absolute URL, `{endpoint}/v2/tasks/{taskId}/start`.
    url: &'a str,
    /// Every header to send, the token or signature included.
    #[tsify(type = "Record<string, string>")]
    headers: HeaderRecord<'a>,
    /// The JSON body.
    body: &'a str,
}

/// A prepared request as the plain JavaScript object of the API.
pub fn prepared_to_js(request: &PreparedRequest) -> JsValue {
    to_js(&PreparedRequestJs {
        method: request.method,
        url: &request.url,
        headers: HeaderRecord(&request.headers),
        body: &request.body,
    })
}

/// Exports a function `(input, config) → PreparedRequest` that builds with `$build`.
macro_rules! request_builder {
    ($(#[$doc:meta])* $js:ident => $rust:ident($build:ident)) => {
        $(#[$doc])*
        #[wasm_bindgen(js_name = $js, unchecked_return_type = "PreparedRequest")]
        pub fn $rust(
            #[wasm_bindgen(unchecked_param_type = "StartDeployTaskInput")] input: JsValue,
            #[wasm_bindgen(unchecked_param_type = "ClientConfig")] config: JsValue,
        ) -> Result<JsValue, JsValue> {
            Ok(built(&input, &config, $build)?)
        }
    };
}

request_builder!(
    /// Builds the request (method, URL, headers, body) to send with any HTTP client. It holds
    /// the token or signature: send it, don't show it (see `previewStartDeployTaskRequest`).
    /// Throws a `ValidationError` or a `ConfigError`.
    buildStartDeployTaskRequest => build_start_deploy_task_request(prepare)
);

request_builder!(
    /// Builds the request as `buildStartDeployTaskRequest` does with every secret masked
    /// (token, security token, signature, `encrypt` values): safe to show, log or copy.
    previewStartDeployTaskRequest => preview_start_deploy_task_request(preview)
);

/// A request made by `build` (`prepare` or `preview`) from a checked config and input, now.
fn built(
    input: &JsValue,
    config: &JsValue,
    build: fn(&StartDeployTaskInput, &ClientConfig, f64) -> Result<PreparedRequest, ConfigError>,
) -> Result<JsValue, JsError> {
    let config = checked_config(config)?;
    let input = checked_input(input, config.locale)?;
    Ok(prepared_to_js(&build(
        &input,
        &config,
        js_sys::Date::now(),
    )?))
}

/// The regions the official SDKs know, e.g. `"cn-north-4"`.
#[wasm_bindgen(js_name = listRegions, unchecked_return_type = "string[]")]
pub fn list_regions() -> JsValue {
    to_js(&REGIONS)
}

//! The values of a `StartDeployTask` call: the checked input, the wire body, the record returned.
//!
//! Input and output types use the JavaScript API's camelCase names; the wire body uses the API's
//! snake_case names. TypeScript declarations are generated from these types for the npm package.

use serde::Serialize;
use serde_with::skip_serializing_none;

#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

/// The input of `startDeployTask`, after validation (see [`crate::validate::parse_input`]).
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct StartDeployTaskInput {
    /// The deploy task id (R1): 32 ASCII letters and digits.
    pub task_id: String,
    /// Runtime parameters passed to the deployment (R4).
    pub params: Option<Vec<DeployParam>>,
    /// The deployment record id (R5): 32 ASCII letters and digits.
    pub record_id: Option<String>,
    /// Who may trigger the deployment (R6): `"0"` anyone, `"1"` pipelines only.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "\"0\" | \"1\" | 0 | 1"))]
    pub trigger_source: Option<TriggerSource>,
}

/// One runtime parameter (`DynamicConfigInfo`, R7–R9).
#[derive(Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct DeployParam {
    /// The parameter's name (R7): ASCII letters, digits, `-`, `_`, `.`; 1 to 128 characters.
    pub key: String,
    /// The parameter's value (R8): at most 8192 UTF-16 units, no `{{`, `{%` or `{#`.
    pub value: String,
    /// The parameter's type (R9).
    #[serde(rename = "type")]
    pub param_type: ParamType,
}

impl std::fmt::Debug for DeployParam {
    /// Prints the parameter with an `encrypt` value masked.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let value: &str = if self.param_type == ParamType::Encrypt {
            crate::redact::MASK
        } else {
            &self.value
        };
        f.debug_struct("DeployParam")
            .field("key", &self.key)
            .field("value", &value)
            .field("type", &self.param_type)
            .finish()
    }
}

/// The type of a runtime parameter (R9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ParamType {
    /// A string.
    Text,
    /// An environment id.
    HostGroup,
    /// A secret: never shown in logs, previews or messages.
    Encrypt,
    /// One value of an enumeration.
    Enum,
}

impl ParamType {
    /// Every type, in the order the spec lists them.
    pub const ALL: [ParamType; 4] = [
        ParamType::Text,
        ParamType::HostGroup,
        ParamType::Encrypt,
        ParamType::Enum,
    ];

    /// The wire names, in the order of [`ParamType::ALL`] (serde's `snake_case` of the
    /// variants, which the generated TypeScript type uses too).
    pub const NAMES: [&'static str; 4] = ["text", "host_group", "encrypt", "enum"];

    /// The wire name, e.g. `"host_group"`.
    ///
    /// ```
    /// use codearts_deploy_wasm::model::ParamType;
    /// for (t, name) in ParamType::ALL.into_iter().zip(ParamType::NAMES) {
    ///     assert_eq!(t.as_str(), name);
    ///     assert_eq!(serde_json::to_value(t).unwrap(), name);
    /// }
    /// ```
    pub fn as_str(self) -> &'static str {
        let [text, host_group, encrypt, enumeration] = ParamType::NAMES;
        match self {
            ParamType::Text => text,
            ParamType::HostGroup => host_group,
            ParamType::Encrypt => encrypt,
            ParamType::Enum => enumeration,
        }
    }

    /// Reads a wire name.
    pub fn parse(name: &str) -> Option<ParamType> {
        ParamType::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

/// Who may trigger the deployment (R6). Always sent as the string `"0"` or `"1"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerSource {
    /// `"0"`: accept deploy requests from any source.
    Any,
    /// `"1"`: only deployments triggered by a pipeline.
    PipelineOnly,
}

impl TriggerSource {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            TriggerSource::Any => "0",
            TriggerSource::PipelineOnly => "1",
        }
    }
}

impl Serialize for TriggerSource {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The request body on the wire (`EnvExecutionBody`).
#[skip_serializing_none]
#[derive(Debug, Serialize)]
pub struct EnvExecutionBody<'a> {
    /// The runtime parameters, when given.
    pub params: Option<&'a [DeployParam]>,
    /// The record to redeploy, when given.
    pub record_id: Option<&'a str>,
    /// Who triggered the run, when given.
    pub trigger_source: Option<TriggerSource>,
}

impl<'a> From<&'a StartDeployTaskInput> for EnvExecutionBody<'a> {
    fn from(input: &'a StartDeployTaskInput) -> Self {
        EnvExecutionBody {
            params: input.params.as_deref(),
            record_id: input.record_id.as_deref(),
            trigger_source: input.trigger_source,
        }
    }
}

/// The deployment record a successful start returns.
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DeployRecord {
    /// The deployment record id.
    pub id: String,
    /// The deploy task id.
    pub task_id: String,
    /// The execution job name, e.g. `job_<id>_<millis>`.
    pub job_name: String,
    /// Applications and their AOM application components.
    pub app_component_list: Vec<AppComponent>,
    /// The `X-Request-Id` the service answered with, when it sent one.
    pub request_id: Option<String>,
    /// `true` when the start's answer was lost and the run was found by reading the task's
    /// latest run (config `reconcile`); absent otherwise.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "true"))]
    pub reconciled: Option<bool>,
    /// The request metadata: HTTP status, request id and attempts.
    #[serde(rename = "$metadata")]
    pub metadata: ResponseMetadata,
}

/// What is known of the requests behind a result or an error (as aws-sdk-js-v3's
/// `$metadata`): the last HTTP status, the service's request id, and how many requests were sent.
///
/// ```
/// use codearts_deploy_wasm::model::ResponseMetadata;
/// let m = ResponseMetadata { http_status_code: Some(200), request_id: None, attempts: 1 };
/// assert_eq!(serde_json::to_value(&m).unwrap(), serde_json::json!({ "httpStatusCode": 200, "attempts": 1 }));
/// ```
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ResponseMetadata {
    /// The HTTP status of the last answer, when one arrived.
    pub http_status_code: Option<u16>,
    /// The `X-Request-Id` of the last answer (or its body's `request_id`), when there was one.
    pub request_id: Option<String>,
    /// How many requests were sent (0 when the call failed before sending).
    pub attempts: u32,
}

/// An application ↔ AOM application component link (`AppComponentDao`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AppComponent {
    /// The deploy task id.
    pub task_id: String,
    /// The application id.
    pub app_id: String,
    /// The application name.
    pub app_name: String,
    /// The AOM application component id.
    pub comp_id: String,
    /// The AOM application component name.
    pub comp_name: String,
    /// The tenant (domain) id.
    pub domain_id: String,
    /// The region, e.g. `cn-north-4`.
    pub region: String,
    /// `"0"` initialising, `"1"` succeeded and in effect.
    pub state: String,
}

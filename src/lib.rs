//! Start a Huawei Cloud CodeArts Deploy task (`POST /v2/tasks/{task_id}/start`) correctly and
//! safely.
//!
//! The core modules below are plain Rust: they know the API (model, rules, request bytes,
//! signature, error shapes) and nothing about JavaScript. The `wasm` module, compiled only for
//! `wasm32`, is the thin skin that converts JavaScript values and owns the network.
//!
//! The `client` feature (on by default) builds everything; without it (`--no-default-features`)
//! only validation is built, for the package's validate-only module.
//!
//! ```
//! use codearts_deploy_wasm::{validate::validate_input, locale::Locale};
//! let input = serde_json::json!({ "taskId": "d2dc947ec2424d8789bb3984bb3adf45" });
//! assert!(validate_input(&input, Locale::En).is_empty());
//! ```

#![warn(missing_docs)]

#[cfg(feature = "client")]
pub mod call;
#[cfg(feature = "client")]
pub mod config;
#[cfg(feature = "client")]
pub mod date;
#[cfg(feature = "client")]
pub mod digest;
#[cfg(feature = "client")]
pub mod error;
#[cfg(feature = "client")]
pub mod exec_params;
#[cfg(feature = "client")]
pub mod fields;
pub mod issue;
#[cfg(feature = "client")]
pub mod json_text;
pub mod locale;
pub mod messages;
pub mod model;
pub mod options;
#[cfg(feature = "client")]
pub mod poll;
#[cfg(feature = "client")]
pub mod reconcile;
pub mod redact;
#[cfg(feature = "client")]
pub mod region;
#[cfg(feature = "client")]
pub mod request;
#[cfg(feature = "client")]
pub mod response;
#[cfg(feature = "client")]
pub mod retry;
#[cfg(feature = "client")]
pub mod run_ids;
#[cfg(feature = "client")]
pub mod sign;
#[cfg(feature = "client")]
pub mod status;
pub mod text;
#[cfg(feature = "client")]
pub mod url;
pub mod utf16_scan;
pub mod validate;
pub mod view;

/// The JavaScript skin; public only so the wasm-bindgen tests can drive it as JavaScript would.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

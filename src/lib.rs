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

pub mod find;
pub mod issue;
pub mod locale;
pub mod messages;
pub mod model;
pub mod options;
pub mod redact;
pub mod text;
pub mod utf16_scan;
pub mod validate;
pub mod view;

/// Declares the modules built only with the `client` feature (everything beyond validation);
/// also used by the skin (`wasm/mod.rs`).
macro_rules! client_modules {
    ($($vis:vis mod $name:ident;)*) => {
        $(
            #[cfg(feature = "client")]
            $vis mod $name;
        )*
    };
}

client_modules! {
    pub mod call;
    pub mod config;
    pub mod date;
    pub mod digest;
    pub mod error;
    pub mod exec_params;
    pub mod fields;
    pub mod json_text;
    pub mod poll;
    pub mod reconcile;
    pub mod region;
    pub mod request;
    pub mod response;
    pub mod retry;
    pub mod run_ids;
    pub mod sign;
    pub mod status;
    pub mod url;
}

/// The JavaScript skin; public only so the wasm-bindgen tests can drive it as JavaScript would.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

/// The validate-only module's allocator: talc, a fraction of dlmalloc's size. The client keeps
/// the default dlmalloc, which signs small bodies faster.
#[cfg(all(target_arch = "wasm32", not(feature = "client")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

//! The wasm skin: JavaScript values in and out, errors as JavaScript `Error` subclasses, and the
//! network (fetch, timeout, abort, retry). Compiled only for `wasm32`. Without the `client`
//! feature only validation is built (the validate-only module).

#[cfg(feature = "client")]
pub mod api;
#[cfg(feature = "client")]
mod call;
#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "client")]
mod convert;
#[cfg(feature = "client")]
mod digests;
#[cfg(feature = "client")]
mod errors;
#[cfg(feature = "client")]
mod fetch;
#[cfg(feature = "client")]
mod fields;
#[cfg(feature = "client")]
mod follow;
#[cfg(feature = "client")]
mod options;
#[cfg(feature = "client")]
mod read;
#[cfg(feature = "client")]
mod reconcile;
mod result;
#[cfg(feature = "client")]
pub mod sign_request;
#[cfg(feature = "client")]
mod timer;
pub mod validate;
pub mod view;

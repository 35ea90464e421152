//! The wasm skin: JavaScript values in and out, errors as JavaScript `Error` subclasses, and the
//! network (fetch, timeout, abort, retry). Compiled only for `wasm32`.

pub mod api;
mod call;
pub mod client;
mod convert;
mod digests;
mod errors;
mod fetch;
mod fields;
mod follow;
mod options;
mod read;
mod reconcile;
pub mod sign_request;
mod timer;

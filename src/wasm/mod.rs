//! The wasm skin: JavaScript values in and out, errors as JavaScript `Error` subclasses, and the
//! network (fetch, timeout, abort, retry). Compiled only for `wasm32`.

mod api;
mod client;
mod convert;
mod errors;
mod fetch;
mod options;
mod sign_request;
mod timer;
mod types;

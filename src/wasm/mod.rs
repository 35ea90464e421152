//! The wasm skin: JavaScript values in and out, errors as JavaScript `Error` subclasses, and the
//! network (fetch, timeout, abort, retry). Compiled only for `wasm32`. Without the `client`
//! feature only validation is built (the validate-only module).

client_modules! {
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
}

mod result;
pub mod validate;
pub mod view;

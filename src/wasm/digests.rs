//! The runtime's own SHA-256 and HMAC, when its entry hands them over (Node's `node:crypto`,
//! synchronous and native): faster than hashing in the module for all but tiny inputs.
//! Elsewhere (browsers, workerd: only the asynchronous Web Crypto) the module's own `sha2`.

use std::cell::RefCell;

use js_sys::{Function, Reflect, Uint8Array, WebAssembly};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::digest::{Digests, RustDigests};

/// The runtime's `sha256(data)` and `hmac(key, data)`, once handed over.
struct Host {
    sha256: Function,
    hmac: Function,
}

thread_local! {
    static HOST: RefCell<Option<Host>> = const { RefCell::new(None) };
}

/// Inputs shorter than this are hashed in the module: below it, a call out to the runtime
/// costs more than it saves (measured in Node: the crossing and the hash object dominate).
const HOST_MIN_BYTES: usize = 1024;

/// Hands the module the runtime's digests: `{ sha256(data): hex, hmac(key, data): hex }`, both
/// synchronous, taking `Uint8Array`s. Called once by the Node entry; not part of the API.
#[wasm_bindgen(js_name = useHostDigests)]
pub fn use_host_digests(digests: JsValue) {
    let function = |name: &str| {
        Reflect::get(&digests, &JsValue::from_str(name))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
    };
    if let (Some(sha256), Some(hmac)) = (function("sha256"), function("hmac")) {
        HOST.with(|host| host.replace(Some(Host { sha256, hmac })));
    }
}

/// `data` as a `Uint8Array` over the module's memory, without a copy. Only valid until the
/// module next allocates: it is handed to a synchronous hash and dropped.
fn view(data: &[u8]) -> Uint8Array {
    let buffer = wasm_bindgen::memory()
        .unchecked_into::<WebAssembly::Memory>()
        .buffer();
    Uint8Array::new_with_byte_offset_and_length(&buffer, data.as_ptr() as u32, data.len() as u32)
}

/// Calls one of the runtime's digests on `args`, if handed over and `len` is worth it.
fn host_call(len: usize, pick: impl Fn(&Host) -> &Function, args: &[&[u8]]) -> Option<String> {
    if len < HOST_MIN_BYTES {
        return None;
    }
    HOST.with(|host| {
        let host = host.borrow();
        let function = pick(host.as_ref()?);
        let result = match args {
            [data] => function.call1(&JsValue::NULL, &view(data)),
            [key, data] => function.call2(&JsValue::NULL, &view(key), &view(data)),
            _ => return None,
        };
        result.ok()?.as_string()
    })
}

/// The digests to sign with: the runtime's for long inputs when it handed them over, else Rust's.
pub struct HostDigests;

impl Digests for HostDigests {
    fn sha256_hex(&self, data: &[u8]) -> String {
        host_call(data.len(), |h| &h.sha256, &[data])
            .unwrap_or_else(|| RustDigests.sha256_hex(data))
    }

    fn hmac_sha256_hex(&self, key: &[u8], data: &[u8]) -> Option<String> {
        host_call(data.len(), |h| &h.hmac, &[key, data])
            .or_else(|| RustDigests.hmac_sha256_hex(key, data))
    }
}

//! Timers and abort listeners on the global scope (browser, Node and workerd alike), each
//! cancelled when dropped so no callback outlives the call that made it; and a call's
//! [`Deadline`], which every wait of the call races.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{AbortController, AbortSignal};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// A callback scheduled with `setTimeout`, cleared when dropped.
pub struct Timer {
    id: JsValue,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    /// Runs `callback` once after `ms` milliseconds, unless dropped first.
    pub fn start(ms: u32, callback: impl FnMut() + 'static) -> Timer {
        let callback = Closure::<dyn FnMut()>::new(callback);
        let id = set_timeout(callback.as_ref().unchecked_ref(), f64::from(ms));
        Timer {
            id,
            _callback: callback,
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        clear_timeout(&self.id);
    }
}

/// An `abort` listener on a signal, removed when dropped.
pub struct AbortListener {
    signal: AbortSignal,
    callback: Closure<dyn FnMut()>,
}

impl AbortListener {
    /// Calls `callback` when `signal` aborts.
    pub fn new(signal: &AbortSignal, callback: impl FnMut() + 'static) -> AbortListener {
        let callback = Closure::<dyn FnMut()>::new(callback);
        let _ = signal.add_event_listener_with_callback("abort", callback.as_ref().unchecked_ref());
        AbortListener {
            signal: signal.clone(),
            callback,
        }
    }
}

impl Drop for AbortListener {
    fn drop(&mut self) {
        let _ = self
            .signal
            .remove_event_listener_with_callback("abort", self.callback.as_ref().unchecked_ref());
    }
}

/// A call's deadline as a promise: it resolves (to a marker no other value can equal) when the
/// call expires, on its timeout or the caller's abort, just before the call's controller
/// aborts its requests. Every wait of the call races it, so a call settles at its deadline
/// whatever the platform does with an aborted `fetch` or a pending body read (Node's `fetch`
/// can lose an abort, see RELIABILITY.md).
pub struct Deadline {
    signal: AbortSignal,
    promise: js_sys::Promise,
    expiry: Rc<Expiry>,
    _timer: Timer,
    _listener: Option<AbortListener>,
}

/// What a call's timer and the caller's abort both do: mark the call expired, resolve the
/// deadline, abort the call's requests. Fed by the two callbacks directly (no listener on the
/// call's own signal: in Node adding and removing one cost about 15 µs a call).
struct Expiry {
    controller: AbortController,
    resolve: Option<js_sys::Function>,
    marker: js_sys::Object,
    expired: Cell<bool>,
    timed_out: Cell<bool>,
}

impl Expiry {
    fn expire(&self, timed_out: bool) {
        if self.expired.replace(true) {
            return;
        }
        self.timed_out.set(timed_out);
        if let Some(resolve) = &self.resolve {
            let _ = resolve.call1(&JsValue::NULL, &self.marker);
        }
        self.controller.abort();
    }
}

/// How a wait raced against the deadline ended.
pub enum Waited {
    /// The awaited value settled first: its value or its rejection.
    Settled(Result<JsValue, JsValue>),
    /// The deadline passed first; the awaited value is abandoned.
    Expired,
}

#[wasm_bindgen]
extern "C" {
    /// `Promise.race`, catching what a patched `Promise` may throw.
    #[wasm_bindgen(js_namespace = Promise, js_name = race, catch)]
    fn promise_race(values: &js_sys::Array) -> Result<js_sys::Promise, JsValue>;
}

impl Deadline {
    /// A deadline `timeout_ms` from now, also passed when `user_signal` aborts; `controller`
    /// aborts the call's requests when it passes.
    pub fn start(
        controller: &AbortController,
        timeout_ms: u32,
        user_signal: Option<&AbortSignal>,
    ) -> Deadline {
        let mut resolve_slot = None;
        let promise = js_sys::Promise::new(&mut |resolve, _reject| resolve_slot = Some(resolve));
        let expiry = Rc::new(Expiry {
            controller: controller.clone(),
            resolve: resolve_slot,
            marker: js_sys::Object::new(),
            expired: Cell::new(false),
            timed_out: Cell::new(false),
        });
        let timer = {
            let expiry = Rc::clone(&expiry);
            Timer::start(timeout_ms, move || expiry.expire(true))
        };
        let listener = user_signal.map(|signal| {
            let expiry = Rc::clone(&expiry);
            AbortListener::new(signal, move || expiry.expire(false))
        });
        Deadline {
            signal: controller.signal(),
            promise,
            expiry,
            _timer: timer,
            _listener: listener,
        }
    }

    /// The signal that aborts the call's requests.
    pub fn signal(&self) -> &AbortSignal {
        &self.signal
    }

    /// Whether the deadline has passed.
    pub fn expired(&self) -> bool {
        self.expiry.expired.get()
    }

    /// Whether the deadline passed on the call's timeout (not the caller's abort).
    pub fn timed_out(&self) -> bool {
        self.expiry.timed_out.get()
    }

    /// Waits for `value` (a promise, a thenable or a plain value) unless the deadline passes
    /// first. Whatever `value` does later is handled, so nothing surfaces as an unhandled
    /// rejection.
    pub async fn race(&self, value: &JsValue) -> Waited {
        if self.expired() {
            abandon(value);
            return Waited::Expired;
        }
        let raced = match promise_race(&js_sys::Array::of2(value, &self.promise)) {
            Ok(raced) => raced,
            Err(error) => return Waited::Settled(Err(error)),
        };
        match JsFuture::from(raced).await {
            Ok(v) if js_sys::Object::is(&v, &self.expiry.marker) => Waited::Expired,
            settled => Waited::Settled(settled),
        }
    }

    /// Waits `ms` milliseconds; returns `false` if the deadline passes first.
    pub async fn sleep(&self, ms: u32) -> bool {
        let mut resolve_slot = None;
        let promise = js_sys::Promise::new(&mut |resolve, _reject| resolve_slot = Some(resolve));
        let Some(resolve) = resolve_slot else {
            return false;
        };
        let _timer = Timer::start(ms, move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        matches!(self.race(&promise).await, Waited::Settled(Ok(_)))
    }
}

/// Lets `value` (a promise, a thenable or anything) settle in the background, ignoring how: a
/// later rejection is handled, so it never surfaces as an unhandled rejection.
pub fn abandon(value: &JsValue) {
    if let Ok(promise) = promise_race(&js_sys::Array::of1(value)) {
        spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

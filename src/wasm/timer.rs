//! Timers and abort listeners on the global scope (browser, Node and workerd alike), each
//! cancelled when dropped so no callback outlives the call that made it; and a call's
//! [`Deadline`], which every wait of the call races.

use std::cell::{Cell, RefCell};
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Poll, Waker};

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

/// A call's deadline: it passes on the call's timeout or the caller's abort, just before the
/// call's controller aborts its requests. Every wait of the call races it, so a call settles at
/// its deadline whatever the platform does with an aborted `fetch` or a pending body read
/// (Node's `fetch` can lose an abort, see RELIABILITY.md). The race is kept in Rust (the
/// waiting task is woken when the deadline passes): no `Promise.race` per wait or body chunk.
pub struct Deadline {
    signal: AbortSignal,
    expiry: Rc<Expiry>,
    _timer: Timer,
    _listener: Option<AbortListener>,
}

/// What a call's timer and the caller's abort both do: mark the call expired, wake the task
/// waiting on it, abort the call's requests. Fed by the two callbacks directly (no listener on
/// the call's own signal: in Node adding and removing one cost about 15 µs a call).
struct Expiry {
    controller: AbortController,
    expired: Cell<bool>,
    timed_out: Cell<bool>,
    /// The task waiting in [`Deadline::race`] (a call waits for one thing at a time).
    waiting: RefCell<Option<Waker>>,
}

impl Expiry {
    fn expire(&self, timed_out: bool) {
        if self.expired.replace(true) {
            return;
        }
        self.timed_out.set(timed_out);
        let waiting = self.waiting.borrow_mut().take();
        if let Some(waker) = waiting {
            waker.wake();
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
    /// `Promise.resolve`, catching what a patched `Promise` may throw.
    #[wasm_bindgen(js_namespace = Promise, js_name = resolve, catch)]
    fn promise_resolve(value: &JsValue) -> Result<js_sys::Promise, JsValue>;
}

impl Deadline {
    /// A deadline `timeout_ms` from now, also passed when `user_signal` aborts; `controller`
    /// aborts the call's requests when it passes.
    pub fn start(
        controller: &AbortController,
        timeout_ms: u32,
        user_signal: Option<&AbortSignal>,
    ) -> Deadline {
        let expiry = Rc::new(Expiry {
            controller: controller.clone(),
            expired: Cell::new(false),
            timed_out: Cell::new(false),
            waiting: RefCell::new(None),
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
        let promise = match promise_resolve(value) {
            Ok(promise) => promise,
            Err(error) => return Waited::Settled(Err(error)),
        };
        // Dropped unsettled, the future keeps handling the promise (its callbacks stay).
        let mut settling = JsFuture::from(promise);
        poll_fn(|cx| {
            if self.expired() {
                return Poll::Ready(Waited::Expired);
            }
            if let Poll::Ready(settled) = Pin::new(&mut settling).poll(cx) {
                return Poll::Ready(Waited::Settled(settled));
            }
            self.expiry.waiting.replace(Some(cx.waker().clone()));
            Poll::Pending
        })
        .await
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
    if let Ok(promise) = promise_resolve(value) {
        spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

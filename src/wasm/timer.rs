//! Timers and abort listeners on the global scope (browser, Node and workerd alike), each
//! cancelled when dropped so no callback outlives the call that made it.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

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

/// Waits `ms` milliseconds; returns `false` at once if `signal` aborts first.
pub async fn sleep(ms: u32, signal: &AbortSignal) -> bool {
    if signal.aborted() {
        return false;
    }
    let mut resolve_slot = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| resolve_slot = Some(resolve));
    let Some(resolve) = resolve_slot else {
        return false;
    };
    let on_time = resolve.clone();
    let _timer = Timer::start(ms, move || {
        let _ = on_time.call1(&JsValue::NULL, &JsValue::TRUE);
    });
    let _listener = AbortListener::new(signal, move || {
        let _ = resolve.call1(&JsValue::NULL, &JsValue::FALSE);
    });
    JsFuture::from(promise)
        .await
        .map(|done| done.is_truthy())
        .unwrap_or(false)
}

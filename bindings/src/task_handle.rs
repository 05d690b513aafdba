//! `TaskHandle`: what a `subscribe_…` call returns. The stream runs until
//! the handle is cancelled or dropped (Kotlin `close()`, Swift `deinit`).
//! Once `cancel` has returned, the listener is not called again.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tokio::task::AbortHandle;

thread_local! {
    /// Set while this thread is inside a listener call of some stream.
    static DELIVERING: Cell<bool> = const { Cell::new(false) };
}

/// Decides whether a listener may still be called, and makes `cancel` wait
/// for a call in progress, so that no call happens after `cancel` returns.
#[derive(Default)]
pub(crate) struct Gate {
    cancelled: AtomicBool,
    calling: Mutex<()>,
}

impl Gate {
    /// Calls `f` unless the stream was cancelled.
    pub(crate) fn deliver(&self, f: impl FnOnce()) {
        let _calling = self.calling.lock().unwrap_or_else(|p| p.into_inner());
        if self.cancelled.load(Ordering::SeqCst) {
            return;
        }
        DELIVERING.with(|d| d.set(true));
        // A panic in a foreign listener must not unwind through the runtime.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        DELIVERING.with(|d| d.set(false));
    }

    fn cancel(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
        // Wait for a call in progress, unless it is this very thread (the
        // listener cancelling its own stream).
        if !DELIVERING.with(Cell::get) {
            drop(self.calling.lock().unwrap_or_else(|p| p.into_inner()));
        }
    }
}

/// A running stream. Cancel it, or drop it, to stop the stream.
#[derive(uniffi::Object)]
pub struct TaskHandle {
    abort: AbortHandle,
    gate: Arc<Gate>,
}

impl TaskHandle {
    pub(crate) fn new(abort: AbortHandle, gate: Arc<Gate>) -> Self {
        TaskHandle { abort, gate }
    }
}

#[uniffi::export]
impl TaskHandle {
    /// Stops the stream. After this returns the listener is not called again.
    pub fn cancel(&self) {
        self.gate.cancel();
        self.abort.abort();
    }

    /// Whether the stream has stopped.
    pub fn is_finished(&self) -> bool {
        self.abort.is_finished()
    }
}

impl Drop for TaskHandle {
    fn drop(&mut self) {
        self.cancel();
    }
}

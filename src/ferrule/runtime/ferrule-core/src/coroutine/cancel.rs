//! `CancelHandle`: how an `async fn` learns that Python threw into its
//! coroutine (`task.cancel()` throws `CancelledError`).
use std::future::poll_fn;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use crate::instance::Py;
use crate::types::PyAny;

#[derive(Default)]
struct Shared {
    thrown: Option<Py<PyAny>>,
    waker: Option<Waker>,
}

/// Given to an `async fn` parameter marked `#[pyo3(cancel_handle)]`: the
/// exception last thrown into its coroutine, instead of the future being dropped.
#[derive(Default)]
pub struct CancelHandle(Arc<Mutex<Shared>>);

impl CancelHandle {
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether an exception was thrown and not yet taken by [`Self::cancelled`].
    pub fn is_cancelled(&self) -> bool {
        lock(&self.0).thrown.is_some()
    }

    /// Ready with the thrown exception; otherwise registers `cx`'s waker.
    pub fn poll_cancelled(&mut self, cx: &mut Context<'_>) -> Poll<Py<PyAny>> {
        let mut shared = lock(&self.0);
        if let Some(exc) = shared.thrown.take() {
            return Poll::Ready(exc);
        }
        if !shared.waker.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
            shared.waker = Some(cx.waker().clone());
        }
        Poll::Pending
    }

    /// Waits until an exception is thrown into the coroutine, and returns it.
    pub async fn cancelled(&mut self) -> Py<PyAny> {
        poll_fn(|cx| self.poll_cancelled(cx)).await
    }

    #[doc(hidden)]
    pub fn throw_callback(&self) -> ThrowCallback {
        ThrowCallback(self.0.clone())
    }
}

impl std::fmt::Debug for CancelHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CancelHandle").field("cancelled", &self.is_cancelled()).finish()
    }
}

/// The coroutine's side of a [`CancelHandle`].
#[doc(hidden)]
pub struct ThrowCallback(Arc<Mutex<Shared>>);

impl ThrowCallback {
    pub(crate) fn throw(&self, exc: Py<PyAny>) {
        let (old, waker) = {
            let mut shared = lock(&self.0);
            (shared.thrown.replace(exc), shared.waker.take())
        };
        // Dropped outside the lock: a decref may run Python code.
        drop(old);
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

fn lock(shared: &Mutex<Shared>) -> std::sync::MutexGuard<'_, Shared> {
    shared.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

//! Attaching to and detaching from the interpreter, and references released
//! by threads that were not attached.
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use crate::ffi;

pub(crate) struct AttachGuard(ffi::PyGILState_STATE);

impl AttachGuard {
    pub(crate) fn acquire() -> Self {
        #[cfg(not(Py_LIMITED_API))]
        if !is_attached() && must_not_attach() {
            // CPython would end this thread with `pthread_exit` (3.9-3.13), whose
            // forced unwind aborts the process when it meets a Rust frame.
            panic!("cannot attach to the Python interpreter: it is shutting down");
        }
        let state = unsafe { ffi::PyGILState_Ensure() };
        update_deferred();
        AttachGuard(state)
    }
}

impl Drop for AttachGuard {
    fn drop(&mut self) {
        unsafe { ffi::PyGILState_Release(self.0) }
    }
}

/// Restores the thread state on drop, even when the detached closure panics.
pub(crate) struct SuspendGuard {
    tstate: *mut ffi::PyThreadState,
    was_finalizer: bool,
}

impl SuspendGuard {
    pub(crate) unsafe fn new() -> Self {
        // A thread attached while the interpreter finalizes is the thread finalizing it.
        let was_finalizer = FINALIZER.with(|f| f.replace(f.get() || is_finalizing()));
        SuspendGuard { tstate: ffi::PyEval_SaveThread(), was_finalizer }
    }
}

impl Drop for SuspendGuard {
    fn drop(&mut self) {
        if must_not_attach() {
            // The interpreter began shutting down while this thread was detached.
            // Re-attaching would end the thread with `pthread_exit` (3.9-3.13), a
            // forced unwind that aborts the process at the next `extern "C"` frame,
            // and unwinding instead would run Python code without the interpreter.
            // Park the thread for good, as CPython 3.14 itself does.
            hang_forever();
        }
        FINALIZER.with(|f| f.set(self.was_finalizer));
        unsafe {
            ffi::PyEval_RestoreThread(self.tstate);
        }
        update_deferred();
    }
}

thread_local! {
    /// Whether this thread detached while the interpreter was already finalizing,
    /// that is, whether it is the thread running the finalization.
    static FINALIZER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The interpreter is shutting down (not answerable under the stable ABI before 3.13).
fn is_finalizing() -> bool {
    #[cfg(Py_3_13)]
    return unsafe { ffi::Py_IsFinalizing() != 0 };
    #[cfg(all(not(Py_3_13), not(Py_LIMITED_API)))]
    return unsafe { ffi::_Py_IsFinalizing() != 0 };
    #[cfg(all(not(Py_3_13), Py_LIMITED_API))]
    return false;
}

/// True when CPython would not let this (detached) thread attach again: the
/// interpreter is finalizing and this is not the thread finalizing it.
fn must_not_attach() -> bool {
    is_finalizing() && !FINALIZER.with(|f| f.get())
}

/// Whether attaching now is allowed: the interpreter runs and is not being
/// shut down by another thread (`Python::try_attach`).
pub(crate) fn may_attach() -> bool {
    if unsafe { ffi::Py_IsInitialized() } == 0 {
        return false;
    }
    #[cfg(not(Py_LIMITED_API))]
    if is_attached() {
        return true;
    }
    !must_not_attach()
}

#[cold]
fn hang_forever() -> ! {
    loop {
        std::thread::park();
    }
}

#[cfg(not(Py_LIMITED_API))]
#[inline]
pub(crate) fn is_attached() -> bool {
    unsafe { ffi::PyGILState_Check() == 1 }
}

/// The stable ABI has no `PyGILState_Check`: attach around the operation
/// instead (cheap and re-entrant when this thread is already attached).
#[cfg(Py_LIMITED_API)]
pub(crate) fn with_attached<R>(f: impl FnOnce() -> R) -> R {
    let _guard = AttachGuard::acquire();
    f()
}

#[cfg_attr(Py_LIMITED_API, allow(dead_code))]
struct Deferred(Vec<NonNull<ffi::PyObject>>);
// Pointers are only dereferenced by a thread holding the GIL.
unsafe impl Send for Deferred {}

static PENDING: Mutex<Deferred> = Mutex::new(Deferred(Vec::new()));
static HAS_PENDING: AtomicBool = AtomicBool::new(false);

/// Decrements now when attached, otherwise at the next attach.
#[cfg(Py_LIMITED_API)]
pub(crate) fn release(obj: NonNull<ffi::PyObject>) {
    with_attached(|| unsafe { ffi::Py_DECREF(obj.as_ptr()) })
}

/// Decrements now when attached, otherwise at the next attach.
#[cfg(not(Py_LIMITED_API))]
pub(crate) fn release(obj: NonNull<ffi::PyObject>) {
    if is_attached() {
        unsafe { ffi::Py_DECREF(obj.as_ptr()) }
    } else {
        PENDING.lock().unwrap_or_else(|e| e.into_inner()).0.push(obj);
        HAS_PENDING.store(true, Ordering::Release);
    }
}

/// Applies releases queued by detached threads. Cheap when there are none.
#[inline]
pub(crate) fn update_deferred() {
    if HAS_PENDING.load(Ordering::Acquire) {
        drain_deferred();
    }
}

#[cold]
fn drain_deferred() {
    let objs = {
        let mut guard = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        HAS_PENDING.store(false, Ordering::Release);
        std::mem::take(&mut guard.0)
    };
    for obj in objs {
        unsafe { ffi::Py_DECREF(obj.as_ptr()) }
    }
}

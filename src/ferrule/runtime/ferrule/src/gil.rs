//! Attaching to and detaching from the interpreter, and references released
//! by threads that were not attached.
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use crate::ffi;

pub(crate) struct AttachGuard(ffi::PyGILState_STATE);

impl AttachGuard {
    pub(crate) fn acquire() -> Self {
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
pub(crate) struct SuspendGuard(*mut ffi::PyThreadState);

impl SuspendGuard {
    pub(crate) unsafe fn new() -> Self {
        SuspendGuard(ffi::PyEval_SaveThread())
    }
}

impl Drop for SuspendGuard {
    fn drop(&mut self) {
        unsafe {
            ffi::PyEval_RestoreThread(self.0);
        }
        update_deferred();
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

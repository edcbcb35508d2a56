//! Attaching to and detaching from the interpreter, and references released
//! by threads that were not attached.
//!
//! Whether a thread is attached is ferrule's own per-thread count, never
//! `PyGILState_Check()` (which says "yes" on every thread once a
//! subinterpreter has existed). Every way into Rust code with the GIL held
//! counts: `Python::attach`, each C callback's trampoline, `tp_dealloc`.
use std::cell::Cell;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use crate::ffi;

pub(crate) mod shutdown;

/// A thread's attachment bookkeeping, in one thread-local so that `detach` looks it up once
/// on each side: in a shared library every lookup is a call to `__tls_get_addr`.
pub(crate) struct ThreadState {
    /// > 0: attached (nesting depth); 0: not attached; `FORBIDDEN`: inside `__traverse__`.
    attach_count: Cell<isize>,
    /// This thread detached while the interpreter was already finalizing, that is, it is the
    /// thread running the finalization.
    finalizer: Cell<bool>,
    /// This thread's attachment was made by `Python::attach` (counted in `shutdown`'s `INSIDE`).
    pub(crate) own: Cell<bool>,
}

thread_local! {
    pub(crate) static THREAD: ThreadState = const {
        ThreadState { attach_count: Cell::new(0), finalizer: Cell::new(false), own: Cell::new(false) }
    };
}

const FORBIDDEN: isize = -1;
const FORBIDDEN_DURING_TRAVERSE: &str =
    "Attaching a thread to the interpreter is prohibited while a __traverse__ implementation is running.";

#[inline(always)]
pub(crate) fn is_attached() -> bool {
    THREAD.try_with(|t| t.attach_count.get() > 0).unwrap_or(false)
}

/// `Python::attach`'s guard: reuses the attachment when there is one.
pub(crate) enum AttachGuard {
    Assumed,
    Ensured(ffi::PyGILState_STATE),
}

impl AttachGuard {
    pub(crate) fn acquire() -> Self {
        match THREAD.with(|t| t.attach_count.get()) {
            n if n > 0 => {
                THREAD.with(|t| t.attach_count.set(n + 1));
                return AttachGuard::Assumed;
            }
            FORBIDDEN => panic!("{FORBIDDEN_DURING_TRAVERSE}"),
            _ => {}
        }
        // Counted before the interpreter is touched, so the exit hook waits for us
        // or we see that it has run (see `shutdown`).
        shutdown::enter_or_panic();
        let state = unsafe { ffi::PyGILState_Ensure() };
        THREAD.with(|t| t.attach_count.set(1));
        update_deferred();
        AttachGuard::Ensured(state)
    }
}

impl Drop for AttachGuard {
    fn drop(&mut self) {
        THREAD.with(|t| t.attach_count.set(t.attach_count.get() - 1));
        if let AttachGuard::Ensured(state) = *self {
            unsafe { ffi::PyGILState_Release(state) }
            shutdown::leave();
        }
    }
}

/// Held for the duration of a C callback: CPython called us attached.
pub(crate) struct CallbackGuard(isize);

impl CallbackGuard {
    #[inline(always)]
    pub(crate) fn enter() -> Self {
        let prev = THREAD.try_with(|t| t.attach_count.replace(t.attach_count.get().max(0) + 1)).unwrap_or(0);
        CallbackGuard(prev)
    }
}

impl Drop for CallbackGuard {
    #[inline(always)]
    fn drop(&mut self) {
        let _ = THREAD.try_with(|t| t.attach_count.set(self.0));
    }
}

/// Inside `__traverse__`: no attaching, and `Py<T>` drops are deferred.
pub(crate) struct ForbidAttach(isize);

impl ForbidAttach {
    pub(crate) fn during_traverse() -> Self {
        ForbidAttach(THREAD.try_with(|t| t.attach_count.replace(FORBIDDEN)).unwrap_or(0))
    }
}

impl Drop for ForbidAttach {
    fn drop(&mut self) {
        let _ = THREAD.try_with(|t| t.attach_count.set(self.0));
    }
}

/// Restores the thread state on drop, even when the detached closure panics.
pub(crate) struct SuspendGuard {
    tstate: *mut ffi::PyThreadState,
    count: isize,
    was_finalizer: bool,
    counted: bool,
}

impl SuspendGuard {
    pub(crate) unsafe fn new() -> Self {
        THREAD.with(|t| {
            // A thread attached while the interpreter finalizes is the thread finalizing it.
            let was_finalizer = t.finalizer.replace(t.finalizer.get() || is_finalizing());
            let count = t.attach_count.replace(0);
            let counted = shutdown::suspend(&t.own);
            SuspendGuard { tstate: ffi::PyEval_SaveThread(), count, was_finalizer, counted }
        })
    }
}

impl Drop for SuspendGuard {
    fn drop(&mut self) {
        THREAD.with(|t| {
            if (is_finalizing() && !t.finalizer.get()) || !shutdown::resume(self.counted) {
                // The interpreter began shutting down while this thread was detached.
                // Re-attaching would end the thread with `pthread_exit` (3.9-3.13), a
                // forced unwind that aborts the process at the next `extern "C"` frame,
                // and unwinding instead would run Python code without the interpreter.
                // Park the thread for good, as CPython 3.14 itself does.
                hang_forever();
            }
            t.finalizer.set(self.was_finalizer);
            unsafe {
                ffi::PyEval_RestoreThread(self.tstate);
            }
            shutdown::resumed(&t.own, self.counted);
            t.attach_count.set(self.count);
        });
        update_deferred();
    }
}

/// The interpreter is shutting down (not answerable under the stable ABI before 3.13).
pub(crate) fn is_finalizing() -> bool {
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
    is_finalizing() && !THREAD.with(|t| t.finalizer.get())
}

/// Whether attaching now is allowed (`Python::try_attach`): already attached,
/// or the interpreter runs, is not exiting and we are not inside `__traverse__`.
pub(crate) fn may_attach() -> bool {
    match THREAD.try_with(|t| t.attach_count.get()).unwrap_or(FORBIDDEN) {
        n if n > 0 => true,
        FORBIDDEN => false,
        _ => (unsafe { ffi::Py_IsInitialized() } != 0) && !shutdown::exiting() && !must_not_attach(),
    }
}

#[cold]
fn hang_forever() -> ! {
    loop {
        std::thread::park();
    }
}

struct Deferred(Vec<NonNull<ffi::PyObject>>);
// Pointers are only dereferenced by a thread holding the GIL.
unsafe impl Send for Deferred {}

static PENDING: Mutex<Deferred> = Mutex::new(Deferred(Vec::new()));
static HAS_PENDING: AtomicBool = AtomicBool::new(false);

/// Decrements now when attached, otherwise (another thread, or inside
/// `__traverse__`, where no object may be freed) at the next attach.
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

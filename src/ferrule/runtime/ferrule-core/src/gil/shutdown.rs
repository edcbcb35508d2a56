//! Interpreter exit and threads that attach from Rust.
//!
//! CPython ends a thread that takes the GIL once finalization has begun
//! (`pthread_exit`, whose forced unwind aborts at the first Rust frame), and
//! `PyGILState_Ensure` after finalization touches freed state. So ferrule
//! registers an `atexit` hook (atexit runs before finalization starts): it
//! raises `EXITING`, then waits, with the GIL released, until no thread is
//! between "counted" and "done" below. A thread counts itself *before*
//! checking `EXITING` (both sequentially consistent), so either the hook waits
//! for it or it sees the flag and never touches the interpreter. (The wait is
//! bounded: a thread still inside `attach` after it is on its own, as in PyO3.)
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::sync::Once;

use crate::ffi;

static EXITING: AtomicBool = AtomicBool::new(false);
/// Threads attached through `Python::attach`, or re-attaching after `detach`.
static INSIDE: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// This thread runs the exit hook (and so the finalization after it).
    static EXIT_THREAD: Cell<bool> = const { Cell::new(false) };
}

/// How long the exit hook waits for threads inside `Python::attach`.
const EXIT_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

pub(crate) const FINALIZING: &str = "Cannot attach to the Python interpreter while it is finalizing.";

pub(crate) fn exiting() -> bool {
    EXITING.load(SeqCst) && !EXIT_THREAD.with(|t| t.get())
}

/// Before `PyGILState_Ensure`: count this thread in, or panic when the
/// interpreter is exiting or gone.
pub(super) fn enter_or_panic() {
    INSIDE.fetch_add(1, SeqCst);
    if exiting() || unsafe { ffi::Py_IsInitialized() } == 0 {
        INSIDE.fetch_sub(1, SeqCst);
        panic!("{FINALIZING}");
    }
    super::THREAD.with(|t| t.own.set(true));
}

/// After `PyGILState_Release` of an attachment made by `enter_or_panic`.
pub(super) fn leave() {
    super::THREAD.with(|t| t.own.set(false));
    INSIDE.fetch_sub(1, SeqCst);
}

/// On `detach`: a `Python::attach` thread stops counting while detached.
/// Returns whether it was counted.
pub(super) fn suspend(own_flag: &Cell<bool>) -> bool {
    let own = own_flag.replace(false);
    if own {
        INSIDE.fetch_sub(1, SeqCst);
    }
    own
}

/// Before re-attaching after `detach`: false when the thread must not (the
/// interpreter is exiting); otherwise it is counted until `resumed`.
pub(super) fn resume(_own: bool) -> bool {
    INSIDE.fetch_add(1, SeqCst);
    if exiting() {
        INSIDE.fetch_sub(1, SeqCst);
        return false;
    }
    true
}

/// After the thread state is restored: a `Python::attach` thread stays
/// counted; any other (a Python thread) is CPython's to manage from here.
pub(super) fn resumed(own_flag: &Cell<bool>, own: bool) {
    if own {
        own_flag.set(true);
    } else {
        INSIDE.fetch_sub(1, SeqCst);
    }
}

/// Registers the exit hook once per copy of the runtime (one per extension module).
pub(crate) fn register_exit_hook(py: crate::marker::Python<'_>) {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let result = (|| -> crate::err::PyResult<()> {
            use crate::types::PyAnyMethods;
            let hook = unsafe {
                crate::instance::Bound::<crate::types::PyAny>::from_owned_ptr_or_err_typed(
                    py,
                    ffi::PyCFunction_NewEx(HOOK_DEF.as_ptr(), std::ptr::null_mut(), std::ptr::null_mut()),
                )?
            };
            py.import("atexit")?.call_method1("register", (hook,))?;
            Ok(())
        })();
        if let Err(err) = result {
            err.restore(py);
            unsafe { ffi::PyErr_WriteUnraisable(std::ptr::null_mut()) };
        }
    });
}

static HOOK_DEF: crate::impl_::pyfunction::MethodDef = crate::impl_::pyfunction::MethodDef(ffi::PyMethodDef {
    ml_name: c"_ferrule_wait_for_rust_threads".as_ptr(),
    ml_meth: ffi::PyMethodDefPointer { PyCFunction: on_exit },
    ml_flags: ffi::METH_NOARGS,
    ml_doc: std::ptr::null(),
});

unsafe extern "C" fn on_exit(_slf: *mut ffi::PyObject, _arg: *mut ffi::PyObject) -> *mut ffi::PyObject {
    EXIT_THREAD.with(|t| t.set(true));
    EXITING.store(true, SeqCst);
    // Our own count (a Python::attach around the exit) is not waited for.
    let own = super::THREAD.with(|t| t.own.get()) as usize;
    // Bounded, so a thread blocked inside `attach` (on something the exiting
    // program will never do) cannot hang the exit.
    let deadline = std::time::Instant::now() + EXIT_WAIT;
    while INSIDE.load(SeqCst) > own && std::time::Instant::now() < deadline {
        let tstate = ffi::PyEval_SaveThread();
        std::thread::sleep(std::time::Duration::from_millis(1));
        ffi::PyEval_RestoreThread(tstate);
    }
    let none = ffi::Py_None();
    ffi::Py_INCREF(none);
    none
}

//! Starting the interpreter from Rust: programs that embed Python, and `cargo test`
//! on crates calling `Python::attach` with the `auto-initialize` feature.
//!
//! Inside an extension module the interpreter is always running, so the check
//! costs one atomic load per `Python::attach` after the first.
use std::sync::Once;

use crate::ffi;
#[cfg(not(PyPy))]
use crate::marker::Python;

static START: Once = Once::new();

/// Starts the interpreter unless it runs, then detaches this thread (as `Python::initialize`).
/// PyPy cannot be embedded this way (as in PyO3).
#[cfg(not(PyPy))]
pub(crate) fn initialize() {
    // `call_once_force`: a start that panicked may be tried again.
    START.call_once_force(|_| unsafe {
        if ffi::Py_IsInitialized() == 0 {
            ffi::Py_InitializeEx(0);
            ffi::PyEval_SaveThread();
        }
    });
}

/// Before attaching: starts the interpreter under `auto-initialize`, else insists that it runs.
#[inline]
pub(crate) fn ensure_initialized() {
    if !START.is_completed() {
        first_attach();
    }
}

#[cold]
fn first_attach() {
    // Past the exit hook the interpreter may already be gone (Py_IsInitialized() == 0): attaching
    // then says it is finalizing, not that it was never started.
    if crate::gil::is_finalizing() || crate::gil::shutdown::exiting() {
        return;
    }
    #[cfg(all(feature = "auto-initialize", not(PyPy)))]
    initialize();
    #[cfg(not(all(feature = "auto-initialize", not(PyPy))))]
    START.call_once_force(|_| {
        if unsafe { ffi::Py_IsInitialized() } == 0 {
            panic!(
                "The Python interpreter is not initialized and the `auto-initialize` feature is not \
                 enabled.\n\nConsider calling `Python::initialize()` before attempting to use Python APIs."
            );
        }
    });
}

/// Runs `f` in an interpreter started for it and finalized after it (not on PyPy).
///
/// # Safety
/// Call it at most once per process, with no interpreter running, from one thread; use no
/// Python API afterwards, and return no Python object (nor a `PyResult`) from `f`.
#[cfg(not(PyPy))]
pub unsafe fn with_embedded_python_interpreter<F, R>(f: F) -> R
where
    F: for<'py> FnOnce(Python<'py>) -> R,
{
    assert_eq!(
        unsafe { ffi::Py_IsInitialized() },
        0,
        "called `with_embedded_python_interpreter` but a Python interpreter is already running."
    );
    unsafe { ffi::Py_InitializeEx(0) };
    let result = {
        let py = unsafe { Python::assume_attached() };
        // Makes this thread `threading`'s main thread, which finalization expects.
        let _ = py.import("threading");
        f(py)
    };
    unsafe { ffi::Py_Finalize() };
    result
}

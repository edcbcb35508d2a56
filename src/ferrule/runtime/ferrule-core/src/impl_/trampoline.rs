//! The boundary every call from Python crosses: panics become
//! `PanicException`, `Err` becomes a raised exception, and the C return
//! convention (NULL or -1 for errors) is applied.
use std::os::raw::c_int;
use std::panic::{self, AssertUnwindSafe};

use crate::err::PyResult;
use crate::ffi;
use crate::gil;
use crate::marker::Python;
use crate::panic::PanicException;

/// A C return type and its error value.
pub trait CReturn: Copy {
    const ERROR: Self;
}

impl CReturn for *mut ffi::PyObject {
    const ERROR: Self = std::ptr::null_mut();
}

impl CReturn for c_int {
    const ERROR: Self = -1;
}

impl CReturn for ffi::Py_ssize_t {
    const ERROR: Self = -1;
}

/// Runs `body` for a C-API callback.
#[inline(always)]
pub unsafe fn trampoline<R, F>(body: F) -> R
where
    R: CReturn,
    F: for<'py> FnOnce(Python<'py>) -> PyResult<R>,
{
    let _attached = gil::CallbackGuard::enter();
    gil::update_deferred();
    let py = Python::assume_attached();
    match panic::catch_unwind(AssertUnwindSafe(move || body(py))) {
        Ok(Ok(value)) => value,
        Ok(Err(err)) => {
            err.restore(py);
            R::ERROR
        }
        Err(payload) => {
            PanicException::from_panic_payload(payload).restore(py);
            R::ERROR
        }
    }
}

/// For callbacks with no caller to report to (`tp_dealloc`, `tp_clear`...):
/// errors and panics go to `sys.unraisablehook`.
#[inline]
pub unsafe fn trampoline_unraisable<F>(body: F, ctx: *mut ffi::PyObject)
where
    F: for<'py> FnOnce(Python<'py>) -> PyResult<()>,
{
    let _attached = gil::CallbackGuard::enter();
    let py = Python::assume_attached();
    let err = match panic::catch_unwind(AssertUnwindSafe(move || body(py))) {
        Ok(Ok(())) => return,
        Ok(Err(err)) => err,
        Err(payload) => PanicException::from_panic_payload(payload),
    };
    err.restore(py);
    ffi::PyErr_WriteUnraisable(ctx);
}

type Ptr = *mut ffi::PyObject;

/// The body of a `METH_NOARGS`/`METH_O` function: `(py, self, arg)`.
pub type CFunctionBody = for<'py> unsafe fn(Python<'py>, Ptr, Ptr) -> PyResult<Ptr>;
/// The body of a `METH_FASTCALL[|METH_KEYWORDS]` function: `(py, self, args, nargs, kwnames)`.
pub type FastcallBody = for<'py> unsafe fn(Python<'py>, Ptr, *const Ptr, ffi::Py_ssize_t, Ptr) -> PyResult<Ptr>;

/// One unwind boundary for every `METH_NOARGS`/`METH_O` function: the glue
/// passes its body as a plain `fn`, so no closure (and no `catch_unwind`) is
/// instantiated per function. Inlined in optimized builds, where `body` is a
/// constant and becomes a direct call.
#[inline]
pub unsafe fn cfunction(body: CFunctionBody, slf: Ptr, arg: Ptr) -> Ptr {
    trampoline(move |py| body(py, slf, arg))
}

/// As [`cfunction`], for `METH_FASTCALL[|METH_KEYWORDS]` (`kwnames` NULL without keywords).
#[inline]
pub unsafe fn fastcall(body: FastcallBody, slf: Ptr, args: *const Ptr, nargs: ffi::Py_ssize_t, kwnames: Ptr) -> Ptr {
    trampoline(move |py| body(py, slf, args, nargs, kwnames))
}

/// The body of a one-argument slot (`tp_repr`, `sq_length`, a getter...).
pub type SlotBody1<R> = for<'py> unsafe fn(Python<'py>, Ptr) -> PyResult<R>;
/// The body of a two-argument slot (`nb_add`, `mp_subscript`, a setter...).
pub type SlotBody2<R> = for<'py> unsafe fn(Python<'py>, Ptr, Ptr) -> PyResult<R>;
/// The body of a three-argument slot (`tp_new`, `tp_call`, `nb_power`, `mp_ass_subscript`).
pub type SlotBody3<R> = for<'py> unsafe fn(Python<'py>, Ptr, Ptr, Ptr) -> PyResult<R>;
/// The body of `tp_richcompare`.
pub type RichcmpBody = for<'py> unsafe fn(Python<'py>, Ptr, Ptr, c_int) -> PyResult<Ptr>;

/// As [`cfunction`], for the type slots and properties of `#[pyclass]`es: one
/// unwind boundary per slot signature and crate, not one closure per slot.
#[inline]
pub unsafe fn slot1<R: CReturn>(body: SlotBody1<R>, a: Ptr) -> R {
    trampoline(move |py| body(py, a))
}

#[inline]
pub unsafe fn slot2<R: CReturn>(body: SlotBody2<R>, a: Ptr, b: Ptr) -> R {
    trampoline(move |py| body(py, a, b))
}

#[inline]
pub unsafe fn slot3<R: CReturn>(body: SlotBody3<R>, a: Ptr, b: Ptr, c: Ptr) -> R {
    trampoline(move |py| body(py, a, b, c))
}

#[inline]
pub unsafe fn richcmp(body: RichcmpBody, a: Ptr, b: Ptr, op: c_int) -> Ptr {
    trampoline(move |py| body(py, a, b, op))
}

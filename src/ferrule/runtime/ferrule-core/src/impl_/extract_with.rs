//! `#[pyo3(from_py_with = read)]` on a parameter: the user's function turns the argument into the
//! parameter's value; its error is reported as PyO3 reports it (the note "while processing 'x'").
use super::extract_argument::argument_extraction_error;
use crate::err::PyResult;
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::PyAny;

/// `slot` holds a borrowed, non-NULL argument.
#[inline]
pub unsafe fn extract_with<'a, 'py: 'a, T>(
    py: Python<'py>,
    slot: &'a *mut ffi::PyObject,
    name: &str,
    read: impl FnOnce(&'a Bound<'py, PyAny>) -> PyResult<T>,
) -> PyResult<T> {
    // The argument as a `&'a Bound` borrowed from the slot (not a local), so `read` may be a
    // function whose lifetime is not higher-ranked (`<Bound<'_, _> as PyAnyMethods>::extract`).
    let arg: &'a Bound<'py, PyAny> = unsafe { Bound::ref_from_ptr(py, slot) };
    read(arg).map_err(|e| argument_extraction_error(py, name, e))
}

/// As `extract_with`; a NULL `slot` (the argument was not passed) gives `default()`.
#[inline]
pub unsafe fn extract_with_or<'a, 'py: 'a, T>(
    py: Python<'py>,
    slot: &'a *mut ffi::PyObject,
    name: &str,
    read: impl FnOnce(&'a Bound<'py, PyAny>) -> PyResult<T>,
    default: impl FnOnce() -> T,
) -> PyResult<T> {
    if slot.is_null() { Ok(default()) } else { unsafe { extract_with(py, slot, name, read) } }
}

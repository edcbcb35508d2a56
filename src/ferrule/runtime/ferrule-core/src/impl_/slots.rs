//! Glue helpers for the attribute, descriptor, async and buffer protocols.
use crate::conversion::IntoPyObject;
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyAttributeError, PyNotImplementedError, PyStopAsyncIteration, PyValueError};
use crate::ffi;
use crate::impl_::wrap::IntoPyCallbackOutput;
use crate::marker::Python;

type Ptr = *mut ffi::PyObject;

/// The attribute lookup `__getattr__` falls back from (PyO3's order).
#[inline]
pub unsafe fn generic_getattr(py: Python<'_>, slf: Ptr, name: Ptr) -> PyResult<Ptr> {
    let r = ffi::PyObject_GenericGetAttr(slf, name);
    if r.is_null() { Err(PyErr::fetch(py)) } else { Ok(r) }
}

pub fn is_attribute_error(py: Python<'_>, err: &PyErr) -> bool {
    err.is_instance_of::<PyAttributeError>(py)
}

/// PyO3's default `__getattr__`, reached when a `__getattribute__` raised AttributeError:
/// `AttributeError(name)`.
pub unsafe fn no_attribute(py: Python<'_>, _slf: Ptr, name: Ptr) -> PyResult<Ptr> {
    let name = unsafe { crate::Bound::<crate::types::PyAny>::from_borrowed_ptr(py, name) };
    Err(PyAttributeError::new_err((name.unbind(),)))
}

#[cold]
pub fn cannot_set_attribute() -> PyErr {
    PyAttributeError::new_err("can't set attribute")
}

#[cold]
pub fn cannot_delete_attribute() -> PyErr {
    PyAttributeError::new_err("can't delete attribute")
}

#[cold]
pub fn cannot_set_descriptor() -> PyErr {
    PyNotImplementedError::new_err("can't set descriptor")
}

#[cold]
pub fn cannot_delete_descriptor() -> PyErr {
    PyNotImplementedError::new_err("can't delete descriptor")
}

/// `__get__` is called with NULL for an absent instance or owner: Python sees `None`.
#[inline]
pub unsafe fn none_if_null(p: Ptr) -> Ptr {
    if p.is_null() { ffi::Py_None() } else { p }
}

/// The count of `__repeat__`, as the parameter's type.
pub fn repeat_count<T: TryFrom<ffi::Py_ssize_t>>(count: ffi::Py_ssize_t) -> PyResult<T>
where
    T::Error: std::fmt::Display,
{
    T::try_from(count).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// What `__anext__` may return: a value, or `None` from an `Option` to stop
/// the iteration (`StopAsyncIteration`).
pub trait AsyncNextOutput<'py> {
    fn convert_anext(self, py: Python<'py>) -> PyResult<Ptr>;
}

impl<'py, T: IntoPyObject<'py>> AsyncNextOutput<'py> for Option<T> {
    fn convert_anext(self, py: Python<'py>) -> PyResult<Ptr> {
        match self {
            Some(v) => v.convert(py),
            None => Err(PyStopAsyncIteration::new_err(())),
        }
    }
}

impl<'py, T: IntoPyObject<'py>, E: Into<PyErr>> AsyncNextOutput<'py> for Result<Option<T>, E> {
    fn convert_anext(self, py: Python<'py>) -> PyResult<Ptr> {
        self.map_err(Into::into)?.convert_anext(py)
    }
}

/// After a failed `__getbuffer__` the view must hold no object (CPython's rule).
/// The buffer protocol is in the stable ABI from 3.11 only (as in PyO3).
#[cfg(any(not(Py_LIMITED_API), Py_3_11))]
#[inline]
pub unsafe fn getbuffer_result(result: std::ffi::c_int, view: *mut ffi::Py_buffer) -> std::ffi::c_int {
    if result == -1 && !view.is_null() {
        (*view).obj = std::ptr::null_mut();
    }
    result
}

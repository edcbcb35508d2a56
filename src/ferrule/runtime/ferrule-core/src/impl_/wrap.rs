//! Turning a Rust return value into the pointer a C-API callback returns.
use crate::conversion::{BoundObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::marker::Python;

/// A return value of a bound function: a convertible value or a `Result` of one.
pub trait IntoPyCallbackOutput<'py> {
    fn convert(self, py: Python<'py>) -> PyResult<*mut ffi::PyObject>;
}

impl<'py, T: IntoPyObject<'py>> IntoPyCallbackOutput<'py> for T {
    #[inline]
    fn convert(self, py: Python<'py>) -> PyResult<*mut ffi::PyObject> {
        match self.into_pyobject(py) {
            Ok(obj) => Ok(obj.into_ptr()),
            Err(e) => Err(e.into()),
        }
    }
}

impl<'py, T: IntoPyObject<'py>, E: Into<PyErr>> IntoPyCallbackOutput<'py> for Result<T, E> {
    #[inline]
    fn convert(self, py: Python<'py>) -> PyResult<*mut ffi::PyObject> {
        match self {
            Ok(v) => v.convert(py),
            Err(e) => Err(e.into()),
        }
    }
}

/// A new reference to `None`.
#[inline]
pub fn none() -> *mut ffi::PyObject {
    unsafe {
        let none = ffi::Py_None();
        ffi::Py_INCREF(none);
        none
    }
}

/// The default of an `Option<T>` parameter is written without `Some` (as in
/// PyO3): `s = "x"` means `Some("x")`, while `None` or `Some(..)` stay as they are.
pub trait SomeWrap<T> {
    fn wrap(self) -> Option<T>;
}

impl<T> SomeWrap<T> for T {
    #[inline]
    fn wrap(self) -> Option<T> {
        Some(self)
    }
}

impl<T> SomeWrap<T> for Option<T> {
    #[inline]
    fn wrap(self) -> Option<T> {
        self
    }
}

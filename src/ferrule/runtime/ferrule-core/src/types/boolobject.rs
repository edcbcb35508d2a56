//! `bool`.
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::native_type;

native_type!(PyBool, "bool", ffi::PyBool_Type, ffi::PyBool_Check);

impl PyBool {
    /// `True` or `False` (borrowed singletons).
    #[inline]
    pub fn new(py: Python<'_>, value: bool) -> Borrowed<'static, '_, PyBool> {
        unsafe { Borrowed::<crate::types::PyAny>::from_ptr(py, if value { ffi::Py_True() } else { ffi::Py_False() }).cast_unchecked() }
    }
}

pub trait PyBoolMethods<'py> {
    fn is_true(&self) -> bool;
}

impl<'py> PyBoolMethods<'py> for Bound<'py, PyBool> {
    #[inline]
    fn is_true(&self) -> bool {
        unsafe { self.as_ptr() == ffi::Py_True() }
    }
}

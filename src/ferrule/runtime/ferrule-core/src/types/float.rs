//! `float`.
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::native_type;

native_type!(PyFloat, "float", ffi::PyFloat_Type, ffi::PyFloat_Check);

impl PyFloat {
    pub fn new(py: Python<'_>, value: f64) -> Bound<'_, PyFloat> {
        unsafe { Bound::<crate::types::PyAny>::from_owned_ptr_typed(py, ffi::PyFloat_FromDouble(value)).cast_into_unchecked() }
    }
}

pub trait PyFloatMethods<'py> {
    fn value(&self) -> f64;
}

impl<'py> PyFloatMethods<'py> for Bound<'py, PyFloat> {
    fn value(&self) -> f64 {
        unsafe { ffi::PyFloat_AsDouble(self.as_ptr()) }
    }
}

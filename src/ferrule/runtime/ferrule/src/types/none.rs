//! `None`.
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::type_object::PyTypeInfo;
use crate::types::PyAny;

#[repr(transparent)]
pub struct PyNone(PyAny);

impl PyNone {
    #[inline]
    pub fn get(py: Python<'_>) -> Borrowed<'static, '_, PyNone> {
        unsafe { Borrowed::<crate::types::PyAny>::from_ptr(py, ffi::Py_None()).cast_unchecked() }
    }
}

unsafe impl PyTypeInfo for PyNone {
    const NAME: &'static str = "NoneType";
    const MODULE: Option<&'static str> = Some("builtins");
    fn type_object_raw(_py: Python<'_>) -> *mut ffi::PyTypeObject {
        unsafe { ffi::Py_TYPE(ffi::Py_None()) }
    }
    #[inline]
    fn is_type_of(object: &Bound<'_, PyAny>) -> bool {
        unsafe { object.as_ptr() == ffi::Py_None() }
    }
}

impl crate::types::DerefToPyAny for PyNone {}

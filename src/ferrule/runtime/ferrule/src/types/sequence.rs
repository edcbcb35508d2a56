//! The sequence and mapping protocols (abstract types: checked by protocol).
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::type_object::PyTypeCheck;
use crate::types::PyAny;

#[repr(transparent)]
pub struct PySequence(PyAny);
#[repr(transparent)]
pub struct PyMapping(PyAny);

impl crate::types::DerefToPyAny for PySequence {}
impl crate::types::DerefToPyAny for PyMapping {}

impl PyTypeCheck for PySequence {
    const NAME: &'static str = "Sequence";
    fn type_check(object: &Bound<'_, PyAny>) -> bool {
        unsafe { ffi::PySequence_Check(object.as_ptr()) != 0 }
    }
    fn classinfo_object(py: Python<'_>) -> Bound<'_, PyAny> {
        crate::types::PyString::new(py, "Sequence").into_any()
    }
}

impl PyTypeCheck for PyMapping {
    const NAME: &'static str = "Mapping";
    fn type_check(object: &Bound<'_, PyAny>) -> bool {
        unsafe { ffi::PyMapping_Check(object.as_ptr()) != 0 }
    }
    fn classinfo_object(py: Python<'_>) -> Bound<'_, PyAny> {
        crate::types::PyString::new(py, "Mapping").into_any()
    }
}

pub trait PySequenceMethods<'py> {
    fn len(&self) -> PyResult<usize>;
}

impl<'py> PySequenceMethods<'py> for Bound<'py, PySequence> {
    fn len(&self) -> PyResult<usize> {
        let n = unsafe { ffi::PySequence_Size(self.as_ptr()) };
        if n == -1 { Err(PyErr::fetch(self.py())) } else { Ok(n as usize) }
    }
}

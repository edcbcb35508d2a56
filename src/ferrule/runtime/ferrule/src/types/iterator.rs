//! Python iterators as Rust iterators of `PyResult<Bound<PyAny>>`.
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::Bound;
use crate::types::{native_type, PyAny};

native_type!(PyIterator, "Iterator", ffi::PyBaseObject_Type, ffi::PyIter_Check);

impl PyIterator {
    /// `iter(obj)`.
    pub fn from_object<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyIterator>> {
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err(obj.py(), ffi::PyObject_GetIter(obj.as_ptr())).map(|b| b.cast_into_unchecked())
        }
    }
}

impl<'py> Iterator for Bound<'py, PyIterator> {
    type Item = PyResult<Bound<'py, PyAny>>;
    fn next(&mut self) -> Option<Self::Item> {
        let py = self.py();
        match unsafe { Bound::from_owned_ptr_or_opt(py, ffi::PyIter_Next(self.as_ptr())) } {
            Some(item) => Some(Ok(item)),
            None => PyErr::take(py).map(Err),
        }
    }
}

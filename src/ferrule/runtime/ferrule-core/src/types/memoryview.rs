//! `memoryview`.
use crate::err::PyResult;
use crate::ffi;
use crate::instance::Bound;
use crate::types::{native_type, PyAny};

native_type!(PyMemoryView, "memoryview", ffi::PyMemoryView_Type, ffi::PyMemoryView_Check);

impl PyMemoryView {
    /// `memoryview(src)`: `TypeError` when `src` exports no buffer.
    pub fn from<'py>(src: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyMemoryView>> {
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err_typed(src.py(), ffi::PyMemoryView_FromObject(src.as_ptr()))
                .map(|view| view.cast_into_unchecked())
        }
    }
}

//! `marshal.dumps`/`marshal.loads` (full API only, as in PyO3).
use crate::err::PyResult;
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::{PyAny, PyBytes};

/// The newest marshal format version.
pub const VERSION: i32 = 4;

/// `marshal.dumps(object, version)`.
pub fn dumps<'py>(object: &Bound<'py, PyAny>, version: i32) -> PyResult<Bound<'py, PyBytes>> {
    unsafe {
        Bound::<PyAny>::from_owned_ptr_or_err_typed(object.py(), ffi::PyMarshal_WriteObjectToString(object.as_ptr(), version))
            .map(|b| b.cast_into_unchecked())
    }
}

/// `marshal.loads(data)`.
pub fn loads<'py, B: AsRef<[u8]> + ?Sized>(py: Python<'py>, data: &B) -> PyResult<Bound<'py, PyAny>> {
    let data = data.as_ref();
    unsafe { Bound::from_owned_ptr_or_err_typed(py, ffi::PyMarshal_ReadObjectFromString(data.as_ptr().cast(), data.len() as ffi::Py_ssize_t)) }
}

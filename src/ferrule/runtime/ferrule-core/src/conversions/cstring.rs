//! `CStr`/`CString` ↔ `str` (UTF-8; a `str` holding NUL is refused on the way in).
use std::borrow::Cow;
use std::ffi::{CStr, CString};

use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::PyString;
use crate::types::PyAny;

impl<'py> IntoPyObject<'py> for &CStr {
    type Target = PyString;
    type Output = Bound<'py, PyString>;
    type Error = PyErr;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        Ok(PyString::new(py, self.to_str()?))
    }
}

macro_rules! via_cstr {
    ($($ty:ty),*) => {$(
        impl<'py> IntoPyObject<'py> for $ty {
            type Target = PyString;
            type Output = Bound<'py, PyString>;
            type Error = PyErr;
            #[inline]
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
                let cstr: &CStr = &self;
                cstr.into_pyobject(py)
            }
        }
    )*};
}

via_cstr!(CString, &CString, Cow<'_, CStr>, &Cow<'_, CStr>);

/// Borrows the string's cached UTF-8 form, which CPython keeps NUL-terminated.
#[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
impl<'a, 'py> FromPyObject<'a, 'py> for &'a CStr {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let s = obj.cast::<PyString>()?;
        let mut size = 0;
        let ptr = unsafe { crate::ffi::PyUnicode_AsUTF8AndSize(s.as_ptr(), &mut size) };
        if ptr.is_null() {
            return Err(PyErr::fetch(obj.py()));
        }
        let with_nul = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), size as usize + 1) };
        CStr::from_bytes_with_nul(with_nul).map_err(|e| crate::exceptions::PyValueError::new_err(e.to_string()))
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for CString {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let text = String::extract(obj)?;
        Ok(CString::new(text)?)
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Cow<'a, CStr> {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        #[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
        return Ok(Cow::Borrowed(<&CStr>::extract(obj)?));
        #[cfg(not(any(Py_3_10, not(Py_LIMITED_API))))]
        return Ok(Cow::Owned(CString::extract(obj)?));
    }
}

//! `str`.
use std::borrow::Cow;

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::native_type;

native_type!(PyString, "str", ffi::PyUnicode_Type, ffi::PyUnicode_Check);

impl PyString {
    pub fn new<'py>(py: Python<'py>, s: &str) -> Bound<'py, PyString> {
        unsafe {
            let ptr = ffi::PyUnicode_FromStringAndSize(s.as_ptr().cast(), s.len() as ffi::Py_ssize_t);
            Bound::<crate::types::PyAny>::from_owned_ptr(py, ptr).cast_into_unchecked()
        }
    }

    /// An interned string: equal strings share one object, so identity
    /// comparisons (keyword names, attribute names) hit.
    pub fn intern<'py>(py: Python<'py>, s: &str) -> Bound<'py, PyString> {
        let mut obj = PyString::new(py, s).into_ptr();
        unsafe {
            ffi::PyUnicode_InternInPlace(&mut obj);
            Bound::<crate::types::PyAny>::from_owned_ptr(py, obj).cast_into_unchecked()
        }
    }
}

pub trait PyStringMethods<'py> {
    /// The string as UTF-8; a `UnicodeEncodeError` for lone surrogates.
    fn to_str(&self) -> PyResult<&str>;
    fn to_cow(&self) -> PyResult<Cow<'_, str>>;
    /// Lone surrogates become U+FFFD.
    fn to_string_lossy(&self) -> Cow<'_, str>;
    fn encode_utf8(&self) -> PyResult<Bound<'py, crate::types::PyBytes>>;
}

impl<'py> PyStringMethods<'py> for Bound<'py, PyString> {
    #[inline]
    fn to_str(&self) -> PyResult<&str> {
        self.as_borrowed().to_str()
    }

    fn to_cow(&self) -> PyResult<Cow<'_, str>> {
        self.to_str().map(Cow::Borrowed)
    }

    fn to_string_lossy(&self) -> Cow<'_, str> {
        match self.to_str() {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => unsafe {
                let bytes = ffi::PyUnicode_AsEncodedString(self.as_ptr(), c"utf-8".as_ptr(), c"surrogatepass".as_ptr());
                let bytes: Bound<'_, crate::types::PyBytes> =
                    Bound::<crate::types::PyAny>::from_owned_ptr(self.py(), bytes).cast_into_unchecked();
                use crate::types::PyBytesMethods;
                Cow::Owned(String::from_utf8_lossy(bytes.as_bytes()).into_owned())
            },
        }
    }

    fn encode_utf8(&self) -> PyResult<Bound<'py, crate::types::PyBytes>> {
        unsafe {
            Bound::<crate::types::PyAny>::from_owned_ptr_or_err(self.py(), ffi::PyUnicode_AsUTF8String(self.as_ptr()))
                .map(|b| b.cast_into_unchecked())
        }
    }
}

impl<'a> Borrowed<'a, '_, PyString> {
    /// UTF-8 view cached inside the string object; lives as long as the borrow.
    #[inline]
    pub fn to_str(self) -> PyResult<&'a str> {
        let mut size: ffi::Py_ssize_t = 0;
        let data = unsafe { ffi::PyUnicode_AsUTF8AndSize(self.as_ptr(), &mut size) };
        if data.is_null() {
            Err(PyErr::fetch(self.py()))
        } else {
            Ok(unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(data.cast(), size as usize)) })
        }
    }
}

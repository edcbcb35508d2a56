//! `bytes` and `bytearray`.
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::native_type;

native_type!(PyBytes, "bytes", ffi::PyBytes_Type, ffi::PyBytes_Check);
native_type!(PyByteArray, "bytearray", ffi::PyByteArray_Type, ffi::PyByteArray_Check);

impl PyBytes {
    pub fn new<'py>(py: Python<'py>, s: &[u8]) -> Bound<'py, PyBytes> {
        unsafe {
            Bound::<crate::types::PyAny>::from_owned_ptr(py, ffi::PyBytes_FromStringAndSize(s.as_ptr().cast(), s.len() as ffi::Py_ssize_t))
                .cast_into_unchecked()
        }
    }
}

pub trait PyBytesMethods<'py> {
    fn as_bytes(&self) -> &[u8];
}

impl<'py> PyBytesMethods<'py> for Bound<'py, PyBytes> {
    fn as_bytes(&self) -> &[u8] {
        self.as_borrowed().as_bytes()
    }
}

impl<'a> Borrowed<'a, '_, PyBytes> {
    /// The bytes' own buffer; lives as long as the borrow.
    pub fn as_bytes(self) -> &'a [u8] {
        unsafe {
            let data = ffi::PyBytes_AsString(self.as_ptr());
            let len = ffi::PyBytes_Size(self.as_ptr());
            std::slice::from_raw_parts(data as *const u8, len as usize)
        }
    }
}

pub trait PyByteArrayMethods<'py> {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool;
    fn to_vec(&self) -> Vec<u8>;
}

impl<'py> PyByteArrayMethods<'py> for Bound<'py, PyByteArray> {
    fn len(&self) -> usize {
        unsafe { ffi::PyByteArray_Size(self.as_ptr()) as usize }
    }
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn to_vec(&self) -> Vec<u8> {
        unsafe {
            let data = ffi::PyByteArray_AsString(self.as_ptr());
            std::slice::from_raw_parts(data as *const u8, self.len()).to_vec()
        }
    }
}

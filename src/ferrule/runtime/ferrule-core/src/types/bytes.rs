//! `bytes` and `bytearray`.
use std::ops::Index;
use std::slice::SliceIndex;

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{native_type, PyAny};

native_type!(PyBytes, "bytes", ffi::PyBytes_Type, ffi::PyBytes_Check);
native_type!(PyByteArray, "bytearray", ffi::PyByteArray_Type, ffi::PyByteArray_Check);

impl PyBytes {
    pub fn new<'py>(py: Python<'py>, s: &[u8]) -> Bound<'py, PyBytes> {
        unsafe {
            Bound::<PyAny>::from_owned_ptr_typed(py, ffi::PyBytes_FromStringAndSize(s.as_ptr().cast(), s.len() as ffi::Py_ssize_t))
                .cast_into_unchecked()
        }
    }

    /// `len` zeroed bytes, filled in place by `init` before anyone else can
    /// see the object (bytes are immutable afterwards).
    pub fn new_with<F>(py: Python<'_>, len: usize, init: F) -> PyResult<Bound<'_, PyBytes>>
    where
        F: FnOnce(&mut [u8]) -> PyResult<()>,
    {
        unsafe {
            let bytes: Bound<'_, PyBytes> =
                Bound::<PyAny>::from_owned_ptr_or_err_typed(py, ffi::PyBytes_FromStringAndSize(std::ptr::null(), len as ffi::Py_ssize_t))?
                    .cast_into_unchecked();
            let data = ffi::PyBytes_AsString(bytes.as_ptr()) as *mut u8;
            std::ptr::write_bytes(data, 0, len);
            init(std::slice::from_raw_parts_mut(data, len))?;
            Ok(bytes)
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

impl crate::instance::Py<PyBytes> {
    /// The bytes' buffer, for as long as this reference keeps the object alive (`bytes` never
    /// change), attached or not afterwards.
    pub fn as_bytes<'a>(&'a self, py: Python<'_>) -> &'a [u8] {
        let bound = self.bind_borrowed(py);
        unsafe { std::slice::from_raw_parts(ffi::PyBytes_AsString(bound.as_ptr()) as *const u8,
                                            ffi::PyBytes_Size(bound.as_ptr()) as usize) }
    }
}

/// `bytes[range]` as a Rust slice (bytes never change, so this is sound).
impl<I: SliceIndex<[u8]>> Index<I> for Bound<'_, PyBytes> {
    type Output = I::Output;
    fn index(&self, index: I) -> &Self::Output {
        &self.as_bytes()[index]
    }
}

impl PyByteArray {
    pub fn new<'py>(py: Python<'py>, src: &[u8]) -> Bound<'py, PyByteArray> {
        unsafe {
            Bound::<PyAny>::from_owned_ptr_typed(py, ffi::PyByteArray_FromStringAndSize(src.as_ptr().cast(), src.len() as ffi::Py_ssize_t))
                .cast_into_unchecked()
        }
    }

    /// `len` zeroed bytes filled in place by `init`.
    pub fn new_with<F>(py: Python<'_>, len: usize, init: F) -> PyResult<Bound<'_, PyByteArray>>
    where
        F: FnOnce(&mut [u8]) -> PyResult<()>,
    {
        unsafe {
            let array: Bound<'_, PyByteArray> =
                Bound::<PyAny>::from_owned_ptr_or_err_typed(py, ffi::PyByteArray_FromStringAndSize(std::ptr::null(), len as ffi::Py_ssize_t))?
                    .cast_into_unchecked();
            let data = ffi::PyByteArray_AsString(array.as_ptr()) as *mut u8;
            std::ptr::write_bytes(data, 0, len);
            init(std::slice::from_raw_parts_mut(data, len))?;
            Ok(array)
        }
    }

    /// `bytearray(src)` for any object supporting the buffer protocol or an iterable of ints.
    pub fn from<'py>(src: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyByteArray>> {
        unsafe { Bound::<PyAny>::from_owned_ptr_or_err_typed(src.py(), ffi::PyByteArray_FromObject(src.as_ptr())).map(|b| b.cast_into_unchecked()) }
    }
}

pub trait PyByteArrayMethods<'py> {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool;
    /// A copy of the contents (a bytearray can be resized by Python code, so
    /// no borrowed view is offered safely).
    fn to_vec(&self) -> Vec<u8>;
    /// Changes the length, like `del a[n:]` or zero-extending.
    fn resize(&self, len: usize) -> PyResult<()>;
    /// The start of the contents; invalidated by any resize.
    fn data(&self) -> *mut u8;
    /// # Safety
    /// Nothing (Python code included) may resize or write to the array while the slice lives.
    unsafe fn as_bytes(&self) -> &[u8];
    /// # Safety
    /// As [`as_bytes`](Self::as_bytes), and no other view of the contents may exist.
    #[allow(clippy::mut_from_ref)]
    unsafe fn as_bytes_mut(&self) -> &mut [u8];
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

    fn data(&self) -> *mut u8 {
        unsafe { ffi::PyByteArray_AsString(self.as_ptr()) as *mut u8 }
    }

    unsafe fn as_bytes(&self) -> &[u8] {
        std::slice::from_raw_parts(self.data(), self.len())
    }

    unsafe fn as_bytes_mut(&self) -> &mut [u8] {
        std::slice::from_raw_parts_mut(self.data(), self.len())
    }

    fn resize(&self, len: usize) -> PyResult<()> {
        match unsafe { ffi::PyByteArray_Resize(self.as_ptr(), len as ffi::Py_ssize_t) } {
            -1 => Err(PyErr::fetch(self.py())),
            _ => Ok(()),
        }
    }
}

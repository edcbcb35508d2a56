//! CPython 3.15's `PyBytesWriter` (PEP 782): a buffer written in place, then turned into a
//! `bytes`. No interpreter ferrule supports has it, so this is always the shim, on the full
//! API, the limited API and PyPy alike (PyO3 offers it outside the limited API only).
//!
//! CPython 3.15 writes into a `bytes` object it resizes; this keeps the bytes in a `PyMem`
//! block and copies them into the `bytes` at the finish: one copy more, in exchange for
//! needing nothing beyond the stable ABI and keeping the data when a resize fails, as 3.15
//! does. Functions here follow 3.15's checks and messages.

use core::ffi::{c_int, c_void};
use core::ptr::{null_mut, NonNull};

use crate::ffi::{PyErr_SetString, PyExc_ValueError, PyObject, Py_ssize_t, PY_SSIZE_T_MAX};

/// A bytes writer (CPython 3.15), made by `PyBytesWriter_Create` and ended by exactly one of
/// `PyBytesWriter_Finish`, `PyBytesWriter_FinishWithSize` or `PyBytesWriter_Discard`.
/// Opaque; not thread safe (one thread at a time, as in CPython).
pub struct PyBytesWriter {
    /// `allocated` bytes from `PyMem_Realloc`, or NULL while nothing is allocated.
    data: *mut u8,
    allocated: Py_ssize_t,
    /// Bytes the caller may write, at most `allocated`.
    size: Py_ssize_t,
}

/// Makes the buffer hold at least `size` bytes, plus a quarter when `overallocate` (3.15's
/// factor on Linux, so repeated resizes are amortized). Never shrinks; on failure the
/// writer is unchanged and `MemoryError` is set.
unsafe fn reserve(writer: &mut PyBytesWriter, size: Py_ssize_t, overallocate: bool) -> c_int {
    if size <= writer.allocated {
        return 0;
    }
    let mut allocated = size;
    if overallocate && size <= PY_SSIZE_T_MAX - size / 4 {
        allocated += size / 4;
    }
    let data = crate::ffi::PyMem_Realloc(writer.data.cast(), allocated as usize);
    if data.is_null() {
        crate::ffi::PyErr_NoMemory();
        return -1;
    }
    writer.data = data.cast();
    writer.allocated = allocated;
    0
}

/// Frees the writer and its buffer.
unsafe fn free(writer: *mut PyBytesWriter) {
    crate::ffi::PyMem_Free((*writer).data.cast());
    crate::ffi::PyMem_Free(writer.cast());
}

/// A writer of `size` bytes (uninitialized, to be written through `PyBytesWriter_GetData`),
/// allocated exactly; NULL with `ValueError` when `size` < 0, or `MemoryError` (CPython 3.15).
pub unsafe fn PyBytesWriter_Create(size: Py_ssize_t) -> *mut PyBytesWriter {
    if size < 0 {
        PyErr_SetString(PyExc_ValueError, c"size must be >= 0".as_ptr());
        return null_mut();
    }
    let writer: *mut PyBytesWriter = crate::ffi::PyMem_Malloc(core::mem::size_of::<PyBytesWriter>()).cast();
    if writer.is_null() {
        crate::ffi::PyErr_NoMemory();
        return null_mut();
    }
    writer.write(PyBytesWriter { data: null_mut(), allocated: 0, size: 0 });
    if reserve(&mut *writer, size, false) < 0 {
        free(writer);
        return null_mut();
    }
    (*writer).size = size;
    writer
}

/// Frees `writer` without making a `bytes`; NULL is ignored (CPython 3.15).
pub unsafe fn PyBytesWriter_Discard(writer: *mut PyBytesWriter) {
    if !writer.is_null() {
        free(writer);
    }
}

/// The `bytes` of the writer's `size` bytes, or NULL with an exception; the writer is freed
/// either way (CPython 3.15).
pub unsafe fn PyBytesWriter_Finish(writer: *mut PyBytesWriter) -> *mut PyObject {
    PyBytesWriter_FinishWithSize(writer, (*writer).size)
}

/// As `PyBytesWriter_Finish`, keeping the first `size` bytes: `ValueError` when `size` is
/// negative or larger than the writer's size (CPython 3.15).
pub unsafe fn PyBytesWriter_FinishWithSize(writer: *mut PyBytesWriter, size: Py_ssize_t) -> *mut PyObject {
    let result = if size < 0 {
        PyErr_SetString(PyExc_ValueError, c"size must be positive".as_ptr());
        null_mut()
    } else if size > (*writer).size {
        PyErr_SetString(PyExc_ValueError, c"size larger than allocated size".as_ptr());
        null_mut()
    } else {
        // `data` is NULL only when size is 0, which reads nothing (it gives the empty bytes).
        let data = if size == 0 { c"".as_ptr() } else { (*writer).data.cast_const().cast() };
        crate::ffi::PyBytes_FromStringAndSize(data, size)
    };
    free(writer);
    result
}

/// The start of the writer's buffer, valid for its size until the next resize or the end of
/// the writer; never NULL (CPython 3.15).
pub unsafe fn PyBytesWriter_GetData(writer: *mut PyBytesWriter) -> *mut c_void {
    let data = (*writer).data;
    // Nothing is allocated at size 0: a non-NULL pointer good for zero bytes.
    if data.is_null() { NonNull::<u8>::dangling().as_ptr().cast() } else { data.cast() }
}

/// How many bytes the writer holds (CPython 3.15).
pub unsafe fn PyBytesWriter_GetSize(writer: *mut PyBytesWriter) -> Py_ssize_t {
    (*writer).size
}

/// Sets the writer's size, keeping its first bytes (new ones are uninitialized; the buffer
/// may move, so call `PyBytesWriter_GetData` again): 0, or -1 with `ValueError` when `size` < 0
/// or `MemoryError`, the writer unchanged. Growing overallocates; shrinking frees nothing
/// (CPython 3.15).
pub unsafe fn PyBytesWriter_Resize(writer: *mut PyBytesWriter, size: Py_ssize_t) -> c_int {
    if size < 0 {
        PyErr_SetString(PyExc_ValueError, c"size must be >= 0".as_ptr());
        return -1;
    }
    if reserve(&mut *writer, size, true) < 0 {
        return -1;
    }
    (*writer).size = size;
    0
}

//! CPython 3.14's buffer hash and error-reporting iterator step.

// Unused where every function here is the real one.
#[allow(unused_imports)]
use core::ffi::{c_int, c_void};

#[allow(unused_imports)]
use crate::ffi::{PyObject, Py_hash_t, Py_ssize_t};

shim! {
    #[real(all(Py_3_14, not(Py_LIMITED_API), not(PyPy)))]
    /// The hash of the `len` bytes at `ptr`, equal to `hash()` of a `bytes` (or read-only
    /// `memoryview`) holding them; `len` must be >= 0 (CPython 3.14, outside the limited API).
    /// On older CPython this calls the private `_Py_HashBytes` that `bytes.__hash__` uses, and
    /// cannot fail, as the real one. On the limited API and PyPy it hashes a temporary `bytes`,
    /// so there it returns -1 with `MemoryError` when that cannot be allocated.
    pub unsafe fn Py_HashBuffer(ptr: *const c_void, len: Py_ssize_t) -> Py_hash_t {
        #[cfg(not(any(Py_LIMITED_API, PyPy)))]
        {
            _Py_HashBytes(ptr, len)
        }
        #[cfg(any(Py_LIMITED_API, PyPy))]
        {
            let bytes = crate::ffi::PyBytes_FromStringAndSize(ptr.cast(), len);
            if bytes.is_null() {
                return -1;
            }
            let hash = crate::ffi::PyObject_Hash(bytes);
            crate::ffi::Py_DECREF(bytes);
            hash
        }
    }

    #[real(Py_3_14)]
    /// One step of an iterator, as a strong reference in `*item`: 1 with the next item, 0 (and
    /// NULL, no exception) when it is exhausted, -1 (and NULL) with the exception it raised, or
    /// `TypeError` when `iter` is not an iterator (CPython 3.14). `PyIter_Next` leaves "exhausted"
    /// and "failed" to be told apart by `PyErr_Occurred`; this does that.
    pub unsafe fn PyIter_NextItem(iter: *mut PyObject, item: *mut *mut PyObject) -> c_int {
        use crate::ffi::PyExc_TypeError;
        *item = core::ptr::null_mut();
        if crate::ffi::PyIter_Check(iter) == 0 {
            // Only the full API can read the type's name without a call that could fail.
            #[cfg(not(Py_LIMITED_API))]
            crate::ffi::PyErr_Format(
                PyExc_TypeError,
                c"expected an iterator, got '%.200s'".as_ptr(),
                (*crate::ffi::Py_TYPE(iter)).tp_name,
            );
            #[cfg(Py_LIMITED_API)]
            crate::ffi::PyErr_SetString(PyExc_TypeError, c"expected an iterator".as_ptr());
            return -1;
        }
        *item = crate::ffi::PyIter_Next(iter);
        if !(*item).is_null() {
            1
        } else if crate::ffi::PyErr_Occurred().is_null() {
            0
        } else {
            -1
        }
    }
}

#[cfg(all(not(Py_3_14), not(any(Py_LIMITED_API, PyPy))))]
extern "C" {
    // Exported (PyAPI_FUNC) by CPython 3.9-3.13, internal header only from 3.13.
    fn _Py_HashBytes(ptr: *const c_void, len: Py_ssize_t) -> Py_hash_t;
}

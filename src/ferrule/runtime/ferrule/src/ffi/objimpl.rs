//! Object allocation and garbage-collector support (`objimpl.h`).

use core::ffi::{c_int, c_void};

use super::object::{PyObject, PyTypeObject, PyType_HasFeature, PyVarObject, Py_TPFLAGS_HAVE_GC};
use super::pyport::Py_ssize_t;

// visitproc, traverseproc and inquiry live in `object` (as in CPython).
pub use super::object::{inquiry, traverseproc, visitproc};

extern "C" {
    pub fn PyObject_Malloc(size: usize) -> *mut c_void;
    pub fn PyObject_Calloc(nelem: usize, elsize: usize) -> *mut c_void;
    pub fn PyObject_Realloc(ptr: *mut c_void, new_size: usize) -> *mut c_void;
    pub fn PyObject_Free(ptr: *mut c_void);

    pub fn PyObject_Init(op: *mut PyObject, tp: *mut PyTypeObject) -> *mut PyObject;
    pub fn PyObject_InitVar(op: *mut PyVarObject, tp: *mut PyTypeObject, size: Py_ssize_t)
        -> *mut PyVarObject;
    /// What the `PyObject_New` macro calls.
    pub fn _PyObject_New(tp: *mut PyTypeObject) -> *mut PyObject;
    pub fn _PyObject_NewVar(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> *mut PyVarObject;
    /// What the `PyObject_GC_New` macro calls.
    pub fn _PyObject_GC_New(tp: *mut PyTypeObject) -> *mut PyObject;
    pub fn _PyObject_GC_NewVar(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> *mut PyVarObject;

    pub fn PyGC_Collect() -> Py_ssize_t;
    #[cfg(Py_3_10)]
    pub fn PyGC_Enable() -> c_int;
    #[cfg(Py_3_10)]
    pub fn PyGC_Disable() -> c_int;
    #[cfg(Py_3_10)]
    pub fn PyGC_IsEnabled() -> c_int;

    pub fn PyObject_GC_Track(op: *mut c_void);
    pub fn PyObject_GC_UnTrack(op: *mut c_void);
    pub fn PyObject_GC_Del(op: *mut c_void);
    pub fn PyObject_GC_IsTracked(op: *mut PyObject) -> c_int;
    pub fn PyObject_GC_IsFinalized(op: *mut PyObject) -> c_int;
    #[cfg(not(Py_LIMITED_API))]
    pub fn PyObject_IS_GC(op: *mut PyObject) -> c_int;
}

/// Does the type support garbage collection?
#[inline]
pub unsafe fn PyType_IS_GC(tp: *mut PyTypeObject) -> c_int {
    PyType_HasFeature(tp, Py_TPFLAGS_HAVE_GC)
}

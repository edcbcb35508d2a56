//! Object allocation and garbage-collector support (`objimpl.h`).

use core::ffi::{c_int, c_void};

use super::object::{PyObject, PyTypeObject, PyType_HasFeature, PyVarObject, Py_TPFLAGS_HAVE_GC};
use super::pyport::Py_ssize_t;

// visitproc, traverseproc and inquiry live in `object` (as in CPython).
pub use super::object::{inquiry, traverseproc, visitproc};

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPyObject_Malloc")]
    pub fn PyObject_Malloc(size: usize) -> *mut c_void;
    #[cfg_attr(PyPy, link_name = "PyPyObject_Calloc")]
    pub fn PyObject_Calloc(nelem: usize, elsize: usize) -> *mut c_void;
    #[cfg_attr(PyPy, link_name = "PyPyObject_Realloc")]
    pub fn PyObject_Realloc(ptr: *mut c_void, new_size: usize) -> *mut c_void;
    #[cfg_attr(PyPy, link_name = "PyPyObject_Free")]
    pub fn PyObject_Free(ptr: *mut c_void);

    #[cfg_attr(PyPy, link_name = "PyPyObject_Init")]
    pub fn PyObject_Init(op: *mut PyObject, tp: *mut PyTypeObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyObject_InitVar")]
    pub fn PyObject_InitVar(op: *mut PyVarObject, tp: *mut PyTypeObject, size: Py_ssize_t)
        -> *mut PyVarObject;
    /// What the `PyObject_New` macro calls.
    #[cfg_attr(PyPy, link_name = "_PyPyObject_New")]
    pub fn _PyObject_New(tp: *mut PyTypeObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "_PyPyObject_NewVar")]
    pub fn _PyObject_NewVar(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> *mut PyVarObject;
    /// What the `PyObject_GC_New` macro calls.
    #[cfg_attr(PyPy, link_name = "_PyPyObject_GC_New")]
    pub fn _PyObject_GC_New(tp: *mut PyTypeObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "_PyPyObject_GC_NewVar")]
    pub fn _PyObject_GC_NewVar(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> *mut PyVarObject;

    #[cfg_attr(PyPy, link_name = "PyPyGC_Collect")]
    #[cfg(any(not(PyPy), Py_3_11))]
    pub fn PyGC_Collect() -> Py_ssize_t;
    #[cfg(Py_3_10)]
    #[cfg_attr(PyPy, link_name = "PyPyGC_Enable")]
    #[cfg(any(not(PyPy), Py_3_11))]
    pub fn PyGC_Enable() -> c_int;
    #[cfg(Py_3_10)]
    #[cfg_attr(PyPy, link_name = "PyPyGC_Disable")]
    #[cfg(any(not(PyPy), Py_3_11))]
    pub fn PyGC_Disable() -> c_int;
    #[cfg(Py_3_10)]
    #[cfg_attr(PyPy, link_name = "PyPyGC_IsEnabled")]
    #[cfg(any(not(PyPy), Py_3_11))]
    pub fn PyGC_IsEnabled() -> c_int;

    #[cfg(not(PyPy))]
    pub fn PyObject_GC_Track(op: *mut c_void);
    #[cfg(not(PyPy))]
    pub fn PyObject_GC_UnTrack(op: *mut c_void);
}

/// No-ops in cpyext's headers too: PyPy's collector tracks objects itself.
#[cfg(PyPy)]
#[inline]
pub unsafe fn PyObject_GC_Track(_op: *mut c_void) {}

#[cfg(PyPy)]
#[inline]
pub unsafe fn PyObject_GC_UnTrack(_op: *mut c_void) {}

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPyObject_GC_Del")]
    pub fn PyObject_GC_Del(op: *mut c_void);
    #[cfg_attr(PyPy, link_name = "PyPyObject_GC_IsTracked")]
    #[cfg(any(not(PyPy), Py_3_11))]
    pub fn PyObject_GC_IsTracked(op: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyObject_GC_IsFinalized")]
    #[cfg(any(not(PyPy), Py_3_11))]
    pub fn PyObject_GC_IsFinalized(op: *mut PyObject) -> c_int;
    #[cfg(not(Py_LIMITED_API))]
    #[cfg(not(PyPy))]
    pub fn PyObject_IS_GC(op: *mut PyObject) -> c_int;
}

/// Does the type support garbage collection?
#[inline]
pub unsafe fn PyType_IS_GC(tp: *mut PyTypeObject) -> c_int {
    PyType_HasFeature(tp, Py_TPFLAGS_HAVE_GC)
}

//! Sequence and callable iterators (`iterobject.h`).

use core::ffi::c_int;
use core::ptr;

use super::object::{PyObject, PyTypeObject, Py_IS_TYPE};

extern "C" {
    #[cfg(not(PyPy))]
    pub static mut PySeqIter_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PyCallIter_Type: PyTypeObject;

    #[cfg_attr(PyPy, link_name = "PyPySeqIter_New")]
    pub fn PySeqIter_New(seq: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyCallIter_New")]
    pub fn PyCallIter_New(callable: *mut PyObject, sentinel: *mut PyObject) -> *mut PyObject;
}

#[cfg(not(PyPy))]
#[inline]
pub unsafe fn PySeqIter_Check(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PySeqIter_Type))
}

#[cfg(not(PyPy))]
#[inline]
pub unsafe fn PyCallIter_Check(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyCallIter_Type))
}

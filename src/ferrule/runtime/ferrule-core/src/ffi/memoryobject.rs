//! `memoryview` objects (`memoryobject.h`).

use core::ffi::{c_char, c_int};
use core::ptr;

use super::object::{PyObject, PyTypeObject, Py_IS_TYPE};
use super::pyport::Py_ssize_t;

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPyMemoryView_Type")]
    pub static mut PyMemoryView_Type: PyTypeObject;

    #[cfg_attr(PyPy, link_name = "PyPyMemoryView_FromObject")]
    pub fn PyMemoryView_FromObject(base: *mut PyObject) -> *mut PyObject;
    /// `flags` is PyBUF_READ or PyBUF_WRITE.
    #[cfg_attr(PyPy, link_name = "PyPyMemoryView_FromMemory")]
    pub fn PyMemoryView_FromMemory(mem: *mut c_char, size: Py_ssize_t, flags: c_int)
        -> *mut PyObject;
    #[cfg(any(not(Py_LIMITED_API), Py_3_11))]
    #[cfg_attr(PyPy, link_name = "PyPyMemoryView_FromBuffer")]
    pub fn PyMemoryView_FromBuffer(info: *const super::pybuffer::Py_buffer) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyMemoryView_GetContiguous")]
    pub fn PyMemoryView_GetContiguous(base: *mut PyObject, buffertype: c_int, order: c_char)
        -> *mut PyObject;
}

#[inline]
pub unsafe fn PyMemoryView_Check(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyMemoryView_Type))
}

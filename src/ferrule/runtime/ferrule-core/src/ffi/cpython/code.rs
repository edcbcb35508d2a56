//! Code, function and frame objects and `marshal` (`cpython/code.h`,
//! `cpython/funcobject.h`, `cpython/frameobject.h`, `cpython/marshal.h`):
//! none of them is in the limited API.

use core::ffi::{c_char, c_int};
use core::ptr;

use crate::ffi::object::{PyObject, PyTypeObject, Py_IS_TYPE};
use crate::ffi::pyframe::{PyCodeObject, PyFrameObject};
use crate::ffi::pyport::Py_ssize_t;
use crate::ffi::pystate::PyThreadState;

extern "C" {
    #[cfg(not(PyPy))]
    pub static mut PyCode_Type: PyTypeObject;
    #[cfg_attr(PyPy, link_name = "PyPyFunction_Type")]
    pub static mut PyFunction_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PyFrame_Type: PyTypeObject;

    #[cfg(not(PyPy))]
    pub fn PyCode_NewEmpty(filename: *const c_char, funcname: *const c_char, firstlineno: c_int)
        -> *mut PyCodeObject;
    #[cfg(not(PyPy))]
    pub fn PyFrame_New(
        tstate: *mut PyThreadState,
        code: *mut PyCodeObject,
        globals: *mut PyObject,
        locals: *mut PyObject,
    ) -> *mut PyFrameObject;

    /// Strong references (3.11+).
    #[cfg(all(Py_3_11, not(PyPy)))]
    pub fn PyFrame_GetBuiltins(frame: *mut PyFrameObject) -> *mut PyObject;
    #[cfg(all(Py_3_11, not(PyPy)))]
    pub fn PyFrame_GetGlobals(frame: *mut PyFrameObject) -> *mut PyObject;
    #[cfg(all(Py_3_11, not(PyPy)))]
    pub fn PyFrame_GetLocals(frame: *mut PyFrameObject) -> *mut PyObject;
    /// Strong reference; `NameError` when the frame has no such variable (3.12+).
    #[cfg(all(Py_3_12, not(PyPy)))]
    pub fn PyFrame_GetVarString(frame: *mut PyFrameObject, name: *const c_char) -> *mut PyObject;

    #[cfg_attr(PyPy, link_name = "PyPyMarshal_WriteObjectToString")]
    pub fn PyMarshal_WriteObjectToString(object: *mut PyObject, version: c_int) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyMarshal_ReadObjectFromString")]
    pub fn PyMarshal_ReadObjectFromString(data: *const c_char, len: Py_ssize_t) -> *mut PyObject;
}

#[cfg(not(PyPy))]
#[inline]
pub unsafe fn PyCode_Check(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyCode_Type))
}

#[inline]
pub unsafe fn PyFunction_Check(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyFunction_Type))
}

#[cfg(not(PyPy))]
#[inline]
pub unsafe fn PyFrame_Check(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyFrame_Type))
}

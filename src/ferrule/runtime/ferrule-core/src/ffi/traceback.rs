//! Traceback objects (`traceback.h`).

use core::ffi::c_int;
use core::ptr;

use super::object::{PyObject, PyTypeObject, Py_IS_TYPE};
use super::pyframe::PyFrameObject;

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPyTraceBack_Type")]
    pub static mut PyTraceBack_Type: PyTypeObject;

    #[cfg_attr(PyPy, link_name = "PyPyTraceBack_Here")]
    pub fn PyTraceBack_Here(frame: *mut PyFrameObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyTraceBack_Print")]
    pub fn PyTraceBack_Print(tb: *mut PyObject, file: *mut PyObject) -> c_int;
}

#[inline]
pub unsafe fn PyTraceBack_Check(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyTraceBack_Type))
}

//! `range` objects (`rangeobject.h`).

use core::ffi::c_int;
use core::ptr;

use super::object::{PyObject, PyTypeObject, Py_IS_TYPE};

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPyRange_Type")]
    pub static mut PyRange_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PyRangeIter_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PyLongRangeIter_Type: PyTypeObject;
}

#[inline]
pub unsafe fn PyRange_Check(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyRange_Type))
}

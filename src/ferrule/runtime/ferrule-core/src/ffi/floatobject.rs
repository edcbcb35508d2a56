//! `float` objects (`floatobject.h`).

use core::ffi::{c_double, c_int};
use core::ptr;

use super::object::{PyObject, PyTypeObject};

/// Non-limited layout, used by the inline `PyFloat_AS_DOUBLE`.
#[cfg(not(Py_LIMITED_API))]
#[repr(C)]
pub struct PyFloatObject {
    pub ob_base: PyObject,
    pub ob_fval: c_double,
}

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPyFloat_Type")]
    pub static mut PyFloat_Type: PyTypeObject;

    #[cfg(not(PyPy))]
    pub fn PyFloat_GetMax() -> c_double;
    #[cfg(not(PyPy))]
    pub fn PyFloat_GetMin() -> c_double;
    #[cfg(not(PyPy))]
    pub fn PyFloat_GetInfo() -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyFloat_FromString")]
    pub fn PyFloat_FromString(s: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyFloat_FromDouble")]
    pub fn PyFloat_FromDouble(v: c_double) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyFloat_AsDouble")]
    pub fn PyFloat_AsDouble(obj: *mut PyObject) -> c_double;
}

#[inline]
pub unsafe fn PyFloat_Check(op: *mut PyObject) -> c_int {
    super::object::PyObject_TypeCheck(op, ptr::addr_of_mut!(PyFloat_Type))
}

#[inline]
pub unsafe fn PyFloat_CheckExact(op: *mut PyObject) -> c_int {
    super::object::Py_IS_TYPE(op, ptr::addr_of_mut!(PyFloat_Type))
}

#[cfg(not(Py_LIMITED_API))]
#[inline]
pub unsafe fn PyFloat_AS_DOUBLE(op: *mut PyObject) -> c_double {
    (*op.cast::<PyFloatObject>()).ob_fval
}

//! `bool` objects (`boolobject.h`).

use core::ffi::{c_int, c_long};
use core::ptr;

use super::object::{PyObject, PyTypeObject};

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPyBool_Type")]
    pub static mut PyBool_Type: PyTypeObject;
    // Really PyLongObject; only the address is used.
    #[cfg_attr(PyPy, link_name = "_PyPy_FalseStruct")]
    pub static mut _Py_FalseStruct: PyObject;
    #[cfg_attr(PyPy, link_name = "_PyPy_TrueStruct")]
    pub static mut _Py_TrueStruct: PyObject;

    #[cfg_attr(PyPy, link_name = "PyPyBool_FromLong")]
    pub fn PyBool_FromLong(v: c_long) -> *mut PyObject;
}

#[inline]
pub unsafe fn PyBool_Check(op: *mut PyObject) -> c_int {
    super::object::Py_IS_TYPE(op, ptr::addr_of_mut!(PyBool_Type))
}

/// Borrowed reference to `True`.
#[inline]
pub unsafe fn Py_True() -> *mut PyObject {
    #[cfg(all(Py_LIMITED_API, Py_3_13))]
    return super::object::Py_GetConstantBorrowed(super::object::Py_CONSTANT_TRUE);
    #[cfg(not(all(Py_LIMITED_API, Py_3_13)))]
    return ptr::addr_of_mut!(_Py_TrueStruct);
}

/// Borrowed reference to `False`.
#[inline]
pub unsafe fn Py_False() -> *mut PyObject {
    #[cfg(all(Py_LIMITED_API, Py_3_13))]
    return super::object::Py_GetConstantBorrowed(super::object::Py_CONSTANT_FALSE);
    #[cfg(not(all(Py_LIMITED_API, Py_3_13)))]
    return ptr::addr_of_mut!(_Py_FalseStruct);
}

#[inline]
pub unsafe fn Py_IsTrue(x: *mut PyObject) -> c_int {
    (x == Py_True()) as c_int
}

#[inline]
pub unsafe fn Py_IsFalse(x: *mut PyObject) -> c_int {
    (x == Py_False()) as c_int
}

//! `set` and `frozenset` objects (`setobject.h`).

use core::ffi::c_int;
use core::ptr;

use super::object::{PyObject, PyTypeObject, PyType_IsSubtype, Py_IS_TYPE, Py_TYPE};
use super::pyport::Py_ssize_t;

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPySet_Type")]
    pub static mut PySet_Type: PyTypeObject;
    #[cfg_attr(PyPy, link_name = "PyPyFrozenSet_Type")]
    pub static mut PyFrozenSet_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PySetIter_Type: PyTypeObject;

    #[cfg_attr(PyPy, link_name = "PyPySet_New")]
    pub fn PySet_New(iterable: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyFrozenSet_New")]
    pub fn PyFrozenSet_New(iterable: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPySet_Add")]
    pub fn PySet_Add(set: *mut PyObject, key: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPySet_Clear")]
    pub fn PySet_Clear(set: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPySet_Contains")]
    pub fn PySet_Contains(anyset: *mut PyObject, key: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPySet_Discard")]
    pub fn PySet_Discard(set: *mut PyObject, key: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPySet_Pop")]
    pub fn PySet_Pop(set: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPySet_Size")]
    pub fn PySet_Size(anyset: *mut PyObject) -> Py_ssize_t;
}

#[inline]
unsafe fn is_type_or_subtype(op: *mut PyObject, tp: *mut PyTypeObject) -> bool {
    Py_IS_TYPE(op, tp) != 0 || PyType_IsSubtype(Py_TYPE(op), tp) != 0
}

#[inline]
pub unsafe fn PyFrozenSet_CheckExact(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyFrozenSet_Type))
}

#[inline]
pub unsafe fn PyFrozenSet_Check(op: *mut PyObject) -> c_int {
    is_type_or_subtype(op, ptr::addr_of_mut!(PyFrozenSet_Type)) as c_int
}

#[inline]
pub unsafe fn PySet_CheckExact(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PySet_Type))
}

#[inline]
pub unsafe fn PySet_Check(op: *mut PyObject) -> c_int {
    is_type_or_subtype(op, ptr::addr_of_mut!(PySet_Type)) as c_int
}

#[inline]
pub unsafe fn PyAnySet_CheckExact(op: *mut PyObject) -> c_int {
    (PySet_CheckExact(op) != 0 || PyFrozenSet_CheckExact(op) != 0) as c_int
}

#[inline]
pub unsafe fn PyAnySet_Check(op: *mut PyObject) -> c_int {
    (PyAnySet_CheckExact(op) != 0
        || is_type_or_subtype(op, ptr::addr_of_mut!(PySet_Type))
        || is_type_or_subtype(op, ptr::addr_of_mut!(PyFrozenSet_Type))) as c_int
}

//! `list` objects (`listobject.h`, `cpython/listobject.h`).

use core::ffi::c_int;
use core::ptr;

use super::object::{PyObject, PyTypeObject, Py_TPFLAGS_LIST_SUBCLASS};
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
use super::object::PyVarObject;
use super::pyport::Py_ssize_t;

/// Real layout; opaque under the limited API and in cpyext, whose lists have
/// no C items array (use the PyList_* functions).
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
#[repr(C)]
pub struct PyListObject {
    pub ob_base: PyVarObject,
    pub ob_item: *mut *mut PyObject,
    pub allocated: Py_ssize_t,
}

#[cfg(any(Py_LIMITED_API, PyPy))]
#[repr(C)]
pub struct PyListObject {
    _opaque: [u8; 0],
}

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPyList_Type")]
    pub static mut PyList_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PyListIter_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PyListRevIter_Type: PyTypeObject;

    #[cfg_attr(PyPy, link_name = "PyPyList_New")]
    pub fn PyList_New(size: Py_ssize_t) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyList_Size")]
    pub fn PyList_Size(list: *mut PyObject) -> Py_ssize_t;
    /// Borrowed reference.
    #[cfg_attr(PyPy, link_name = "PyPyList_GetItem")]
    pub fn PyList_GetItem(list: *mut PyObject, index: Py_ssize_t) -> *mut PyObject;
    /// Strong reference.
    #[cfg(Py_3_13)]
    pub fn PyList_GetItemRef(list: *mut PyObject, index: Py_ssize_t) -> *mut PyObject;
    /// Steals a reference to `item`.
    #[cfg_attr(PyPy, link_name = "PyPyList_SetItem")]
    pub fn PyList_SetItem(list: *mut PyObject, index: Py_ssize_t, item: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyList_Insert")]
    pub fn PyList_Insert(list: *mut PyObject, index: Py_ssize_t, item: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyList_Append")]
    pub fn PyList_Append(list: *mut PyObject, item: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyList_GetSlice")]
    pub fn PyList_GetSlice(list: *mut PyObject, low: Py_ssize_t, high: Py_ssize_t)
        -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyList_SetSlice")]
    pub fn PyList_SetSlice(
        list: *mut PyObject,
        low: Py_ssize_t,
        high: Py_ssize_t,
        itemlist: *mut PyObject,
    ) -> c_int;
    #[cfg(Py_3_13)]
    pub fn PyList_Extend(list: *mut PyObject, iterable: *mut PyObject) -> c_int;
    #[cfg(Py_3_13)]
    pub fn PyList_Clear(list: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyList_Sort")]
    pub fn PyList_Sort(list: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyList_Reverse")]
    pub fn PyList_Reverse(list: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyList_AsTuple")]
    pub fn PyList_AsTuple(list: *mut PyObject) -> *mut PyObject;
}

#[inline]
pub unsafe fn PyList_Check(op: *mut PyObject) -> c_int {
    super::object::PyType_FastSubclass(super::object::Py_TYPE(op), Py_TPFLAGS_LIST_SUBCLASS)
}

#[inline]
pub unsafe fn PyList_CheckExact(op: *mut PyObject) -> c_int {
    super::object::Py_IS_TYPE(op, ptr::addr_of_mut!(PyList_Type))
}

/// Borrowed reference; no bounds or type check.
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
#[inline]
pub unsafe fn PyList_GET_ITEM(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    *(*op.cast::<PyListObject>()).ob_item.offset(i)
}

/// Steals a reference to `v` and does not release the previous item.
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
#[inline]
pub unsafe fn PyList_SET_ITEM(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) {
    *(*op.cast::<PyListObject>()).ob_item.offset(i) = v;
}

#[cfg(not(any(Py_LIMITED_API, PyPy)))]
#[inline]
pub unsafe fn PyList_GET_SIZE(op: *mut PyObject) -> Py_ssize_t {
    super::object::Py_SIZE(op)
}

// cpyext exports the macros as functions.
#[cfg(PyPy)]
extern "C" {
    #[link_name = "PyPyList_GET_ITEM"]
    pub fn PyList_GET_ITEM(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject;
    #[link_name = "PyPyList_SET_ITEM"]
    pub fn PyList_SET_ITEM(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject);
    #[link_name = "PyPyList_GET_SIZE"]
    pub fn PyList_GET_SIZE(op: *mut PyObject) -> Py_ssize_t;
}

//! `tuple` objects (`tupleobject.h`, `cpython/tupleobject.h`).

use core::ffi::c_int;
use core::ptr;

use super::object::{PyObject, PyTypeObject, Py_TPFLAGS_TUPLE_SUBCLASS};
#[cfg(not(Py_LIMITED_API))]
use super::object::PyVarObject;
use super::pyport::Py_ssize_t;
#[cfg(all(Py_3_14, not(Py_LIMITED_API)))]
use super::pyport::Py_hash_t;

/// Real layout (items follow inline); opaque under the limited API.
#[cfg(not(Py_LIMITED_API))]
#[repr(C)]
pub struct PyTupleObject {
    pub ob_base: PyVarObject,
    /// Cached hash, -1 until computed (3.14+).
    #[cfg(Py_3_14)]
    pub ob_hash: Py_hash_t,
    pub ob_item: [*mut PyObject; 1],
}

#[cfg(Py_LIMITED_API)]
#[repr(C)]
pub struct PyTupleObject {
    _opaque: [u8; 0],
}

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPyTuple_Type")]
    pub static mut PyTuple_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PyTupleIter_Type: PyTypeObject;

    #[cfg_attr(PyPy, link_name = "PyPyTuple_New")]
    pub fn PyTuple_New(size: Py_ssize_t) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyTuple_Size")]
    pub fn PyTuple_Size(tuple: *mut PyObject) -> Py_ssize_t;
    /// Borrowed reference.
    #[cfg_attr(PyPy, link_name = "PyPyTuple_GetItem")]
    pub fn PyTuple_GetItem(tuple: *mut PyObject, index: Py_ssize_t) -> *mut PyObject;
    /// Steals a reference to `item`.
    #[cfg_attr(PyPy, link_name = "PyPyTuple_SetItem")]
    pub fn PyTuple_SetItem(tuple: *mut PyObject, index: Py_ssize_t, item: *mut PyObject)
        -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyTuple_GetSlice")]
    pub fn PyTuple_GetSlice(tuple: *mut PyObject, low: Py_ssize_t, high: Py_ssize_t)
        -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyTuple_Pack")]
    pub fn PyTuple_Pack(n: Py_ssize_t, ...) -> *mut PyObject;
    #[cfg(not(Py_LIMITED_API))]
    #[cfg_attr(PyPy, link_name = "_PyPyTuple_Resize")]
    pub fn _PyTuple_Resize(tuple: *mut *mut PyObject, newsize: Py_ssize_t) -> c_int;
}

#[inline]
pub unsafe fn PyTuple_Check(op: *mut PyObject) -> c_int {
    super::object::PyType_FastSubclass(super::object::Py_TYPE(op), Py_TPFLAGS_TUPLE_SUBCLASS)
}

#[inline]
pub unsafe fn PyTuple_CheckExact(op: *mut PyObject) -> c_int {
    super::object::Py_IS_TYPE(op, ptr::addr_of_mut!(PyTuple_Type))
}

#[cfg(not(Py_LIMITED_API))]
#[inline]
unsafe fn tuple_items(op: *mut PyObject) -> *mut *mut PyObject {
    ptr::addr_of_mut!((*op.cast::<PyTupleObject>()).ob_item).cast::<*mut PyObject>()
}

/// Borrowed reference; no bounds or type check.
#[cfg(not(Py_LIMITED_API))]
#[inline]
pub unsafe fn PyTuple_GET_ITEM(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    *tuple_items(op).offset(i)
}

/// Steals a reference to `v`; only for filling fresh tuples.
#[cfg(not(Py_LIMITED_API))]
#[inline]
pub unsafe fn PyTuple_SET_ITEM(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) {
    *tuple_items(op).offset(i) = v;
}

#[cfg(not(Py_LIMITED_API))]
#[inline]
pub unsafe fn PyTuple_GET_SIZE(op: *mut PyObject) -> Py_ssize_t {
    super::object::Py_SIZE(op)
}

//! Weak references (`weakrefobject.h`).

use core::ffi::c_int;
use core::ptr;

use super::object::{PyObject, PyObject_TypeCheck, PyTypeObject, Py_IS_TYPE};

extern "C" {
    #[cfg(not(PyPy))]
    pub static mut _PyWeakref_RefType: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut _PyWeakref_ProxyType: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut _PyWeakref_CallableProxyType: PyTypeObject;

    #[cfg_attr(PyPy, link_name = "PyPyWeakref_NewRef")]
    pub fn PyWeakref_NewRef(ob: *mut PyObject, callback: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyWeakref_NewProxy")]
    pub fn PyWeakref_NewProxy(ob: *mut PyObject, callback: *mut PyObject) -> *mut PyObject;
    /// Borrowed reference (deprecated in 3.13, use PyWeakref_GetRef).
    #[cfg_attr(PyPy, link_name = "PyPyWeakref_GetObject")]
    pub fn PyWeakref_GetObject(reference: *mut PyObject) -> *mut PyObject;
    /// Strong reference in `*pobj`; returns 1 alive, 0 dead, -1 error.
    #[cfg(Py_3_13)]
    pub fn PyWeakref_GetRef(reference: *mut PyObject, pobj: *mut *mut PyObject) -> c_int;
}

#[cfg(not(PyPy))]
#[inline]
pub unsafe fn PyWeakref_CheckRef(op: *mut PyObject) -> c_int {
    PyObject_TypeCheck(op, ptr::addr_of_mut!(_PyWeakref_RefType))
}

#[cfg(not(PyPy))]
#[inline]
pub unsafe fn PyWeakref_CheckRefExact(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(_PyWeakref_RefType))
}

#[cfg(not(PyPy))]
#[inline]
pub unsafe fn PyWeakref_CheckProxy(op: *mut PyObject) -> c_int {
    (Py_IS_TYPE(op, ptr::addr_of_mut!(_PyWeakref_ProxyType)) != 0
        || Py_IS_TYPE(op, ptr::addr_of_mut!(_PyWeakref_CallableProxyType)) != 0) as c_int
}

// cpyext has no weakref type objects to compare with, but exports the checks.
#[cfg(PyPy)]
extern "C" {
    #[link_name = "PyPyWeakref_CheckRef"]
    pub fn PyWeakref_CheckRef(op: *mut PyObject) -> c_int;
    #[link_name = "PyPyWeakref_CheckRefExact"]
    pub fn PyWeakref_CheckRefExact(op: *mut PyObject) -> c_int;
    #[link_name = "PyPyWeakref_CheckProxy"]
    pub fn PyWeakref_CheckProxy(op: *mut PyObject) -> c_int;
}

#[inline]
pub unsafe fn PyWeakref_Check(op: *mut PyObject) -> c_int {
    (PyWeakref_CheckRef(op) != 0 || PyWeakref_CheckProxy(op) != 0) as c_int
}

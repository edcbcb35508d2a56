//! `bytes` objects (`bytesobject.h`).

use core::ffi::{c_char, c_int};
use core::ptr;

use super::object::{PyObject, PyTypeObject, Py_TPFLAGS_BYTES_SUBCLASS};
use super::pyport::Py_ssize_t;

extern "C" {
    pub static mut PyBytes_Type: PyTypeObject;
    pub static mut PyBytesIter_Type: PyTypeObject;

    pub fn PyBytes_FromStringAndSize(v: *const c_char, len: Py_ssize_t) -> *mut PyObject;
    pub fn PyBytes_FromString(v: *const c_char) -> *mut PyObject;
    pub fn PyBytes_FromObject(o: *mut PyObject) -> *mut PyObject;
    pub fn PyBytes_FromFormat(format: *const c_char, ...) -> *mut PyObject;
    pub fn PyBytes_Size(o: *mut PyObject) -> Py_ssize_t;
    pub fn PyBytes_AsString(o: *mut PyObject) -> *mut c_char;
    pub fn PyBytes_Repr(o: *mut PyObject, smartquotes: c_int) -> *mut PyObject;
    pub fn PyBytes_Concat(bytes: *mut *mut PyObject, newpart: *mut PyObject);
    pub fn PyBytes_ConcatAndDel(bytes: *mut *mut PyObject, newpart: *mut PyObject);
    pub fn PyBytes_AsStringAndSize(
        obj: *mut PyObject,
        s: *mut *mut c_char,
        len: *mut Py_ssize_t,
    ) -> c_int;
}

#[inline]
pub unsafe fn PyBytes_Check(op: *mut PyObject) -> c_int {
    super::object::PyType_FastSubclass(super::object::Py_TYPE(op), Py_TPFLAGS_BYTES_SUBCLASS)
}

#[inline]
pub unsafe fn PyBytes_CheckExact(op: *mut PyObject) -> c_int {
    super::object::Py_IS_TYPE(op, ptr::addr_of_mut!(PyBytes_Type))
}

//! Descriptors, `PyGetSetDef` and `PyMemberDef` (`descrobject.h`; member
//! type codes moved there from `structmember.h` in 3.12).

use core::ffi::{c_char, c_int, c_void};
use core::ptr;

use super::methodobject::PyMethodDef;
use super::object::{PyObject, PyTypeObject};
use super::pyport::Py_ssize_t;

pub type getter = unsafe extern "C" fn(slf: *mut PyObject, closure: *mut c_void) -> *mut PyObject;
pub type setter =
    unsafe extern "C" fn(slf: *mut PyObject, value: *mut PyObject, closure: *mut c_void) -> c_int;

#[repr(C)]
#[derive(Copy, Clone)]
pub struct PyGetSetDef {
    pub name: *const c_char,
    pub get: Option<getter>,
    pub set: Option<setter>,
    pub doc: *const c_char,
    pub closure: *mut c_void,
}

impl PyGetSetDef {
    pub const fn zeroed() -> Self {
        PyGetSetDef {
            name: ptr::null(),
            get: None,
            set: None,
            doc: ptr::null(),
            closure: ptr::null_mut(),
        }
    }
}

#[repr(C)]
#[derive(Copy, Clone)]
pub struct PyMemberDef {
    pub name: *const c_char,
    pub type_code: c_int,
    pub offset: Py_ssize_t,
    pub flags: c_int,
    pub doc: *const c_char,
}

impl PyMemberDef {
    pub const fn zeroed() -> Self {
        PyMemberDef {
            name: ptr::null(),
            type_code: 0,
            offset: 0,
            flags: 0,
            doc: ptr::null(),
        }
    }
}

// CPython only reads these tables, so they may live in (non-mut) statics.
unsafe impl Sync for PyGetSetDef {}
unsafe impl Sync for PyMemberDef {}

// Member type codes (values are the same as the legacy T_* names).
pub const Py_T_SHORT: c_int = 0;
pub const Py_T_INT: c_int = 1;
pub const Py_T_LONG: c_int = 2;
pub const Py_T_FLOAT: c_int = 3;
pub const Py_T_DOUBLE: c_int = 4;
pub const Py_T_STRING: c_int = 5;
pub const _Py_T_OBJECT: c_int = 6;
pub const Py_T_CHAR: c_int = 7;
pub const Py_T_BYTE: c_int = 8;
pub const Py_T_UBYTE: c_int = 9;
pub const Py_T_USHORT: c_int = 10;
pub const Py_T_UINT: c_int = 11;
pub const Py_T_ULONG: c_int = 12;
pub const Py_T_STRING_INPLACE: c_int = 13;
pub const Py_T_BOOL: c_int = 14;
pub const Py_T_OBJECT_EX: c_int = 16;
pub const Py_T_LONGLONG: c_int = 17;
pub const Py_T_ULONGLONG: c_int = 18;
pub const Py_T_PYSSIZET: c_int = 19;
pub const _Py_T_NONE: c_int = 20;

// Member flags.
pub const Py_READONLY: c_int = 1;
pub const Py_AUDIT_READ: c_int = 2;
pub const _Py_WRITE_RESTRICTED: c_int = 4;
/// Offset is relative to the type's own data (PyType_FromSpec, 3.12+).
#[cfg(Py_3_12)]
pub const Py_RELATIVE_OFFSET: c_int = 8;

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPyClassMethodDescr_Type")]
    pub static mut PyClassMethodDescr_Type: PyTypeObject;
    #[cfg_attr(PyPy, link_name = "PyPyGetSetDescr_Type")]
    pub static mut PyGetSetDescr_Type: PyTypeObject;
    #[cfg_attr(PyPy, link_name = "PyPyMemberDescr_Type")]
    pub static mut PyMemberDescr_Type: PyTypeObject;
    #[cfg_attr(PyPy, link_name = "PyPyMethodDescr_Type")]
    pub static mut PyMethodDescr_Type: PyTypeObject;
    #[cfg_attr(PyPy, link_name = "PyPyWrapperDescr_Type")]
    pub static mut PyWrapperDescr_Type: PyTypeObject;
    #[cfg_attr(PyPy, link_name = "PyPyDictProxy_Type")]
    pub static mut PyDictProxy_Type: PyTypeObject;
    #[cfg_attr(PyPy, link_name = "PyPyProperty_Type")]
    pub static mut PyProperty_Type: PyTypeObject;

    #[cfg_attr(PyPy, link_name = "PyPyDescr_NewMethod")]
    pub fn PyDescr_NewMethod(tp: *mut PyTypeObject, meth: *mut PyMethodDef) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyDescr_NewClassMethod")]
    pub fn PyDescr_NewClassMethod(tp: *mut PyTypeObject, meth: *mut PyMethodDef)
        -> *mut PyObject;
    #[cfg(not(PyPy))]
    pub fn PyDescr_NewMember(tp: *mut PyTypeObject, member: *mut PyMemberDef) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyDescr_NewGetSet")]
    pub fn PyDescr_NewGetSet(tp: *mut PyTypeObject, getset: *mut PyGetSetDef) -> *mut PyObject;
    #[cfg(not(Py_LIMITED_API))]
    #[cfg(not(PyPy))]
    pub fn PyDescr_IsData(descr: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyDictProxy_New")]
    pub fn PyDictProxy_New(mapping: *mut PyObject) -> *mut PyObject;
    #[cfg(not(PyPy))]
    pub fn PyWrapper_New(descr: *mut PyObject, slf: *mut PyObject) -> *mut PyObject;

    #[cfg_attr(PyPy, link_name = "PyPyMember_GetOne")]
    pub fn PyMember_GetOne(obj_addr: *const c_char, member: *mut PyMemberDef) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyMember_SetOne")]
    pub fn PyMember_SetOne(obj_addr: *mut c_char, member: *mut PyMemberDef, value: *mut PyObject)
        -> c_int;
}

//! Module objects and `PyModuleDef` (`moduleobject.h`).

use core::ffi::{c_char, c_int, c_void};
use core::ptr;

use super::methodobject::PyMethodDef;
use super::object::{freefunc, inquiry, traverseproc, PyObject, PyObject_HEAD_INIT, PyTypeObject};
use super::pyport::Py_ssize_t;

#[repr(C)]
pub struct PyModuleDef_Base {
    pub ob_base: PyObject,
    pub m_init: Option<unsafe extern "C" fn() -> *mut PyObject>,
    pub m_index: Py_ssize_t,
    pub m_copy: *mut PyObject,
}

pub const PyModuleDef_HEAD_INIT: PyModuleDef_Base = PyModuleDef_Base {
    ob_base: PyObject_HEAD_INIT,
    m_init: None,
    m_index: 0,
    m_copy: ptr::null_mut(),
};

#[repr(C)]
#[derive(Copy, Clone)]
pub struct PyModuleDef_Slot {
    pub slot: c_int,
    pub value: *mut c_void,
}

impl PyModuleDef_Slot {
    pub const fn zeroed() -> Self {
        PyModuleDef_Slot { slot: 0, value: ptr::null_mut() }
    }
}

// CPython only reads slot tables, so they may live in (non-mut) statics.
unsafe impl Sync for PyModuleDef_Slot {}

pub const Py_mod_create: c_int = 1;
pub const Py_mod_exec: c_int = 2;
#[cfg(Py_3_12)]
pub const Py_mod_multiple_interpreters: c_int = 3;
#[cfg(Py_3_13)]
pub const Py_mod_gil: c_int = 4;

#[cfg(Py_3_12)]
pub const Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED: *mut c_void = 0 as *mut c_void;
#[cfg(Py_3_12)]
pub const Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED: *mut c_void = 1 as *mut c_void;
#[cfg(Py_3_12)]
pub const Py_MOD_PER_INTERPRETER_GIL_SUPPORTED: *mut c_void = 2 as *mut c_void;
#[cfg(Py_3_13)]
pub const Py_MOD_GIL_USED: *mut c_void = 0 as *mut c_void;
#[cfg(Py_3_13)]
pub const Py_MOD_GIL_NOT_USED: *mut c_void = 1 as *mut c_void;

/// `PyModuleDef`. CPython writes into `m_base` (PyModuleDef_Init), so keep it
/// in a `static mut` or other mutable storage.
#[repr(C)]
pub struct PyModuleDef {
    pub m_base: PyModuleDef_Base,
    pub m_name: *const c_char,
    pub m_doc: *const c_char,
    pub m_size: Py_ssize_t,
    pub m_methods: *mut PyMethodDef,
    pub m_slots: *mut PyModuleDef_Slot,
    pub m_traverse: Option<traverseproc>,
    pub m_clear: Option<inquiry>,
    pub m_free: Option<freefunc>,
}

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPyModule_Type")]
    pub static mut PyModule_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PyModuleDef_Type: PyTypeObject;

    #[cfg_attr(PyPy, link_name = "PyPyModule_NewObject")]
    pub fn PyModule_NewObject(name: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyModule_New")]
    pub fn PyModule_New(name: *const c_char) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyModule_GetDict")]
    pub fn PyModule_GetDict(module: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyModule_GetNameObject")]
    #[cfg(any(not(PyPy), Py_3_11))]
    pub fn PyModule_GetNameObject(module: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyModule_GetName")]
    pub fn PyModule_GetName(module: *mut PyObject) -> *const c_char;
    #[cfg_attr(PyPy, link_name = "PyPyModule_GetFilenameObject")]
    #[cfg(any(not(PyPy), Py_3_11))]
    pub fn PyModule_GetFilenameObject(module: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyModule_GetDef")]
    pub fn PyModule_GetDef(module: *mut PyObject) -> *mut PyModuleDef;
    #[cfg_attr(PyPy, link_name = "PyPyModule_GetState")]
    pub fn PyModule_GetState(module: *mut PyObject) -> *mut c_void;
    #[cfg_attr(PyPy, link_name = "PyPyModuleDef_Init")]
    pub fn PyModuleDef_Init(def: *mut PyModuleDef) -> *mut PyObject;
    /// Free-threaded builds only (3.13+, unstable API).
    #[cfg(all(Py_3_13, Py_GIL_DISABLED, not(Py_LIMITED_API)))]
    pub fn PyUnstable_Module_SetGIL(module: *mut PyObject, gil: *mut c_void) -> c_int;
}

#[inline]
pub unsafe fn PyModule_Check(op: *mut PyObject) -> c_int {
    super::object::PyObject_TypeCheck(op, ptr::addr_of_mut!(PyModule_Type))
}

#[inline]
pub unsafe fn PyModule_CheckExact(op: *mut PyObject) -> c_int {
    super::object::Py_IS_TYPE(op, ptr::addr_of_mut!(PyModule_Type))
}

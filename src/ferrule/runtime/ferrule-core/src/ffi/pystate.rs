//! Interpreter and thread state, GIL state API (`pystate.h`).

use core::ffi::{c_int, c_ulong};

use super::moduleobject::PyModuleDef;
use super::object::PyObject;
use super::pyframe::PyFrameObject;

/// Opaque.
#[repr(C)]
pub struct PyThreadState {
    _opaque: [u8; 0],
}

/// Opaque.
#[repr(C)]
pub struct PyInterpreterState {
    _opaque: [u8; 0],
}

#[repr(C)]
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum PyGILState_STATE {
    PyGILState_LOCKED = 0,
    PyGILState_UNLOCKED = 1,
}

extern "C" {
    #[cfg(not(PyPy))]
    pub fn PyInterpreterState_New() -> *mut PyInterpreterState;
    #[cfg(not(PyPy))]
    pub fn PyInterpreterState_Clear(interp: *mut PyInterpreterState);
    #[cfg(not(PyPy))]
    pub fn PyInterpreterState_Delete(interp: *mut PyInterpreterState);
    #[cfg(not(PyPy))]
    pub fn PyInterpreterState_Get() -> *mut PyInterpreterState;
    #[cfg(not(PyPy))]
    pub fn PyInterpreterState_GetDict(interp: *mut PyInterpreterState) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyInterpreterState_GetID")]
    pub fn PyInterpreterState_GetID(interp: *mut PyInterpreterState) -> i64;
    #[cfg(not(Py_LIMITED_API))]
    #[cfg(not(PyPy))]
    pub fn PyInterpreterState_Main() -> *mut PyInterpreterState;

    #[cfg_attr(PyPy, link_name = "PyPyState_AddModule")]
    pub fn PyState_AddModule(module: *mut PyObject, def: *mut PyModuleDef) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyState_RemoveModule")]
    pub fn PyState_RemoveModule(def: *mut PyModuleDef) -> c_int;
    /// Borrowed reference.
    #[cfg_attr(all(PyPy, Py_3_11), link_name = "PyPyState_FindModule")]
    pub fn PyState_FindModule(def: *mut PyModuleDef) -> *mut PyObject;

    #[cfg_attr(PyPy, link_name = "PyPyThreadState_New")]
    pub fn PyThreadState_New(interp: *mut PyInterpreterState) -> *mut PyThreadState;
    #[cfg_attr(PyPy, link_name = "PyPyThreadState_Clear")]
    pub fn PyThreadState_Clear(tstate: *mut PyThreadState);
    #[cfg_attr(PyPy, link_name = "PyPyThreadState_Delete")]
    pub fn PyThreadState_Delete(tstate: *mut PyThreadState);
    #[cfg_attr(PyPy, link_name = "PyPyThreadState_Get")]
    pub fn PyThreadState_Get() -> *mut PyThreadState;
    #[cfg(all(Py_3_13, not(Py_LIMITED_API)))]
    pub fn PyThreadState_GetUnchecked() -> *mut PyThreadState;
    #[cfg_attr(PyPy, link_name = "PyPyThreadState_Swap")]
    pub fn PyThreadState_Swap(tstate: *mut PyThreadState) -> *mut PyThreadState;
    /// Borrowed reference.
    #[cfg_attr(PyPy, link_name = "PyPyThreadState_GetDict")]
    pub fn PyThreadState_GetDict() -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyThreadState_SetAsyncExc")]
    pub fn PyThreadState_SetAsyncExc(id: c_ulong, exc: *mut PyObject) -> c_int;
    #[cfg(any(not(PyPy), Py_3_11))]
    pub fn PyThreadState_GetInterpreter(tstate: *mut PyThreadState) -> *mut PyInterpreterState;
    #[cfg_attr(PyPy, link_name = "PyPyThreadState_GetFrame")]
    #[cfg(any(not(PyPy), Py_3_11))]
    pub fn PyThreadState_GetFrame(tstate: *mut PyThreadState) -> *mut PyFrameObject;
    #[cfg_attr(PyPy, link_name = "PyPyThreadState_GetID")]
    #[cfg(any(not(PyPy), Py_3_11))]
    pub fn PyThreadState_GetID(tstate: *mut PyThreadState) -> u64;

    #[cfg_attr(PyPy, link_name = "PyPyGILState_Ensure")]
    pub fn PyGILState_Ensure() -> PyGILState_STATE;
    #[cfg_attr(PyPy, link_name = "PyPyGILState_Release")]
    pub fn PyGILState_Release(state: PyGILState_STATE);
    #[cfg_attr(PyPy, link_name = "PyPyGILState_GetThisThreadState")]
    #[cfg(any(not(PyPy), Py_3_11))]
    pub fn PyGILState_GetThisThreadState() -> *mut PyThreadState;
    /// 1 if the current thread holds the GIL (always 1 before initialization).
    #[cfg(not(Py_LIMITED_API))]
    #[cfg_attr(PyPy, link_name = "PyPyGILState_Check")]
    pub fn PyGILState_Check() -> c_int;
}

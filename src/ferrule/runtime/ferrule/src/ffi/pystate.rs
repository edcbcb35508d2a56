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
    pub fn PyInterpreterState_New() -> *mut PyInterpreterState;
    pub fn PyInterpreterState_Clear(interp: *mut PyInterpreterState);
    pub fn PyInterpreterState_Delete(interp: *mut PyInterpreterState);
    pub fn PyInterpreterState_Get() -> *mut PyInterpreterState;
    pub fn PyInterpreterState_GetDict(interp: *mut PyInterpreterState) -> *mut PyObject;
    pub fn PyInterpreterState_GetID(interp: *mut PyInterpreterState) -> i64;
    #[cfg(not(Py_LIMITED_API))]
    pub fn PyInterpreterState_Main() -> *mut PyInterpreterState;

    pub fn PyState_AddModule(module: *mut PyObject, def: *mut PyModuleDef) -> c_int;
    pub fn PyState_RemoveModule(def: *mut PyModuleDef) -> c_int;
    /// Borrowed reference.
    pub fn PyState_FindModule(def: *mut PyModuleDef) -> *mut PyObject;

    pub fn PyThreadState_New(interp: *mut PyInterpreterState) -> *mut PyThreadState;
    pub fn PyThreadState_Clear(tstate: *mut PyThreadState);
    pub fn PyThreadState_Delete(tstate: *mut PyThreadState);
    pub fn PyThreadState_Get() -> *mut PyThreadState;
    #[cfg(all(Py_3_13, not(Py_LIMITED_API)))]
    pub fn PyThreadState_GetUnchecked() -> *mut PyThreadState;
    pub fn PyThreadState_Swap(tstate: *mut PyThreadState) -> *mut PyThreadState;
    /// Borrowed reference.
    pub fn PyThreadState_GetDict() -> *mut PyObject;
    pub fn PyThreadState_SetAsyncExc(id: c_ulong, exc: *mut PyObject) -> c_int;
    pub fn PyThreadState_GetInterpreter(tstate: *mut PyThreadState) -> *mut PyInterpreterState;
    pub fn PyThreadState_GetFrame(tstate: *mut PyThreadState) -> *mut PyFrameObject;
    pub fn PyThreadState_GetID(tstate: *mut PyThreadState) -> u64;

    pub fn PyGILState_Ensure() -> PyGILState_STATE;
    pub fn PyGILState_Release(state: PyGILState_STATE);
    pub fn PyGILState_GetThisThreadState() -> *mut PyThreadState;
    /// 1 if the current thread holds the GIL (always 1 before initialization).
    #[cfg(not(Py_LIMITED_API))]
    pub fn PyGILState_Check() -> c_int;
}

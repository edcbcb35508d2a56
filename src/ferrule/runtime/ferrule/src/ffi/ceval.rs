//! Evaluation loop interface, GIL release/acquire, recursion guard (`ceval.h`).

use core::ffi::{c_char, c_int, c_void};

use super::object::PyObject;
use super::pyframe::PyFrameObject;
use super::pystate::PyThreadState;

extern "C" {
    pub fn PyEval_EvalCode(
        co: *mut PyObject,
        globals: *mut PyObject,
        locals: *mut PyObject,
    ) -> *mut PyObject;
    /// Borrowed references.
    pub fn PyEval_GetBuiltins() -> *mut PyObject;
    pub fn PyEval_GetGlobals() -> *mut PyObject;
    pub fn PyEval_GetLocals() -> *mut PyObject;
    pub fn PyEval_GetFrame() -> *mut PyFrameObject;
    #[cfg(Py_3_13)]
    pub fn PyEval_GetFrameBuiltins() -> *mut PyObject;
    #[cfg(Py_3_13)]
    pub fn PyEval_GetFrameGlobals() -> *mut PyObject;
    #[cfg(Py_3_13)]
    pub fn PyEval_GetFrameLocals() -> *mut PyObject;
    pub fn PyEval_GetFuncName(func: *mut PyObject) -> *const c_char;
    pub fn PyEval_GetFuncDesc(func: *mut PyObject) -> *const c_char;

    pub fn Py_AddPendingCall(func: Option<unsafe extern "C" fn(*mut c_void) -> c_int>, arg: *mut c_void)
        -> c_int;
    pub fn Py_MakePendingCalls() -> c_int;
    pub fn Py_SetRecursionLimit(limit: c_int);
    pub fn Py_GetRecursionLimit() -> c_int;
    /// Exported function since 3.9.
    pub fn Py_EnterRecursiveCall(where_: *const c_char) -> c_int;
    pub fn Py_LeaveRecursiveCall();

    /// Releases the GIL; returns the thread state to pass to PyEval_RestoreThread.
    pub fn PyEval_SaveThread() -> *mut PyThreadState;
    pub fn PyEval_RestoreThread(tstate: *mut PyThreadState);
    pub fn PyEval_AcquireThread(tstate: *mut PyThreadState);
    pub fn PyEval_ReleaseThread(tstate: *mut PyThreadState);
}

//! Evaluation loop interface, GIL release/acquire, recursion guard (`ceval.h`).

use core::ffi::{c_char, c_int, c_void};

use super::object::PyObject;
use super::pyframe::PyFrameObject;
use super::pystate::PyThreadState;

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPyEval_EvalCode")]
    pub fn PyEval_EvalCode(
        co: *mut PyObject,
        globals: *mut PyObject,
        locals: *mut PyObject,
    ) -> *mut PyObject;
    /// Borrowed references.
    #[cfg_attr(PyPy, link_name = "PyPyEval_GetBuiltins")]
    pub fn PyEval_GetBuiltins() -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyEval_GetGlobals")]
    pub fn PyEval_GetGlobals() -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyEval_GetLocals")]
    pub fn PyEval_GetLocals() -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyEval_GetFrame")]
    pub fn PyEval_GetFrame() -> *mut PyFrameObject;
    #[cfg(Py_3_13)]
    pub fn PyEval_GetFrameBuiltins() -> *mut PyObject;
    #[cfg(Py_3_13)]
    pub fn PyEval_GetFrameGlobals() -> *mut PyObject;
    #[cfg(Py_3_13)]
    pub fn PyEval_GetFrameLocals() -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyEval_GetFuncName")]
    #[cfg(any(not(PyPy), Py_3_11))]
    pub fn PyEval_GetFuncName(func: *mut PyObject) -> *const c_char;
    #[cfg_attr(PyPy, link_name = "PyPyEval_GetFuncDesc")]
    #[cfg(any(not(PyPy), Py_3_11))]
    pub fn PyEval_GetFuncDesc(func: *mut PyObject) -> *const c_char;

    #[cfg_attr(PyPy, link_name = "PyPy_AddPendingCall")]
    pub fn Py_AddPendingCall(func: Option<unsafe extern "C" fn(*mut c_void) -> c_int>, arg: *mut c_void)
        -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPy_MakePendingCalls")]
    pub fn Py_MakePendingCalls() -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPy_SetRecursionLimit")]
    pub fn Py_SetRecursionLimit(limit: c_int);
    #[cfg_attr(PyPy, link_name = "PyPy_GetRecursionLimit")]
    pub fn Py_GetRecursionLimit() -> c_int;
    /// Exported function since 3.9.
    #[cfg_attr(PyPy, link_name = "PyPy_EnterRecursiveCall")]
    pub fn Py_EnterRecursiveCall(where_: *const c_char) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPy_LeaveRecursiveCall")]
    pub fn Py_LeaveRecursiveCall();

    /// Releases the GIL; returns the thread state to pass to PyEval_RestoreThread.
    #[cfg_attr(PyPy, link_name = "PyPyEval_SaveThread")]
    pub fn PyEval_SaveThread() -> *mut PyThreadState;
    #[cfg_attr(PyPy, link_name = "PyPyEval_RestoreThread")]
    pub fn PyEval_RestoreThread(tstate: *mut PyThreadState);
    #[cfg_attr(PyPy, link_name = "PyPyEval_AcquireThread")]
    pub fn PyEval_AcquireThread(tstate: *mut PyThreadState);
    #[cfg_attr(PyPy, link_name = "PyPyEval_ReleaseThread")]
    pub fn PyEval_ReleaseThread(tstate: *mut PyThreadState);
}

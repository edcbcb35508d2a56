//! Interpreter start-up and shutdown (`pylifecycle.h`).

use core::ffi::{c_char, c_int};

use super::pystate::PyThreadState;

extern "C" {
    #[cfg(not(PyPy))]
    pub fn Py_Initialize();
    #[cfg(not(PyPy))]
    pub fn Py_InitializeEx(initsigs: c_int);
    #[cfg(not(PyPy))]
    pub fn Py_Finalize();
    #[cfg(not(PyPy))]
    pub fn Py_FinalizeEx() -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPy_IsInitialized")]
    pub fn Py_IsInitialized() -> c_int;
    /// In the stable ABI since 3.13.
    #[cfg(Py_3_13)]
    pub fn Py_IsFinalizing() -> c_int;
    /// The same before 3.13, outside the stable ABI.
    #[cfg(all(not(Py_3_13), not(Py_LIMITED_API)))]
    #[cfg_attr(PyPy, link_name = "_PyPy_IsFinalizing")]
    pub fn _Py_IsFinalizing() -> c_int;
    #[cfg(not(PyPy))]
    pub fn Py_NewInterpreter() -> *mut PyThreadState;
    #[cfg(not(PyPy))]
    pub fn Py_EndInterpreter(tstate: *mut PyThreadState);
    #[cfg_attr(PyPy, link_name = "PyPy_AtExit")]
    pub fn Py_AtExit(func: Option<unsafe extern "C" fn()>) -> c_int;
    #[cfg(not(PyPy))]
    pub fn Py_Exit(status: c_int) -> !;
    #[cfg_attr(PyPy, link_name = "PyPy_GetVersion")]
    pub fn Py_GetVersion() -> *const c_char;
    #[cfg(not(PyPy))]
    pub fn Py_GetPlatform() -> *const c_char;
    #[cfg(not(PyPy))]
    pub fn Py_GetCopyright() -> *const c_char;
    #[cfg(not(PyPy))]
    pub fn Py_GetCompiler() -> *const c_char;
    #[cfg(not(PyPy))]
    pub fn Py_GetBuildInfo() -> *const c_char;
    /// `PY_VERSION_HEX` of the running interpreter.
    #[cfg(Py_3_11)]
    #[cfg_attr(PyPy, link_name = "PyPy_Version")]
    pub static Py_Version: core::ffi::c_ulong;
}

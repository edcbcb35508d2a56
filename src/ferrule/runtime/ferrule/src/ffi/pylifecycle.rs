//! Interpreter start-up and shutdown (`pylifecycle.h`).

use core::ffi::{c_char, c_int};

use super::pystate::PyThreadState;

extern "C" {
    pub fn Py_Initialize();
    pub fn Py_InitializeEx(initsigs: c_int);
    pub fn Py_Finalize();
    pub fn Py_FinalizeEx() -> c_int;
    pub fn Py_IsInitialized() -> c_int;
    /// In the stable ABI since 3.13.
    #[cfg(Py_3_13)]
    pub fn Py_IsFinalizing() -> c_int;
    /// The same before 3.13, outside the stable ABI.
    #[cfg(all(not(Py_3_13), not(Py_LIMITED_API)))]
    pub fn _Py_IsFinalizing() -> c_int;
    pub fn Py_NewInterpreter() -> *mut PyThreadState;
    pub fn Py_EndInterpreter(tstate: *mut PyThreadState);
    pub fn Py_AtExit(func: Option<unsafe extern "C" fn()>) -> c_int;
    pub fn Py_Exit(status: c_int) -> !;
    pub fn Py_GetVersion() -> *const c_char;
    pub fn Py_GetPlatform() -> *const c_char;
    pub fn Py_GetCopyright() -> *const c_char;
    pub fn Py_GetCompiler() -> *const c_char;
    pub fn Py_GetBuildInfo() -> *const c_char;
    /// `PY_VERSION_HEX` of the running interpreter.
    #[cfg(Py_3_11)]
    pub static Py_Version: core::ffi::c_ulong;
}

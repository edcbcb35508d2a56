//! The `sys` module (`sysmodule.h`).

use core::ffi::{c_char, c_int};

use super::object::PyObject;

extern "C" {
    /// Borrowed reference, or NULL without an exception if missing.
    #[cfg_attr(PyPy, link_name = "PyPySys_GetObject")]
    pub fn PySys_GetObject(name: *const c_char) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPySys_SetObject")]
    pub fn PySys_SetObject(name: *const c_char, v: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPySys_WriteStdout")]
    pub fn PySys_WriteStdout(format: *const c_char, ...);
    #[cfg_attr(PyPy, link_name = "PyPySys_WriteStderr")]
    pub fn PySys_WriteStderr(format: *const c_char, ...);
    #[cfg(not(PyPy))]
    pub fn PySys_FormatStdout(format: *const c_char, ...);
    #[cfg(not(PyPy))]
    pub fn PySys_FormatStderr(format: *const c_char, ...);
    #[cfg(not(PyPy))]
    pub fn PySys_GetXOptions() -> *mut PyObject;
}

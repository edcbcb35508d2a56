//! The `sys` module (`sysmodule.h`).

use core::ffi::{c_char, c_int};

use super::object::PyObject;

extern "C" {
    /// Borrowed reference, or NULL without an exception if missing.
    pub fn PySys_GetObject(name: *const c_char) -> *mut PyObject;
    pub fn PySys_SetObject(name: *const c_char, v: *mut PyObject) -> c_int;
    pub fn PySys_WriteStdout(format: *const c_char, ...);
    pub fn PySys_WriteStderr(format: *const c_char, ...);
    pub fn PySys_FormatStdout(format: *const c_char, ...);
    pub fn PySys_FormatStderr(format: *const c_char, ...);
    pub fn PySys_GetXOptions() -> *mut PyObject;
}

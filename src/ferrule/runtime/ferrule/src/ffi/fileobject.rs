//! File helpers (`fileobject.h`).

use core::ffi::{c_char, c_int};

use super::object::PyObject;

extern "C" {
    pub fn PyFile_FromFd(
        fd: c_int,
        name: *const c_char,
        mode: *const c_char,
        buffering: c_int,
        encoding: *const c_char,
        errors: *const c_char,
        newline: *const c_char,
        closefd: c_int,
    ) -> *mut PyObject;
    pub fn PyFile_GetLine(f: *mut PyObject, n: c_int) -> *mut PyObject;
    /// `flags` may be Py_PRINT_RAW.
    pub fn PyFile_WriteObject(obj: *mut PyObject, f: *mut PyObject, flags: c_int) -> c_int;
    pub fn PyFile_WriteString(s: *const c_char, f: *mut PyObject) -> c_int;
    pub fn PyObject_AsFileDescriptor(o: *mut PyObject) -> c_int;
}

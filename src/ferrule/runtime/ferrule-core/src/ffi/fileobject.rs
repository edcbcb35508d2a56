//! File helpers (`fileobject.h`).

use core::ffi::{c_char, c_int};

use super::object::PyObject;

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPyFile_FromFd")]
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
    #[cfg_attr(PyPy, link_name = "PyPyFile_GetLine")]
    pub fn PyFile_GetLine(f: *mut PyObject, n: c_int) -> *mut PyObject;
    /// `flags` may be Py_PRINT_RAW.
    #[cfg_attr(PyPy, link_name = "PyPyFile_WriteObject")]
    pub fn PyFile_WriteObject(obj: *mut PyObject, f: *mut PyObject, flags: c_int) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyFile_WriteString")]
    pub fn PyFile_WriteString(s: *const c_char, f: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyObject_AsFileDescriptor")]
    pub fn PyObject_AsFileDescriptor(o: *mut PyObject) -> c_int;
}

//! `osmodule.h`.
use super::object::PyObject;

extern "C" {
    /// `os.fspath(path)`: a `str` or `bytes`, else `TypeError`.
    #[cfg_attr(PyPy, link_name = "PyPyOS_FSPath")]
    pub fn PyOS_FSPath(path: *mut PyObject) -> *mut PyObject;
}

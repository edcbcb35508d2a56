//! `types.GenericAlias` (`genericaliasobject.h`).

use super::object::{PyObject, PyTypeObject};

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPy_GenericAliasType")]
    #[cfg(any(not(PyPy), Py_3_11))]
    pub static mut Py_GenericAliasType: PyTypeObject;

    #[cfg_attr(PyPy, link_name = "PyPy_GenericAlias")]
    pub fn Py_GenericAlias(origin: *mut PyObject, args: *mut PyObject) -> *mut PyObject;
}

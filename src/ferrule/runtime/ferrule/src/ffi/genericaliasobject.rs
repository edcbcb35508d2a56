//! `types.GenericAlias` (`genericaliasobject.h`).

use super::object::{PyObject, PyTypeObject};

extern "C" {
    pub static mut Py_GenericAliasType: PyTypeObject;

    pub fn Py_GenericAlias(origin: *mut PyObject, args: *mut PyObject) -> *mut PyObject;
}

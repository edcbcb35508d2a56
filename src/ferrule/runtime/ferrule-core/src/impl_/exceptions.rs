//! Creating and importing exception types for `create_exception!` and friends.
use std::ffi::CString;

use crate::instance::{Bound, Py};
use crate::marker::Python;
use crate::types::{PyAnyMethods, PyType};

pub fn new_exception_type(py: Python<'_>, qualified_name: &str, doc: &str, base: &Bound<'_, PyType>) -> Py<PyType> {
    let name = CString::new(qualified_name).expect("exception name has no NUL");
    let doc = if doc.is_empty() { None } else { Some(CString::new(doc).expect("exception doc has no NUL")) };
    match crate::PyErr::new_type(py, &name, doc.as_deref(), Some(base), None) {
        Ok(ty) => ty,
        Err(e) => panic!("creating exception type {qualified_name} failed: {e}"),
    }
}

pub fn import_type(py: Python<'_>, module: &str, name: &str) -> Py<PyType> {
    let imported = py.import(module).and_then(|m| m.getattr(name)).and_then(|t| Ok(t.cast_into::<PyType>()?));
    match imported {
        Ok(ty) => ty.unbind(),
        Err(e) => panic!("importing exception {module}.{name} failed: {e}"),
    }
}

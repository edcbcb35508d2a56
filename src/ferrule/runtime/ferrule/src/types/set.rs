//! `set` and `frozenset`.
use crate::conversion::{BoundObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::native_type;

native_type!(PySet, "set", ffi::PySet_Type, ffi::PySet_Check);
native_type!(PyFrozenSet, "frozenset", ffi::PyFrozenSet_Type, ffi::PyFrozenSet_Check);

impl PySet {
    pub fn empty(py: Python<'_>) -> PyResult<Bound<'_, PySet>> {
        unsafe { Bound::<crate::types::PyAny>::from_owned_ptr_or_err(py, ffi::PySet_New(std::ptr::null_mut())).map(|b| b.cast_into_unchecked()) }
    }
}

pub trait PySetMethods<'py> {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool;
    fn add<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<()>;
}

impl<'py> PySetMethods<'py> for Bound<'py, PySet> {
    fn len(&self) -> usize {
        unsafe { ffi::PySet_Size(self.as_ptr()) as usize }
    }
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn add<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<()> {
        let key = key.into_pyobject(self.py()).map_err(Into::into)?.into_any().into_bound();
        match unsafe { ffi::PySet_Add(self.as_ptr(), key.as_ptr()) } {
            -1 => Err(PyErr::fetch(self.py())),
            _ => Ok(()),
        }
    }
}

//! `bytes::Bytes` ↔ `bytes`. From Python it takes `bytes` without copying
//! (the `Bytes` keeps the object alive) or a copy of a `bytearray`; to Python
//! it is a new `bytes`. PyO3 converts `Bytes` only, not `BytesMut`.
use bytes::Bytes;

use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::pybacked::PyBackedBytes;
use crate::types::{PyAny, PyBytes};

impl<'a, 'py> FromPyObject<'a, 'py> for Bytes {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(Bytes::from_owner(PyBackedBytes::extract(obj)?))
    }
}

impl<'py> IntoPyObject<'py> for Bytes {
    type Target = PyBytes;
    type Output = Bound<'py, PyBytes>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        Ok(PyBytes::new(py, &self))
    }
}

impl<'py> IntoPyObject<'py> for &Bytes {
    type Target = PyBytes;
    type Output = Bound<'py, PyBytes>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        Ok(PyBytes::new(py, self))
    }
}

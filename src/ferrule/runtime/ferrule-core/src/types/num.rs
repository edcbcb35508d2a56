//! `int`.
use std::convert::Infallible;

use crate::conversion::IntoPyObject;
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::native_type;

native_type!(PyInt, "int", ffi::PyLong_Type, ffi::PyLong_Check);

/// Older name of [`PyInt`].
pub type PyLong = PyInt;

impl PyInt {
    /// `int(i)` for any Rust integer.
    pub fn new<'a, T>(py: Python<'a>, i: T) -> Bound<'a, PyInt>
    where
        T: IntoPyObject<'a, Target = PyInt, Output = Bound<'a, PyInt>, Error = Infallible>,
    {
        match i.into_pyobject(py) {
            Ok(int) => int,
            Err(never) => match never {},
        }
    }
}

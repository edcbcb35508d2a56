//! `range`.
use crate::err::PyResult;
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::type_object::PyTypeInfo;
use crate::types::{native_type, PyAnyMethods};

native_type!(PyRange, "range", ffi::PyRange_Type, ffi::PyRange_Check);

impl PyRange {
    /// `range(start, stop)`.
    pub fn new(py: Python<'_>, start: isize, stop: isize) -> PyResult<Bound<'_, PyRange>> {
        Self::new_with_step(py, start, stop, 1)
    }

    /// `range(start, stop, step)`; `ValueError` for a zero step.
    pub fn new_with_step(py: Python<'_>, start: isize, stop: isize, step: isize) -> PyResult<Bound<'_, PyRange>> {
        let range = PyRange::type_object(py).call1((start, stop, step))?;
        Ok(unsafe { range.cast_into_unchecked() })
    }
}

/// Methods of `Bound<'py, PyRange>`.
pub trait PyRangeMethods<'py> {
    fn start(&self) -> PyResult<isize>;
    fn stop(&self) -> PyResult<isize>;
    fn step(&self) -> PyResult<isize>;
}

impl<'py> PyRangeMethods<'py> for Bound<'py, PyRange> {
    fn start(&self) -> PyResult<isize> {
        self.getattr("start")?.extract()
    }

    fn stop(&self) -> PyResult<isize> {
        self.getattr("stop")?.extract()
    }

    fn step(&self) -> PyResult<isize> {
        self.getattr("step")?.extract()
    }
}

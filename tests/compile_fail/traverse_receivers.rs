// `__traverse__` runs inside the collector: only `&self`, and no `Python`.
use ferrule::prelude::*;
use ferrule::{PyTraverseError, PyVisit};

#[pyclass]
pub struct TakesRef {}

#[pymethods]
impl TakesRef {
    fn __traverse__(_slf: PyRef<'_, Self>, _visit: PyVisit<'_>) -> Result<(), PyTraverseError> { // ERROR: __traverse__ may not take a receiver other than `&self`
        Ok(())
    }
}

#[pyclass]
pub struct TakesMut {}

#[pymethods]
impl TakesMut {
    fn __traverse__(&mut self, _visit: PyVisit<'_>) -> Result<(), PyTraverseError> { // ERROR: __traverse__ may not take a receiver other than `&self`
        Ok(())
    }
}

#[pyclass]
pub struct TakesPython {}

#[pymethods]
impl TakesPython {
    fn __traverse__(&self, _py: Python<'_>, _visit: PyVisit<'_>) -> Result<(), PyTraverseError> { // ERROR: __traverse__ may not take `Python`
        Ok(())
    }
}

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

#[pyclass]
pub struct TakesRefMut {}

#[pymethods]
impl TakesRefMut {
    fn __traverse__(_slf: PyRefMut<'_, Self>, _visit: PyVisit<'_>) -> Result<(), PyTraverseError> { // ERROR: __traverse__ may not take a receiver other than `&self`
        Ok(())
    }
}

#[pyclass]
pub struct TakesBound {}

#[pymethods]
impl TakesBound {
    fn __traverse__(_slf: Bound<'_, Self>, _visit: PyVisit<'_>) -> Result<(), PyTraverseError> { // ERROR: __traverse__ may not take a receiver other than `&self`
        Ok(())
    }
}

// What stays allowed: `&self` and a visitor, with a `__clear__(&mut self)`.
#[pyclass]
pub struct Holder {
    held: Option<Py<PyAny>>,
}

#[pymethods]
impl Holder {
    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        visit.call(&self.held)
    }

    fn __clear__(&mut self) {
        self.held = None;
    }
}

use pyo3::prelude::*;

use crate::errors::ShapeError;

#[pyclass]
pub struct Circle {
    #[pyo3(get)]
    radius: f64,
}

#[pymethods]
impl Circle {
    #[new]
    fn new(radius: f64) -> PyResult<Self> {
        if radius < 0.0 {
            return Err(ShapeError::new_err("negative radius"));
        }
        Ok(Circle { radius })
    }

    fn area(&self) -> f64 {
        super::area::circle_area(self.radius)
    }
}

//! A class in a submodule of the core crate, re-exported at its root.
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::Point;

#[pyclass(frozen)]
pub struct Circle {
    #[pyo3(get)]
    pub center: Point,
    #[pyo3(get)]
    pub radius: f64,
}

#[pymethods]
impl Circle {
    #[new]
    pub fn new(center: Point, radius: f64) -> PyResult<Self> {
        if radius < 0.0 {
            return Err(PyValueError::new_err("radius must not be negative"));
        }
        Ok(Circle { center, radius })
    }

    pub fn contains(&self, p: &Point) -> bool {
        crate::distance(&self.center, p) <= self.radius
    }

    #[staticmethod]
    pub fn unit() -> Circle {
        Circle { center: Point::new(0.0, 0.0), radius: 1.0 }
    }
}

/// How many `Shape` values were dropped.
pub static SHAPE_DROPS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A frozen base that classes of other crates extend.
#[pyclass(frozen, subclass)]
pub struct Shape {
    #[pyo3(get)]
    pub sides: u32,
}

#[pymethods]
impl Shape {
    #[new]
    pub fn new(sides: u32) -> Self {
        Shape { sides }
    }
}

impl Drop for Shape {
    fn drop(&mut self) {
        SHAPE_DROPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
}

use pyo3::prelude::*;

/// Measures lengths in whole units.
#[pyclass]
pub struct Ruler {
    #[pyo3(get)]
    length: u32,
}

#[pymethods]
impl Ruler {
    #[new]
    fn new(length: u32) -> Self {
        Ruler { length }
    }
}

/// Length of a segment, rounded down.
#[pyfunction]
pub fn measure(a: f64, b: f64) -> u32 {
    (b - a).abs() as u32
}

use pyo3::prelude::*;

#[pyclass]
pub struct Polygon {
    #[pyo3(get)]
    sides: u32,
}

#[pymethods]
impl Polygon {
    #[new]
    fn new(sides: u32) -> Self {
        Polygon { sides }
    }
}

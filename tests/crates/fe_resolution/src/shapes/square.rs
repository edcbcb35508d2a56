use pyo3::prelude::*;

#[pyclass(name = "Square")]
pub struct Square {
    #[pyo3(get)]
    side: f64,
}

#[pymethods]
impl Square {
    #[new]
    fn new(side: f64) -> Self {
        Square { side }
    }

    fn area(&self) -> f64 {
        self.side * self.side
    }
}

// A `Bound` borrowed from `Py` for one attachment cannot outlive it.
use ferrule::prelude::*;
use ferrule::types::PyDict;

pub fn main_case() {
    let dict: Py<PyDict> = Python::attach(|py| PyDict::new(py).unbind());
    let bound: &Bound<'_, PyDict> = Python::attach(|py| dict.bind(py)); // ERROR: lifetime may not live long enough
    let _py: Python<'_> = bound.py();
}

//! The benchmark crate, written once in PyO3's API. `benchmarks/run.py` builds it
//! with ferrule (`pyo3 = { package = "ferrule-runtime", registry = "ferrule" }`) and with PyO3 + maturin; only
//! the module's name (`bench` below) is rewritten per build. `floor/floor.c` is
//! the same module written by hand against the C API.
use std::collections::HashMap;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyType};

// ---- call paths ----

#[pyfunction]
fn noargs() {}

#[pyfunction]
fn onearg(x: &Bound<'_, PyAny>) {
    let _ = x;
}

#[pyfunction]
#[pyo3(signature = (x, /))]
fn onearg_posonly(x: &Bound<'_, PyAny>) {
    let _ = x;
}

#[pyfunction]
fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

#[pyfunction]
#[pyo3(signature = (a, b = 2, c = 3))]
fn defaults(a: i64, b: i64, c: i64) -> i64 {
    a + b + c
}

#[pyfunction]
#[pyo3(signature = (*, k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11, k12, k13, k14, k15))]
fn kwonly16(k0: i64, k1: i64, k2: i64, k3: i64, k4: i64, k5: i64, k6: i64, k7: i64, k8: i64, k9: i64, k10: i64, k11: i64, k12: i64, k13: i64, k14: i64, k15: i64) -> i64 {
    k0 + k1 + k2 + k3 + k4 + k5 + k6 + k7 + k8 + k9 + k10 + k11 + k12 + k13 + k14 + k15
}

// ---- conversions in and out ----

#[pyfunction]
fn list_int(v: Vec<i64>) -> Vec<i64> {
    v
}

#[pyfunction]
fn list_float(v: Vec<f64>) -> Vec<f64> {
    v
}

#[pyfunction]
fn echo_str(s: &str) -> String {
    s.to_owned()
}

#[pyfunction]
fn echo_bytes<'py>(py: Python<'py>, b: &[u8]) -> Bound<'py, PyBytes> {
    PyBytes::new(py, b)
}

#[pyfunction]
fn dict_str_int(d: HashMap<String, i64>) -> HashMap<String, i64> {
    d
}

// ---- errors, threads, callbacks ----

#[pyfunction]
fn raise_error() -> PyResult<()> {
    Err(PyValueError::new_err("boom"))
}

#[pyfunction]
fn detach_empty(py: Python<'_>) {
    py.detach(|| {})
}

#[pyfunction]
fn callback<'py>(f: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    f.call0()
}

// ---- a class ----

#[pyclass]
struct Point {
    #[pyo3(get, set)]
    x: i64,
    y: i64,
}

#[pymethods]
impl Point {
    #[new]
    fn new(x: i64, y: i64) -> Self {
        Point { x, y }
    }

    fn norm1(&self) -> i64 {
        self.x.abs() + self.y.abs()
    }

    fn __len__(&self) -> usize {
        2
    }

    fn __eq__(&self, other: PyRef<'_, Point>) -> bool {
        self.x == other.x && self.y == other.y
    }

    fn __add__(&self, other: PyRef<'_, Point>) -> Point {
        Point { x: self.x + other.x, y: self.y + other.y }
    }

    #[staticmethod]
    fn zero() -> i64 {
        0
    }

    #[classmethod]
    fn one(_cls: &Bound<'_, PyType>) -> i64 {
        1
    }
}

#[pymodule]
fn bench(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(noargs, m)?)?;
    m.add_function(wrap_pyfunction!(onearg, m)?)?;
    m.add_function(wrap_pyfunction!(onearg_posonly, m)?)?;
    m.add_function(wrap_pyfunction!(add, m)?)?;
    m.add_function(wrap_pyfunction!(defaults, m)?)?;
    m.add_function(wrap_pyfunction!(kwonly16, m)?)?;
    m.add_function(wrap_pyfunction!(list_int, m)?)?;
    m.add_function(wrap_pyfunction!(list_float, m)?)?;
    m.add_function(wrap_pyfunction!(echo_str, m)?)?;
    m.add_function(wrap_pyfunction!(echo_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(dict_str_int, m)?)?;
    m.add_function(wrap_pyfunction!(raise_error, m)?)?;
    m.add_function(wrap_pyfunction!(detach_empty, m)?)?;
    m.add_function(wrap_pyfunction!(callback, m)?)?;
    m.add_class::<Point>()?;
    Ok(())
}

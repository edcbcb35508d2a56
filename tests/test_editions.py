"""Crates on every edition: the glue ferrule writes into them compiles without warnings. Edition 2024
(css-inline, blake3, jiter) warns about unsafe operations outside `unsafe {}` even inside an `unsafe fn`;
edition 2018 (bcrypt) has no `c"..."` literals, so names and docs are written with the runtime's `c_str!`."""

from __future__ import annotations

from pathlib import Path

import pytest

from packaging_support import ferrule

LIB = '''//! Lengths: a crate that documents what it exports (`#![deny(missing_docs)]`, as safetensors does).
#![deny(missing_docs)]
use ferrule::prelude::*;

/// A length in metres: "m" — SI's unit.
#[pyclass(eq)]
#[derive(Clone, PartialEq)]
struct Meters {
    #[pyo3(get, set)]
    value: f64,
}

#[pymethods]
impl Meters {
    #[new]
    fn new(value: f64) -> Self { Meters { value } }
    fn __str__(&self) -> String { format!("{} m", self.value) }
    fn __repr__(&self) -> String { format!("Meters({})", self.value) }
    fn __float__(&self) -> f64 { self.value }
    fn __hash__(&self) -> u64 { self.value as u64 }
    fn __bool__(&self) -> bool { self.value != 0.0 }
    fn __len__(&self) -> usize { 1 }
    fn __getitem__(&self, i: usize) -> f64 { self.value * i as f64 }
    fn __setitem__(&mut self, _i: usize, v: f64) { self.value = v; }
    fn __contains__(&self, v: f64) -> bool { v == self.value }
    fn __add__(&self, other: &Self) -> Self { Meters { value: self.value + other.value } }
    fn __iadd__(&mut self, other: f64) { self.value += other; }
    fn __neg__(&self) -> Self { Meters { value: -self.value } }
    fn __pow__(&self, e: f64, _m: Option<f64>) -> f64 { self.value.powf(e) }
    fn __lt__(&self, other: &Self) -> bool { self.value < other.value }
    fn __call__(&self, k: f64) -> f64 { self.value * k }
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> { slf }
    fn __next__(&self) -> Option<f64> { None }
    #[staticmethod]
    fn unit() -> f64 { 1.0 }
    #[getter]
    fn double(&self) -> f64 { self.value * 2.0 }
}

#[pyclass(eq, eq_int)]
#[derive(Clone, PartialEq)]
enum Unit { Metre, Foot }

#[pyclass]
enum Reading { Fixed { at: f64 }, Missing() }

ferrule::create_exception!(ed, OutOfRange, ferrule::exceptions::PyValueError, "A reading past the scale.");
ferrule::import_exception!(socket, timeout);

/// The scale's name, from a `c_str!` constant.
#[pyfunction]
pub fn scale() -> String {
    const NAME: &std::ffi::CStr = ferrule::ffi::c_str!("metric");
    NAME.to_str().unwrap_or_default().to_owned()
}

/// The old name of `scale`: binding it is no use of it, so rustc says nothing.
#[deprecated(note = "use scale")]
#[pyfunction]
pub fn old_scale() -> String { String::new() }

/// A reading kept for old callers.
#[pyclass]
pub struct Legacy {
    /// The raw value.
    #[deprecated]
    #[pyo3(get)]
    pub raw: i64,
}

#[pymethods]
impl Legacy {
    /// The raw value, doubled.
    #[deprecated]
    #[staticmethod]
    fn twice(x: i64) -> i64 { 2 * x }
}

#[derive(FromPyObject, IntoPyObject)]
struct Pair(i64, String);

#[pyfunction]
#[pyo3(signature = (p, s = "x"))]
fn swap(p: Pair, s: Option<&str>) -> (String, i64, String) { (p.1, p.0, s.unwrap_or("").to_owned()) }

// pydantic-core's shape: a private class with collector slots, in a module.
mod held {
    use ferrule::prelude::*;

    #[pyclass]
    struct Holder {
        obj: Option<Py<PyAny>>,
    }

    #[pymethods]
    impl Holder {
        #[new]
        fn new() -> Self { Holder { obj: None } }
        fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> { visit.call(&self.obj) }
        fn __clear__(&mut self) { self.obj = None; }
    }

    pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add_class::<Holder>()
    }
}

#[pymodule]
fn ed2024(m: &Bound<'_, PyModule>) -> PyResult<()> {
    held::register(m)?;
    m.add_class::<Meters>()?;
    m.add_function(wrap_pyfunction!(swap, m)?)?;
    m.add_class::<Unit>()?;
    m.add_class::<Reading>()?;
    m.add("OutOfRange", m.py().get_type::<OutOfRange>())?;
    m.add("Timeout", m.py().get_type::<timeout>())?;
    m.add_function(wrap_pyfunction!(scale, m)?)?;
    m.add_function(wrap_pyfunction!(old_scale, m)?)?;
    m.add_class::<Legacy>()?;
    Ok(())
}
'''


@pytest.mark.parametrize("edition", ["2018", "2024"])
def test_glue_builds_without_warnings_in_every_edition(tmp_path: Path, edition: str) -> None:
    crate = tmp_path / "ed2024"
    ferrule("new", crate)
    manifest = crate / "Cargo.toml"
    manifest.write_text(manifest.read_text().replace('edition = "2021"', f'edition = "{edition}"'))
    assert f'edition = "{edition}"' in manifest.read_text()
    (crate / "src" / "lib.rs").write_text(LIB)
    out = ferrule("build", "-o", tmp_path / "out", cwd=crate)
    assert "warning" not in out.stderr.replace("generated 0 warnings", ""), out.stderr
    assert list((tmp_path / "out").glob("ed2024-*.whl"))

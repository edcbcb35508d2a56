//! The binding crate: one module made of the core crate's classes and functions,
//! plus a function of its own over them.
use geometry::shapes::Circle;
use pyo3::prelude::*;

/// The centroid of some points, through the core crate's plain Rust API.
#[pyfunction]
fn centroid(points: Vec<geometry::Point>) -> geometry::Point {
    geometry::centroid(&points)
}

#[pymodule]
fn fe_split(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<geometry::Point>()?;
    m.add_class::<Circle>()?;
    m.add_function(wrap_pyfunction!(geometry::distance, m)?)?;
    m.add_function(wrap_pyfunction!(centroid, m)?)?;
    Ok(())
}

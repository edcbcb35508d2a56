use ferrule::prelude::*;

/// Adds two numbers in Rust.
#[pyfunction]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

/// Adds the offset from the path dependency.
#[pyfunction]
fn offset(x: i64) -> i64 {
    x + pkg_offset::OFFSET
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(add, m)?)?;
    m.add_function(wrap_pyfunction!(offset, m)?)?;
    Ok(())
}

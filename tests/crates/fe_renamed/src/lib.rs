//! Written exactly as a PyO3 crate: only the dependency line in Cargo.toml differs.
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// Multiplies two numbers.
#[pyfunction]
#[pyo3(signature = (a, b = 10))]
fn mul(a: i64, b: i64) -> i64 {
    a * b
}

#[pyfunction]
fn checked_half(n: i64) -> PyResult<i64> {
    if n % 2 != 0 {
        return Err(PyValueError::new_err(format!("{n} is odd")));
    }
    Ok(n / 2)
}

#[pymodule]
fn fe_renamed(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(mul, m)?)?;
    m.add_function(wrap_pyfunction!(checked_half, m)?)?;
    Ok(())
}

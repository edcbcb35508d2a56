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

mod shapes {
    use pyo3::prelude::*;

    #[pyfunction]
    pub fn area(w: f64, h: f64) -> f64 {
        w * h
    }
}

/// Two functions with one Python name: the one added last is the module's.
#[pyfunction]
#[pyo3(name = "pick")]
fn pick_first() -> &'static str {
    "first"
}

#[pyfunction]
#[pyo3(name = "pick")]
fn pick_second() -> &'static str {
    "second"
}

// Runs of `add_function` statements, split by statements that see what was added before them.
#[pymodule]
fn fe_renamed(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(mul, module)?)?;
    module.add_function(wrap_pyfunction!(checked_half, module)?)?;
    module.add("HAD_HALF", module.hasattr("checked_half")?)?;
    module.add("HAD_AREA", module.hasattr("area")?)?;
    module.add_function(pyo3::wrap_pyfunction!(shapes::area, module)?)?;
    module.add_function(wrap_pyfunction!(pick_first, module)?)?;
    module.add_function(wrap_pyfunction!(pick_second, module)?)?;
    Ok(())
}

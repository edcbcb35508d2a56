//! Return values, errors and panics (a second file, reached through `mod returns;`).
use ferrule::exceptions::PyValueError;
use ferrule::prelude::*;

use crate::MyError;

#[pyfunction]
fn returns_unit(_x: i64) {}

#[pyfunction]
fn returns_ok_unit(fail: bool) -> PyResult<()> {
    if fail {
        return Err(PyValueError::new_err("asked to fail"));
    }
    Ok(())
}

#[pyfunction]
fn maybe_double(x: i64) -> Option<i64> {
    if x < 0 {
        None
    } else {
        Some(x * 2)
    }
}

#[pyfunction]
fn checked_sqrt(x: f64) -> PyResult<f64> {
    if x < 0.0 {
        return Err(PyValueError::new_err(format!("cannot take the root of {x}")));
    }
    Ok(x.sqrt())
}

/// Parses with `?`: std's ParseIntError becomes ValueError.
#[pyfunction]
fn parse_int(text: &str) -> PyResult<i32> {
    Ok(text.parse::<i32>()?)
}

/// Reads a file with `?`: io::Error becomes the matching OSError subclass.
#[pyfunction]
fn read_text(path: String) -> PyResult<String> {
    Ok(std::fs::read_to_string(path)?)
}

#[pyfunction]
fn raise_my_error(message: String) -> PyResult<()> {
    Err(MyError::new_err(message))
}

#[pyfunction]
fn boom(what: &str) -> i64 {
    panic!("boom: {what}");
}

#[pyfunction]
fn boom_any() -> i64 {
    std::panic::panic_any(42_i32)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(returns_unit, m)?)?;
    m.add_function(wrap_pyfunction!(returns_ok_unit, m)?)?;
    m.add_function(wrap_pyfunction!(maybe_double, m)?)?;
    m.add_function(wrap_pyfunction!(checked_sqrt, m)?)?;
    m.add_function(wrap_pyfunction!(parse_int, m)?)?;
    m.add_function(wrap_pyfunction!(read_text, m)?)?;
    m.add_function(wrap_pyfunction!(raise_my_error, m)?)?;
    m.add_function(wrap_pyfunction!(boom, m)?)?;
    m.add_function(wrap_pyfunction!(boom_any, m)?)?;
    Ok(())
}

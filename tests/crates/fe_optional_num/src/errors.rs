//! anyhow and eyre errors returned from functions.
use anyhow::Context;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

#[pyfunction]
pub fn anyhow_result(kind: &str) -> anyhow::Result<i64> {
    match kind {
        "ok" => Ok(1),
        "pyerr" => Err(PyValueError::new_err("not a good value").into()),
        "pyerr_context" => Err(anyhow::Error::from(PyValueError::new_err("inner"))).context("while parsing"),
        "io" => Err(std::io::Error::new(std::io::ErrorKind::NotFound, "no such thing").into()),
        _ => anyhow::bail!("unknown kind {kind}"),
    }
}

#[pyfunction]
pub fn eyre_result(kind: &str) -> eyre::Result<i64> {
    use eyre::WrapErr;
    match kind {
        "ok" => Ok(2),
        "pyerr" => Err(PyValueError::new_err("not a good value").into()),
        "pyerr_context" => Err(eyre::Report::from(PyValueError::new_err("inner"))).wrap_err("while parsing"),
        _ => eyre::bail!("unknown kind {kind}"),
    }
}

//! `eyre::Report` → `PyErr`, so `eyre::Result` can be returned from a
//! `#[pyfunction]`. An error that is a bare `PyErr` (no context added) is
//! raised as itself; any other becomes RuntimeError with the `{:?}` text
//! (the message and its "Caused by" chain), as PyO3 does.
use crate::err::PyErr;
use crate::exceptions::PyRuntimeError;

impl From<eyre::Report> for PyErr {
    fn from(error: eyre::Report) -> Self {
        let error = if error.source().is_none() {
            match error.downcast::<PyErr>() {
                Ok(err) => return err,
                Err(error) => error,
            }
        } else {
            error
        };
        PyRuntimeError::new_err(format!("{error:?}"))
    }
}

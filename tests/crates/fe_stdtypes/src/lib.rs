//! The runtime's std-type API as PyO3 users write it: buffers, date and time,
//! std conversions, and the smaller pieces of PyO3's prelude.
use pyo3::prelude::*;

mod api;
mod buffers;
mod dates;

#[pymodule]
fn fe_stdtypes(m: &Bound<'_, PyModule>) -> PyResult<()> {
    api::register(m)?;
    buffers::register(m)?;
    dates::register(m)?;
    Ok(())
}

//! The runtime's std-type API as PyO3 users write it: buffers, date and time,
//! std conversions, and the smaller pieces of PyO3's prelude.
use pyo3::prelude::*;

mod api;
mod buffers;
mod dates;
mod stdconv;
mod subclass;

#[pymodule]
fn fe_stdtypes(m: &Bound<'_, PyModule>) -> PyResult<()> {
    api::register(m)?;
    buffers::register(m)?;
    dates::register(m)?;
    stdconv::register(m)?;
    subclass::register(m)?;
    Ok(())
}

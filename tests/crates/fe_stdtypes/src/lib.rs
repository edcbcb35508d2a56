//! The runtime's std-type API as PyO3 users write it: buffers, date and time,
//! std conversions, the object types (capsules, weak references, code, ...), the
//! smaller pieces of PyO3's prelude, and the C API shims of `pyo3::ffi::compat`.
use pyo3::prelude::*;

mod api;
mod buffers;
mod compat;
mod compat_writer;
mod dates;
mod objects;
mod pyo3_030;
mod stdconv;
mod subclass;

#[pymodule]
fn fe_stdtypes(m: &Bound<'_, PyModule>) -> PyResult<()> {
    api::register(m)?;
    buffers::register(m)?;
    compat::register(m)?;
    dates::register(m)?;
    objects::register(m)?;
    pyo3_030::register(m)?;
    stdconv::register(m)?;
    subclass::register(m)?;
    Ok(())
}

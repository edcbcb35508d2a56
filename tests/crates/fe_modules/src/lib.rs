//! The declarative `#[pymodule] mod` form: exports, a nested submodule,
//! `#[pymodule_init]` and `pass_module`. Helpers live in `helpers.rs`.
use ferrule::prelude::*;

mod helpers;

/// Doubles a number.
#[pyfunction]
fn double(x: i64) -> i64 {
    x * 2
}

#[pyfunction]
fn triple(x: i64) -> i64 {
    x * 3
}

/// Module built from a `mod` item.
#[pymodule]
mod fe_modules {
    use super::*;

    #[pymodule_export]
    use super::double;

    #[pymodule_export]
    use crate::helpers::{shout, whisper};

    #[pymodule_export]
    use super::legacy;

    /// Says "hi"
    #[pymodule_export]
    pub const QUOTE: &str = "say \"hi\"";

    /// Defined inside the module body.
    #[pyfunction]
    fn inner(x: i64) -> i64 {
        x + 1000
    }

    /// A nested module.
    #[pymodule]
    mod sub {
        use super::*;

        #[pymodule_export]
        use crate::triple;

        #[pymodule_export]
        const LIMIT: usize = usize::MAX;

        #[pyfunction(pass_module)]
        fn where_am_i(m: &Bound<'_, PyModule>) -> PyResult<String> {
            Ok(m.name()?.to_str()?.to_owned())
        }
    }

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("CONST", 42)?;
        m.add("GREETING", "hi")?;
        let extra = PyModule::new(m.py(), "extra")?;
        extra.add("VALUE", 7)?;
        m.add_submodule(&extra)?;
        Ok(())
    }
}

/// The deprecated `#[pyfn]` form, which PyO3 0.29 still accepts: each function is added where it
/// is written, with the options written in `pyfn(...)` and `#[pyo3(...)]`.
#[pymodule]
#[allow(deprecated)]
pub fn legacy(m: &Bound<'_, PyModule>) -> PyResult<()> {
    /// Scales by a factor.
    #[pyfn(m, signature = (x, factor = 3))]
    #[pyo3(name = "scaled")]
    fn scale(x: i64, factor: i64) -> i64 {
        x * factor
    }

    #[pyfn(m)]
    #[pyo3(pass_module)]
    fn home<'py>(module: &Bound<'py, PyModule>) -> PyResult<Bound<'py, ferrule::types::PyString>> {
        module.name()
    }

    m.add("COUNT", m.dict().len())?;
    Ok(())
}

/// A second top-level module: not the one CPython imports from this file, but exported as
/// `PyInit_fe_modules_extra` for an embedding program's `append_to_inittab!`, as PyO3 allows.
#[pymodule]
fn fe_modules_extra(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(triple, m)?)
}

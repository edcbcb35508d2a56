//! Submodules in their own file: neither is the top-level module.
use pyo3::prelude::*;

/// Function-form submodule, added with `add_wrapped(wrap_pymodule!(...))`.
#[pymodule]
pub fn geometry(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(super::tools::measure, m)?)?;
    m.add_class::<crate::Circle>()?;
    Ok(())
}

/// Declarative submodule with a nested one.
#[pymodule]
pub mod units {
    use super::*;

    #[pymodule_export]
    use crate::errors::ShapeError;
    #[pymodule_export]
    use super::super::shapes::prelude::Sq;
    #[pymodule_export]
    use crate::shapes::area::total_area;
    // Never compiled: the glue adds it under the same `#[cfg]`.
    #[cfg(any())]
    #[pymodule_export]
    use crate::codecs::double;

    #[pymodule]
    pub mod metric {
        use pyo3::prelude::*;

        #[pyfunction]
        fn centimetres(metres: f64) -> f64 {
            metres * 100.0
        }
    }
}

/// Macro-written items, exported by `#[pymodule_export] use` as PyO3 projects do.
#[pymodule]
pub mod codecs {
    use super::*;

    #[pymodule_export]
    use crate::codecs::{answer, double, triple, Counter, Gzip, GzipError, Lz4, Raw, Zstd, ZstdError};

    #[pymodule]
    pub mod text {
        #[pymodule_export]
        use crate::codecs::text::Stream;
    }

    #[pymodule]
    pub mod binary {
        #[pymodule_export]
        use crate::codecs::binary::Stream;
    }
}

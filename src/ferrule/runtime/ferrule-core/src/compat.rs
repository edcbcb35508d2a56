//! Import paths that PyO3 still re-exports for older code, kept in one place.
//! Each module here only re-exports items that live elsewhere.

/// `pyo3::class::*`: from the `#[pyproto]` era.
pub mod class {
    pub use self::gc::{PyTraverseError, PyVisit};

    /// `pyo3::class::basic::CompareOp`
    pub mod basic {
        pub use crate::pyclass::CompareOp;
    }

    /// `pyo3::class::gc::{PyTraverseError, PyVisit}`
    pub mod gc {
        pub use crate::pyclass::{PyTraverseError, PyVisit};
    }
}

/// `pyo3::pycell::{PyRef, PyRefMut, PyBorrowError, PyBorrowMutError}`
pub mod pycell {
    pub use crate::pyclass::{PyBorrowError, PyBorrowMutError, PyRef, PyRefMut};
}

/// `pyo3::pyclass_init::PyClassInitializer`
pub mod pyclass_init {
    pub use crate::pyclass::PyClassInitializer;
}

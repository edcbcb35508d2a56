//! ferrule's runtime: PyO3's Rust API over CPython's C API (`ferrule-runtime-core`) and PyO3's
//! attributes (`ferrule-macros`), under one name. The glue that exposes user code to Python is
//! written by ferrule's Python generator and included by the attributes.
//!
//! Two crates behind one: cargo compiles the runtime while it compiles the macros, instead of after.

#[doc(inline)]
pub use ferrule_core::*;

#[cfg(feature = "macros")]
pub use ferrule_macros::{pyclass, pyfunction, pymethods, pymodule, FromPyObject, IntoPyObject, IntoPyObjectRef};

/// `use pyo3::prelude::*`: the runtime's prelude with the attributes.
pub mod prelude {
    pub use ferrule_core::prelude::*;
    /// PyO3 0.27's alias of `Py<PyAny>` (0.28 removed it). ferrule leaves it out of a crate that globs
    /// `pyo3::ffi::*` beside the prelude and so means ffi's `PyObject` (the toolchain's
    /// `prelude_pyobject.py` sets the cfg).
    #[cfg(not(ferrule_prelude_without_pyobject))]
    pub use ferrule_core::PyObject;
    #[cfg(feature = "macros")]
    pub use ferrule_macros::{pyclass, pyfunction, pymethods, pymodule, FromPyObject, IntoPyObject, IntoPyObjectRef};
}

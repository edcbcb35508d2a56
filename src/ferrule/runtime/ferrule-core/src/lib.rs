//! ferrule's runtime: PyO3's Rust API over CPython's C API. Users reach it through
//! `ferrule-runtime`, which re-exports all of it with the attributes of `ferrule-macros`.
//!
//! The glue that exposes user code to Python (trampolines, method tables,
//! `PyInit_<name>`) is written by ferrule's Python generator and included by the
//! attributes of `ferrule-macros`; it calls into the hidden [`impl_`] module.
#![allow(clippy::missing_safety_doc)]

pub mod ffi;

pub mod conversion;
mod cast;
#[cfg(feature = "experimental-async")]
pub mod coroutine;
pub mod conversions;
pub mod buffer;
/// PyO3 0.27+ names the call-arguments trait `pyo3::call::PyCallArgs` (pyo3-async-runtimes imports it so).
pub mod call {
    pub use crate::types::PyCallArgs;
}
mod compat;
pub use compat::class::{basic, gc};
pub use compat::{class, pycell, pyclass_init};
pub mod err;
pub mod exceptions;
mod gil;
mod instance;
mod py_calls;
mod lifecycle;
mod macros;
pub mod marker;
#[cfg(not(Py_LIMITED_API))]
pub mod marshal;
pub mod panic;
pub mod prelude;
pub mod pybacked;
pub mod pyclass;
pub mod sync;
pub mod type_object;
pub mod types;
mod version;

#[doc(hidden)]
pub mod impl_;
#[cfg(feature = "experimental-inspect")]
pub mod inspect;

/// `const NAME: PyStaticExpr = value;` when `experimental-inspect` is on, nothing otherwise
/// (lets the runtime's macros and ferrule's glue give hints without knowing the feature).
#[cfg(feature = "experimental-inspect")]
#[doc(hidden)]
#[macro_export]
macro_rules! __ferrule_inspect_const {
    ($name:ident = $value:expr) => {
        const $name: $crate::inspect::PyStaticExpr = $value;
    };
}
#[cfg(not(feature = "experimental-inspect"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __ferrule_inspect_const {
    ($name:ident = $value:expr) => {};
}

pub use crate::conversion::{
    BoundObject, FromPyObject, FromPyObjectOwned, IntoPyObject, IntoPyObjectExt,
};
pub use crate::err::{CastError, CastIntoError, DowncastError, DowncastIntoError, PyErr, PyErrArguments, PyResult, ToPyErr};
pub use crate::instance::{Borrowed, Bound, Py, PyObject};
#[cfg(not(PyPy))]
pub use crate::lifecycle::with_embedded_python_interpreter;
pub use crate::marker::{Python, Ungil};
pub use crate::pyclass::{
    PyClass, PyClassGuard, PyClassGuardMut, PyClassInitializer, PyRef, PyRefMut, PyTraverseError, PyVisit,
};
pub use crate::type_object::{PyTypeCheck, PyTypeInfo};
pub use crate::types::{PyAny, PyModule};
pub use crate::version::PythonVersionInfo;



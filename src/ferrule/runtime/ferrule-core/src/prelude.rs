//! `use ferrule::prelude::*;` brings in what a PyO3 user gets from `pyo3::prelude`.
pub use crate::conversion::{FromPyObject, FromPyObjectOwned, IntoPyObject, IntoPyObjectExt};
pub use crate::err::{PyErr, PyResult};
// `PyObject` is added by the facade (`ferrule/src/lib.rs`), which can leave it out.
pub use crate::instance::{Borrowed, Bound, Py};
pub use crate::marker::Python;
pub use crate::pyclass::{
    PyClass, PyClassGuard, PyClassGuardMut, PyClassInitializer, PyRef, PyRefMut, PyTraverseError, PyVisit,
};
pub use crate::types::{
    PyAny, PyAnyMethods, PyBoolMethods, PyByteArrayMethods, PyBytesMethods, PyCapsuleMethods, PyComplexMethods,
    PyDictMethods, PyFloatMethods, PyFrozenSetMethods, PyListMethods, PyMappingMethods, PyMappingProxyMethods,
    PyModule, PyModuleMethods, PySequenceMethods, PySetMethods, PySliceMethods, PyStringMethods, PyTupleMethods,
    PyTracebackMethods, PyTypeMethods, PyWeakrefMethods,
};
pub use crate::{wrap_pyfunction, wrap_pymodule};


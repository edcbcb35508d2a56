//! uuid (feature `uuid`): `Uuid` and `NonNilUuid` ↔ `uuid.UUID`, through its 128-bit `int`.
use ::uuid::{NonNilUuid, Uuid};

use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyTypeError, PyValueError};
use crate::instance::{Borrowed, Bound, Py};
use crate::marker::Python;
use crate::sync::PyOnceLock;
use crate::types::{PyAny, PyAnyMethods, PyType};

fn uuid_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static UUID: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    UUID.import(py, "uuid", "UUID")
}

impl FromPyObject<'_, '_> for Uuid {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        if !obj.is_instance(uuid_class(py)?.as_any())? {
            return Err(PyTypeError::new_err("Expected a `uuid.UUID` instance."));
        }
        Ok(Uuid::from_u128(obj.getattr("int")?.extract::<u128>()?))
    }
}

impl<'py> IntoPyObject<'py> for Uuid {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        // UUID(hex=None, bytes=None, bytes_le=None, fields=None, int=...).
        let none = py.None();
        uuid_class(py)?.call1((&none, &none, &none, &none, self.as_u128()))
    }
}

impl FromPyObject<'_, '_> for NonNilUuid {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        NonNilUuid::new(obj.extract::<Uuid>()?).ok_or_else(|| PyValueError::new_err("UUID is nil"))
    }
}

impl<'py> IntoPyObject<'py> for NonNilUuid {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        Uuid::from(self).into_pyobject(py)
    }
}

ref_into_pyobject_by_copy!(Uuid, NonNilUuid);

//! chrono-tz (feature `chrono-tz`): `Tz` ↔ `zoneinfo.ZoneInfo`, by IANA name.
use std::str::FromStr;

use chrono_tz::Tz;

use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyValueError;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{PyAny, PyAnyMethods, PyString, PyStringMethods, PyTzInfo};

impl<'py> IntoPyObject<'py> for Tz {
    type Target = PyTzInfo;
    type Output = Bound<'py, PyTzInfo>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        PyTzInfo::timezone(py, self.name())
    }
}

impl FromPyObject<'_, '_> for Tz {
    type Error = PyErr;
    /// Any tzinfo with a `key` naming a zone chrono-tz knows (PyO3 reads `key` from any object;
    /// here a non-tzinfo is a TypeError, so the argument's name is in the message).
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let key = obj.cast::<PyTzInfo>()?.getattr("key")?;
        let name = key.cast_into::<PyString>()?;
        Tz::from_str(&name.to_cow()?).map_err(|e| PyValueError::new_err(e.to_string()))
    }
}

ref_into_pyobject_by_copy!(Tz);

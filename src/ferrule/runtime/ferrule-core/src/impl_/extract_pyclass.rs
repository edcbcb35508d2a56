//! A `#[pyclass]` that is `Clone` converts from Python by cloning, unless it
//! says `skip_from_py_object` (PyO3 0.27+'s rule). The blanket impl below
//! applies only to classes that are `Clone`, so a non-`Clone` class may carry a
//! hand-written `impl FromPyObject` without a clash.
use crate::conversion::FromPyObject;
use crate::err::PyErr;
use crate::instance::Borrowed;
use crate::pyclass::{PyClass, PyRef};
use crate::types::PyAny;

/// Implemented by the glue of every `#[pyclass]` without `from_py_object` or
/// `skip_from_py_object`.
pub trait ExtractPyClassWithClone {}

impl<'a, 'py, T> FromPyObject<'a, 'py> for T
where
    T: PyClass + Clone + ExtractPyClassWithClone,
{
    type Error = PyErr;
    crate::__ferrule_inspect_const!(INPUT_TYPE = <T as crate::PyTypeInfo>::TYPE_HINT);
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> Result<Self, PyErr> {
        let value: PyRef<'py, T> = obj.extract()?;
        Ok((*value).clone())
    }
}

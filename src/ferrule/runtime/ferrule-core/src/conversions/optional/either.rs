//! `either::Either<L, R>`: to Python as whichever side it holds; from Python
//! `L` is tried first, then `R`, else TypeError naming both Rust types (PyO3's message).
use either::Either;

use crate::conversion::{FromPyObject, IntoPyObject, IntoPyObjectExt};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyTypeError;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::PyAny;

impl<'py, L, R> IntoPyObject<'py> for Either<L, R>
where
    L: IntoPyObject<'py>,
    R: IntoPyObject<'py>,
{
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        match self {
            Either::Left(l) => l.into_bound_py_any(py),
            Either::Right(r) => r.into_bound_py_any(py),
        }
    }
}

impl<'a, 'py, L, R> IntoPyObject<'py> for &'a Either<L, R>
where
    &'a L: IntoPyObject<'py>,
    &'a R: IntoPyObject<'py>,
{
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        match self {
            Either::Left(l) => l.into_bound_py_any(py),
            Either::Right(r) => r.into_bound_py_any(py),
        }
    }
}

impl<'a, 'py, L, R> FromPyObject<'a, 'py> for Either<L, R>
where
    L: FromPyObject<'a, 'py>,
    R: FromPyObject<'a, 'py>,
{
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(l) = L::extract(obj) {
            return Ok(Either::Left(l));
        }
        if let Ok(r) = R::extract(obj) {
            return Ok(Either::Right(r));
        }
        Err(PyTypeError::new_err(format!(
            "failed to convert the value to 'Union[{}, {}]'",
            std::any::type_name::<L>(),
            std::any::type_name::<R>()
        )))
    }
}

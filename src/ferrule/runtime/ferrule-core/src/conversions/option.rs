//! `Option<T>` ↔ `T | None`.
use crate::conversion::{BoundObject, FromPyObject, IntoPyObject};
use crate::err::PyErr;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::PyAny;

impl<'py, T: IntoPyObject<'py>> IntoPyObject<'py> for Option<T> {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, PyErr> {
        match self {
            Some(v) => Ok(v.into_pyobject(py).map_err(Into::into)?.into_any().into_bound()),
            None => Ok(py.None().into_bound(py)),
        }
    }
}

impl<'a, 'py, T: FromPyObject<'a, 'py>> FromPyObject<'a, 'py> for Option<T> {
    type Error = T::Error;
    #[inline]
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> Result<Self, T::Error> {
        if unsafe { obj.as_ptr() == crate::ffi::Py_None() } {
            Ok(None)
        } else {
            T::extract(obj).map(Some)
        }
    }
}

impl<'a, 'py, T> IntoPyObject<'py> for &'a Option<T>
where
    &'a T: IntoPyObject<'py>,
{
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, PyErr> {
        self.as_ref().into_pyobject(py)
    }
}

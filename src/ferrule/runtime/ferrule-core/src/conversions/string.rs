//! `str` ↔ `String`, `&str`, `Cow<str>`, `char`.
use std::borrow::Cow;

use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{PyAny, PyString};

impl<'py> IntoPyObject<'py> for &str {
    type Target = PyString;
    type Output = Bound<'py, PyString>;
    type Error = std::convert::Infallible;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(PyString::new(py, self))
    }
}

impl<'py> IntoPyObject<'py> for String {
    type Target = PyString;
    type Output = Bound<'py, PyString>;
    type Error = std::convert::Infallible;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(PyString::new(py, &self))
    }
}

impl<'py> IntoPyObject<'py> for &String {
    type Target = PyString;
    type Output = Bound<'py, PyString>;
    type Error = std::convert::Infallible;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(PyString::new(py, self))
    }
}

impl<'py> IntoPyObject<'py> for Cow<'_, str> {
    type Target = PyString;
    type Output = Bound<'py, PyString>;
    type Error = std::convert::Infallible;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(PyString::new(py, &self))
    }
}

impl<'py> IntoPyObject<'py> for char {
    type Target = PyString;
    type Output = Bound<'py, PyString>;
    type Error = std::convert::Infallible;
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        let mut buf = [0u8; 4];
        Ok(PyString::new(py, self.encode_utf8(&mut buf)))
    }
}

/// Borrowing needs the string's cached UTF-8, which the limited API only
/// exposes from 3.10; before that, extract `String` or `Cow<str>`.
#[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
impl<'a, 'py> FromPyObject<'a, 'py> for &'a str {
    type Error = PyErr;
    #[inline]
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        obj.cast::<PyString>()?.to_str()
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for String {
    type Error = PyErr;
    #[inline]
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        obj.cast::<PyString>()?.to_cow().map(Cow::into_owned)
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Cow<'a, str> {
    type Error = PyErr;
    #[inline]
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        obj.cast::<PyString>()?.to_cow()
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for char {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let s = obj.cast::<PyString>()?.to_cow()?;
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(crate::exceptions::PyValueError::new_err("expected a string of length 1")),
        }
    }
}

/// Owned and shared string forms, all producing a fresh `str`.
macro_rules! str_like_into {
    ($($ty:ty),*) => {$(
        impl<'py> IntoPyObject<'py> for $ty {
            type Target = PyString;
            type Output = Bound<'py, PyString>;
            type Error = std::convert::Infallible;
            #[inline]
            fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
                Ok(PyString::new(py, &self))
            }
        }
    )*};
}

str_like_into!(
    Box<str>,
    &Box<str>,
    std::rc::Rc<str>,
    &std::rc::Rc<str>,
    std::sync::Arc<str>,
    &std::sync::Arc<str>,
    &Cow<'_, str>
);

ref_into_pyobject_by_copy!(char);

impl<'a, 'py> FromPyObject<'a, 'py> for Box<str> {
    type Error = PyErr;
    #[inline]
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        obj.cast::<PyString>()?.to_cow().map(|s| s.into_owned().into_boxed_str())
    }
}

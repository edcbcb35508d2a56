//! The error of a failed `cast`/`downcast`: raised in Python as `TypeError`.
use crate::err::PyErr;
use crate::exceptions::PyTypeError;
use crate::instance::{Borrowed, Bound};
use crate::types::{PyAny, PyAnyMethods, PyTypeMethods};
use std::fmt;

/// `obj.cast::<T>()` failed; `to` names the wanted type.
pub struct CastError<'a, 'py> {
    from: Borrowed<'a, 'py, PyAny>,
    to: Bound<'py, PyAny>,
}

impl<'a, 'py> CastError<'a, 'py> {
    pub fn new(from: Borrowed<'a, 'py, PyAny>, to: Bound<'py, PyAny>) -> Self {
        CastError { from, to }
    }
}

/// `obj.cast_into::<T>()` failed; gives the object back.
pub struct CastIntoError<'py> {
    from: Bound<'py, PyAny>,
    to: Bound<'py, PyAny>,
}

impl<'py> CastIntoError<'py> {
    pub fn new(from: Bound<'py, PyAny>, to: Bound<'py, PyAny>) -> Self {
        CastIntoError { from, to }
    }
    pub fn into_inner(self) -> Bound<'py, PyAny> {
        self.from
    }
}

pub type DowncastError<'a, 'py> = CastError<'a, 'py>;
pub type DowncastIntoError<'py> = CastIntoError<'py>;

/// PyO3's wording (0.28+): `'int' object is not an instance of 'str'`, `'None' is not an instance of 'str'`.
fn message(from: &Bound<'_, PyAny>, to: &Bound<'_, PyAny>) -> String {
    let to_name = match to.cast::<crate::types::PyType>() {
        Ok(ty) => ty.qualname().map(|n| n.to_string()).unwrap_or_else(|_| "<unknown>".into()),
        Err(_) => to.to_string(),
    };
    if from.is_none() {
        return format!("'None' is not an instance of '{to_name}'");
    }
    let from_name = from.get_type().qualname().map(|n| n.to_string()).unwrap_or_else(|_| "<unknown>".into());
    format!("'{from_name}' object is not an instance of '{to_name}'")
}

impl fmt::Display for CastError<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&message(&self.from, &self.to))
    }
}

impl fmt::Debug for CastError<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CastError").field(&message(&self.from, &self.to)).finish()
    }
}

impl fmt::Display for CastIntoError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&message(&self.from, &self.to))
    }
}

impl fmt::Debug for CastIntoError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CastIntoError").field(&message(&self.from, &self.to)).finish()
    }
}

impl std::error::Error for CastError<'_, '_> {}
impl std::error::Error for CastIntoError<'_> {}

impl From<CastError<'_, '_>> for PyErr {
    #[cold]
    fn from(e: CastError<'_, '_>) -> PyErr {
        PyTypeError::new_err(message(&e.from, &e.to))
    }
}

impl From<CastIntoError<'_>> for PyErr {
    #[cold]
    fn from(e: CastIntoError<'_>) -> PyErr {
        PyTypeError::new_err(message(&e.from, &e.to))
    }
}

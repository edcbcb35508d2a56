//! `num_rational::Ratio<i8…i64, isize, BigInt>` ↔ `fractions.Fraction`.
//! Extraction reads `numerator`/`denominator`, so an `int` or any
//! `numbers.Rational` converts too. Without them it is a TypeError (PyO3
//! lets the AttributeError through).
use num_rational::Ratio;

use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyAttributeError, PyTypeError, PyZeroDivisionError};
use crate::ffi;
use crate::instance::{Borrowed, Bound, Py};
use crate::marker::Python;
use crate::sync::PyOnceLock;
use crate::types::{PyAny, PyAnyMethods, PyType, PyTypeMethods};

static FRACTION: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn fraction(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    FRACTION.import(py, "fractions", "Fraction")
}

/// `int(obj.<name>)`, or TypeError when `obj` has no such attribute.
fn part<'py>(obj: Borrowed<'_, 'py, PyAny>, name: &Bound<'py, crate::types::PyString>) -> PyResult<Bound<'py, PyAny>> {
    let py = obj.py();
    let value = obj.getattr(name).map_err(|e| {
        if e.is_instance_of::<PyAttributeError>(py) {
            let ty = obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
            PyTypeError::new_err(format!("'{ty}' object cannot be converted to 'Fraction'"))
        } else {
            e
        }
    })?;
    unsafe { Bound::from_owned_ptr_or_err_typed(py, ffi::PyNumber_Long(value.as_ptr())) }
}

macro_rules! rational {
    ($int:ty) => {
        impl<'a, 'py> FromPyObject<'a, 'py> for Ratio<$int> {
            type Error = PyErr;
            fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
                let py = obj.py();
                let numer: $int = part(obj, crate::intern!(py, "numerator"))?.extract()?;
                let denom: $int = part(obj, crate::intern!(py, "denominator"))?.extract()?;
                if denom == <$int>::default() {
                    return Err(PyZeroDivisionError::new_err("denominator must not be zero"));
                }
                Ok(Ratio::new(numer, denom))
            }
        }

        impl<'py> IntoPyObject<'py> for &Ratio<$int> {
            type Target = PyAny;
            type Output = Bound<'py, PyAny>;
            type Error = PyErr;
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
                fraction(py)?.call1((self.numer().clone(), self.denom().clone()))
            }
        }

        impl<'py> IntoPyObject<'py> for Ratio<$int> {
            type Target = PyAny;
            type Output = Bound<'py, PyAny>;
            type Error = PyErr;
            #[inline]
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
                (&self).into_pyobject(py)
            }
        }
    };
}

rational!(i8);
rational!(i16);
rational!(i32);
rational!(i64);
rational!(isize);
#[cfg(feature = "num-bigint")]
rational!(num_bigint::BigInt);

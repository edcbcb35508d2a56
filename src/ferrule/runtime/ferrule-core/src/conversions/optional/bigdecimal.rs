//! `bigdecimal::BigDecimal` ↔ `decimal.Decimal`, any precision. Python → Rust
//! parses `str()` (ValueError for NaN and infinities, as PyO3); Rust → Python
//! builds the Decimal from its (sign, digits, exponent) tuple, so no digit is
//! lost to the Python context's precision.
use std::str::FromStr;

use bigdecimal::BigDecimal;
use num_bigint::Sign;

use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyValueError;
use crate::instance::{Borrowed, Bound, Py};
use crate::marker::Python;
use crate::sync::PyOnceLock;
use crate::types::{PyAny, PyAnyMethods, PyStringMethods, PyTuple, PyType};

fn invalid_operation(py: Python<'_>) -> PyErr {
    static INVALID_OPERATION: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    match INVALID_OPERATION.import(py, "decimal", "InvalidOperation") {
        Ok(ty) => PyErr::from_type(ty.clone(), ()),
        Err(e) => e,
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for BigDecimal {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let text = obj.str()?;
        let text = text.to_cow()?;
        BigDecimal::from_str(&text).map_err(|e| PyValueError::new_err(e.to_string()))
    }
}

impl<'py> IntoPyObject<'py> for &BigDecimal {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        let decimal = super::decimal_type(py)?;
        let (int, scale) = self.as_bigint_and_exponent();
        if scale == 0 {
            return decimal.call1((int,));
        }
        let exponent = scale.checked_neg().ok_or_else(|| invalid_operation(py))?;
        let (sign, digits) = int.to_radix_be(10);
        let digits = PyTuple::new(py, digits.into_iter().map(u32::from))?;
        decimal.call1(((sign == Sign::Minus, digits, exponent),))
    }
}

impl<'py> IntoPyObject<'py> for BigDecimal {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        (&self).into_pyobject(py)
    }
}

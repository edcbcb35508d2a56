//! `rust_decimal::Decimal` ↔ `decimal.Decimal`. As PyO3: an `int` that fits
//! 64 bits converts directly; anything else through its `str()`, so a
//! string such as `"1.5"` is accepted and NaN, infinities or values beyond
//! Decimal's 96 bits raise ValueError with rust_decimal's message.
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyValueError;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{PyAny, PyAnyMethods, PyStringMethods};

impl<'a, 'py> FromPyObject<'a, 'py> for Decimal {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(v) = obj.extract::<i64>() {
            return Ok(Decimal::new(v, 0));
        }
        let text = obj.str()?;
        let text = text.to_cow()?;
        Decimal::from_str(&text)
            .or_else(|_| Decimal::from_scientific(&text))
            .map_err(|e| PyValueError::new_err(e.to_string()))
    }
}

impl<'py> IntoPyObject<'py> for Decimal {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        super::decimal_type(py)?.call1((self.to_string(),))
    }
}

ref_into_pyobject_by_copy!(Decimal);

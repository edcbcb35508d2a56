//! `num_bigint::{BigInt, BigUint}` ↔ `int`, any size. Values that fit 64 bits
//! take the C calls; larger ones travel as little-endian bytes through
//! `int.from_bytes`/`int.to_bytes`, which every interpreter and the stable ABI
//! have (the native byte-array calls differ by version and are private before 3.13).
use num_bigint::{BigInt, BigUint};
use num_traits::ToPrimitive;

use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyOverflowError;
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{PyAny, PyAnyMethods, PyBytes, PyBytesMethods, PyDict, PyDictMethods, PyInt};

fn int_from_le_bytes<'py>(py: Python<'py>, bytes: &[u8], signed: bool) -> PyResult<Bound<'py, PyInt>> {
    let kwargs = PyDict::new(py);
    kwargs.set_item(crate::intern!(py, "signed"), signed)?;
    let int = py.get_type::<PyInt>();
    let value = int.call_method(crate::intern!(py, "from_bytes"), (PyBytes::new(py, bytes), "little"), Some(&kwargs))?;
    Ok(unsafe { value.cast_into_unchecked() })
}

/// The `int` itself, or `__index__`'s result (floats and strings get CPython's TypeError).
fn as_int<'py>(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    unsafe { Bound::from_owned_ptr_or_err_typed(obj.py(), ffi::PyNumber_Index(obj.as_ptr())) }
}

/// The value as `i64` when it fits, else `Err(negative)`.
fn small(num: &Bound<'_, PyAny>) -> PyResult<Result<i64, bool>> {
    let mut overflow = 0;
    let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(num.as_ptr(), &mut overflow) };
    if v == -1 && overflow == 0 {
        if let Some(e) = PyErr::take(num.py()) {
            return Err(e);
        }
    }
    Ok(if overflow == 0 { Ok(v) } else { Err(overflow < 0) })
}

fn to_le_bytes(num: &Bound<'_, PyAny>, signed: bool) -> PyResult<Vec<u8>> {
    let py = num.py();
    let bits: usize = num.call_method0(crate::intern!(py, "bit_length"))?.extract()?;
    // A signed value needs room for its sign bit.
    let len = if signed { bits / 8 + 1 } else { bits.div_ceil(8) };
    let kwargs = PyDict::new(py);
    kwargs.set_item(crate::intern!(py, "signed"), signed)?;
    let bytes = num.call_method(crate::intern!(py, "to_bytes"), (len, "little"), Some(&kwargs))?;
    Ok(bytes.cast_into::<PyBytes>()?.as_bytes().to_vec())
}

fn negative_to_unsigned() -> PyErr {
    PyOverflowError::new_err("can't convert negative int to unsigned")
}

impl<'py> IntoPyObject<'py> for &BigInt {
    type Target = PyInt;
    type Output = Bound<'py, PyInt>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        match self.to_i64() {
            Some(v) => Ok(v.into_pyobject(py)?),
            None => int_from_le_bytes(py, &self.to_signed_bytes_le(), true),
        }
    }
}

impl<'py> IntoPyObject<'py> for &BigUint {
    type Target = PyInt;
    type Output = Bound<'py, PyInt>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        match self.to_u64() {
            Some(v) => Ok(v.into_pyobject(py)?),
            None => int_from_le_bytes(py, &self.to_bytes_le(), false),
        }
    }
}

macro_rules! by_reference {
    ($($ty:ty),*) => {$(
        impl<'py> IntoPyObject<'py> for $ty {
            type Target = PyInt;
            type Output = Bound<'py, PyInt>;
            type Error = PyErr;
            #[inline]
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
                (&self).into_pyobject(py)
            }
        }
    )*};
}
by_reference!(BigInt, BigUint);

impl<'a, 'py> FromPyObject<'a, 'py> for BigInt {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let num = as_int(obj)?;
        match small(&num)? {
            Ok(v) => Ok(BigInt::from(v)),
            Err(_) => Ok(BigInt::from_signed_bytes_le(&to_le_bytes(&num, true)?)),
        }
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for BigUint {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let num = as_int(obj)?;
        match small(&num)? {
            Ok(v) if v < 0 => Err(negative_to_unsigned()),
            Ok(v) => Ok(BigUint::from(v as u64)),
            Err(true) => Err(negative_to_unsigned()),
            Err(false) => Ok(BigUint::from_bytes_le(&to_le_bytes(&num, false)?)),
        }
    }
}

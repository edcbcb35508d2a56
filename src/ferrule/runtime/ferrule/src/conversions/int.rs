//! Integers. Extraction goes through `__index__` (so floats are refused with
//! CPython's own message) and out-of-range values raise `OverflowError`.
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyOverflowError;
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{PyAny, PyInt};

/// Reads an `int` (or anything with `__index__`) as a C `long long`.
#[inline]
fn extract_i64(obj: Borrowed<'_, '_, PyAny>) -> PyResult<i64> {
    let v = unsafe { ffi::PyLong_AsLongLong(obj.as_ptr()) };
    if v == -1 {
        if let Some(e) = PyErr::take(obj.py()) {
            return Err(e);
        }
    }
    Ok(v)
}

#[inline]
fn extract_u64(obj: Borrowed<'_, '_, PyAny>) -> PyResult<u64> {
    unsafe {
        if ffi::PyLong_Check(obj.as_ptr()) != 0 {
            let v = ffi::PyLong_AsUnsignedLongLong(obj.as_ptr());
            if v == u64::MAX {
                if let Some(e) = PyErr::take(obj.py()) {
                    return Err(e);
                }
            }
            return Ok(v);
        }
        let index = Bound::from_owned_ptr_or_err(obj.py(), ffi::PyNumber_Index(obj.as_ptr()))?;
        extract_u64(index.as_borrowed())
    }
}

macro_rules! int_via {
    ($rust:ty, $wide:ty, $extract:ident, $new:path) => {
        impl<'py> IntoPyObject<'py> for $rust {
            type Target = PyInt;
            type Output = Bound<'py, PyInt>;
            type Error = std::convert::Infallible;
            #[inline]
            fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
                unsafe { Ok(Bound::<PyAny>::from_owned_ptr(py, $new(self as $wide as _)).cast_into_unchecked()) }
            }
        }

        impl<'py> IntoPyObject<'py> for &$rust {
            type Target = PyInt;
            type Output = Bound<'py, PyInt>;
            type Error = std::convert::Infallible;
            #[inline]
            fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
                (*self).into_pyobject(py)
            }
        }

        impl<'a, 'py> FromPyObject<'a, 'py> for $rust {
            type Error = PyErr;
            #[inline]
            fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
                let wide = $extract(obj)?;
                <$rust>::try_from(wide)
                    .map_err(|_| PyOverflowError::new_err(concat!("out of range integral type conversion attempted")))
            }
        }
    };
}

int_via!(i8, i64, extract_i64, ffi::PyLong_FromLongLong);
int_via!(i16, i64, extract_i64, ffi::PyLong_FromLongLong);
int_via!(i32, i64, extract_i64, ffi::PyLong_FromLongLong);
int_via!(i64, i64, extract_i64, ffi::PyLong_FromLongLong);
int_via!(isize, i64, extract_i64, ffi::PyLong_FromLongLong);
int_via!(u8, u64, extract_u64, ffi::PyLong_FromUnsignedLongLong);
int_via!(u16, u64, extract_u64, ffi::PyLong_FromUnsignedLongLong);
int_via!(u32, u64, extract_u64, ffi::PyLong_FromUnsignedLongLong);
int_via!(u64, u64, extract_u64, ffi::PyLong_FromUnsignedLongLong);
int_via!(usize, u64, extract_u64, ffi::PyLong_FromUnsignedLongLong);

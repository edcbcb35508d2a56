//! `&[u8]` borrows a `bytes` object's buffer; `Cow<[u8]>` also takes a
//! `bytearray` (copied, since a bytearray can be resized under us). Both go
//! back to Python as `bytes` through the `u8` sequence hooks (conversions/seq.rs).
use std::borrow::Cow;

use crate::conversion::FromPyObject;
use crate::err::{PyErr, PyResult};
use crate::instance::Borrowed;
use crate::types::{PyAny, PyByteArray, PyByteArrayMethods, PyBytes};

impl<'a, 'py> FromPyObject<'a, 'py> for &'a [u8] {
    type Error = PyErr;
    #[inline]
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(obj.cast::<PyBytes>()?.as_bytes())
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Cow<'a, [u8]> {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(bytes) = obj.cast::<PyBytes>() {
            return Ok(Cow::Borrowed(bytes.as_bytes()));
        }
        // Report the failure against `bytes`, the primary accepted type.
        let array = obj.cast::<PyByteArray>().map_err(|_| PyErr::from(obj.cast::<PyBytes>().unwrap_err()))?;
        Ok(Cow::Owned(array.to_owned().to_vec()))
    }
}

//! `i128`/`u128` ↔ `int`. With the full API the value travels as 16 bytes
//! (`PyLong_{From,As}NativeBytes` from 3.13, the private byte-array calls
//! before); under the limited API it is split into two 64-bit halves joined
//! with `<<` and `|`, since those calls are not in the stable ABI.
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyOverflowError;
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{PyAny, PyInt};

/// PyO3's message for a value outside the 128-bit range, on every API path.
#[cold]
fn too_big() -> PyErr {
    PyOverflowError::new_err("Python int larger than 128 bits")
}

fn owned<'py>(py: Python<'py>, ptr: *mut ffi::PyObject) -> PyResult<Bound<'py, PyAny>> {
    unsafe { Bound::from_owned_ptr_or_err_typed(py, ptr) }
}

/// `int(obj)` through `__index__` (floats refused with CPython's message).
fn index<'py>(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    owned(obj.py(), unsafe { ffi::PyNumber_Index(obj.as_ptr()) })
}

/// Raises CPython's own message for a negative value bound for an unsigned type.
fn reject_negative(num: &Bound<'_, PyAny>) -> PyResult<()> {
    let py = num.py();
    let zero = owned(py, unsafe { ffi::PyLong_FromLong(0) })?;
    match unsafe { ffi::PyObject_RichCompareBool(num.as_ptr(), zero.as_ptr(), ffi::Py_LT) } {
        -1 => Err(PyErr::fetch(py)),
        0 => Ok(()),
        _ => Err(PyOverflowError::new_err("can't convert negative int to unsigned")),
    }
}

#[cfg(all(not(Py_LIMITED_API), Py_3_13))]
fn from_le_bytes<'py>(py: Python<'py>, bytes: [u8; 16], signed: bool) -> PyResult<Bound<'py, PyAny>> {
    let flags = ffi::Py_ASNATIVEBYTES_LITTLE_ENDIAN;
    let ptr = unsafe {
        if signed {
            ffi::PyLong_FromNativeBytes(bytes.as_ptr().cast(), 16, flags)
        } else {
            ffi::PyLong_FromUnsignedNativeBytes(bytes.as_ptr().cast(), 16, flags)
        }
    };
    owned(py, ptr)
}

#[cfg(all(not(Py_LIMITED_API), not(Py_3_13)))]
fn from_le_bytes<'py>(py: Python<'py>, bytes: [u8; 16], signed: bool) -> PyResult<Bound<'py, PyAny>> {
    owned(py, unsafe { ffi::_PyLong_FromByteArray(bytes.as_ptr(), 16, 1, signed as _) })
}

#[cfg(all(not(Py_LIMITED_API), Py_3_13))]
fn to_le_bytes(obj: Borrowed<'_, '_, PyAny>, signed: bool) -> PyResult<[u8; 16]> {
    let num = index(obj)?;
    if !signed {
        reject_negative(&num)?;
    }
    let mut buf = [0u8; 16];
    let mut flags = ffi::Py_ASNATIVEBYTES_LITTLE_ENDIAN;
    if !signed {
        flags |= ffi::Py_ASNATIVEBYTES_UNSIGNED_BUFFER;
    }
    // Returns the size the value needs, which may exceed the buffer.
    let needed = unsafe { ffi::PyLong_AsNativeBytes(num.as_ptr(), buf.as_mut_ptr().cast(), 16, flags) };
    if needed < 0 {
        return Err(PyErr::fetch(obj.py()));
    }
    if needed > 16 {
        return Err(too_big());
    }
    Ok(buf)
}

#[cfg(all(not(Py_LIMITED_API), not(Py_3_13)))]
fn to_le_bytes(obj: Borrowed<'_, '_, PyAny>, signed: bool) -> PyResult<[u8; 16]> {
    let py = obj.py();
    let num = index(obj)?;
    if !signed {
        reject_negative(&num)?;
    }
    let mut buf = [0u8; 16];
    // With negatives refused above, its OverflowError ("int too big to
    // convert") can only mean too big: say so in the same words as 3.13+.
    let rc = unsafe {
        ffi::_PyLong_AsByteArray(num.as_ptr().cast(), buf.as_mut_ptr(), 16, 1, signed as _)
    };
    if rc == -1 {
        let err = PyErr::fetch(py);
        return Err(if err.is_instance_of::<PyOverflowError>(py) { too_big() } else { err });
    }
    Ok(buf)
}

macro_rules! int128 {
    ($rust:ty, $signed:expr, $half:ty) => {
        impl<'py> IntoPyObject<'py> for $rust {
            type Target = PyInt;
            type Output = Bound<'py, PyInt>;
            type Error = PyErr;
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
                #[cfg(not(Py_LIMITED_API))]
                let obj = from_le_bytes(py, self.to_le_bytes(), $signed)?;
                #[cfg(Py_LIMITED_API)]
                let obj = unsafe {
                    // high << 64 | low; Python's `<<`/`|` on a negative high
                    // half give the right two's-complement value.
                    let high = owned(py, <$half as IntoPyObject>::into_pyobject((self >> 64) as $half, py)?.into_ptr())?;
                    let low = owned(py, ffi::PyLong_FromUnsignedLongLong(self as u64))?;
                    let shift = owned(py, ffi::PyLong_FromLong(64))?;
                    let shifted = owned(py, ffi::PyNumber_Lshift(high.as_ptr(), shift.as_ptr()))?;
                    owned(py, ffi::PyNumber_Or(shifted.as_ptr(), low.as_ptr()))?
                };
                Ok(unsafe { obj.cast_into_unchecked() })
            }
        }

        ref_into_pyobject_by_copy!($rust);

        impl<'a, 'py> FromPyObject<'a, 'py> for $rust {
            type Error = PyErr;
            fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
                #[cfg(not(Py_LIMITED_API))]
                {
                    to_le_bytes(obj, $signed).map(<$rust>::from_le_bytes)
                }
                #[cfg(Py_LIMITED_API)]
                unsafe {
                    let py = obj.py();
                    let num = index(obj)?;
                    if !$signed {
                        reject_negative(&num)?;
                    }
                    // The mask keeps the low 64 bits of any sign; `>>` floors,
                    // so the high half keeps the sign.
                    let low = ffi::PyLong_AsUnsignedLongLongMask(num.as_ptr());
                    if low == u64::MAX {
                        if let Some(e) = PyErr::take(py) {
                            return Err(e);
                        }
                    }
                    let shift = owned(py, ffi::PyLong_FromLong(64))?;
                    let high = owned(py, ffi::PyNumber_Rshift(num.as_ptr(), shift.as_ptr()))?;
                    let high = <$half as FromPyObject>::extract(high.as_borrowed()).map_err(|_| too_big())?;
                    Ok(((high as $rust) << 64) | low as $rust)
                }
            }
        }
    };
}

int128!(i128, true, i64);
int128!(u128, false, u64);

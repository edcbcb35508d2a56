//! Integers. Extraction goes through `__index__` (so floats are refused with
//! CPython's own message) and out-of-range values raise `OverflowError`.
use crate::conversion::private::{Reference, Token};
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyOverflowError;
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{PyAny, PyBytes, PyInt};

/// Runs `read` on `obj` as an exact-enough `int`: before 3.10 the C readers
/// fall back to `__int__` (silently truncating floats), so `__index__` is
/// applied here first; from 3.10 they call `__index__` themselves.
#[inline]
fn with_index<R>(obj: Borrowed<'_, '_, PyAny>, force_index: bool, read: impl Fn(*mut ffi::PyObject) -> R) -> PyResult<R> {
    unsafe {
        if (cfg!(Py_3_10) && !force_index) || ffi::PyLong_Check(obj.as_ptr()) != 0 {
            return Ok(read(obj.as_ptr()));
        }
        let index = Bound::<PyAny>::from_owned_ptr_or_err_typed(obj.py(), ffi::PyNumber_Index(obj.as_ptr()))?;
        Ok(read(index.as_ptr()))
    }
}

/// Whether this interpreter's `int` digits are 30 bits (`uint32_t`), the layout
/// [`ffi::compact_value`] reads: CPython's default on 64-bit platforms, but a
/// build may choose 15. Asked once.
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
#[inline]
fn digits_are_30_bits() -> bool {
    use std::sync::atomic::{AtomicU8, Ordering};
    static STATE: AtomicU8 = AtomicU8::new(0); // 0 unknown, 1 yes, 2 no
    #[cold]
    fn ask() -> bool {
        // SAFETY: called while attached (from an extraction); `int_info` is a tuple subclass.
        let yes = unsafe {
            let info = ffi::PyLong_GetInfo();
            if info.is_null() {
                ffi::PyErr_Clear();
                false
            } else {
                let bits = ffi::PyLong_AsLong(ffi::PyTuple_GetItem(info, 0));
                ffi::Py_DECREF(info);
                if bits == -1 {
                    ffi::PyErr_Clear();
                }
                bits == 30
            }
        };
        STATE.store(if yes { 1 } else { 2 }, Ordering::Relaxed);
        yes
    }
    match STATE.load(Ordering::Relaxed) {
        1 => true,
        2 => false,
        _ => ask(),
    }
}

/// `-1`/`MAX` are also valid results, so only a set error means failure.
#[inline]
fn check<T: PartialEq>(py: Python<'_>, v: T, error_value: T) -> PyResult<T> {
    if v == error_value {
        if let Some(e) = PyErr::take(py) {
            return Err(e);
        }
    }
    Ok(v)
}

/// Reads an `int` (or anything with `__index__`) as 64 bits through C `long`
/// where it is 64 bits wide, so overflow has CPython's (and PyO3's) message
/// "Python int too large to convert to C long".
#[inline]
fn extract_i64(obj: Borrowed<'_, '_, PyAny>) -> PyResult<i64> {
    // Most ints fit one digit: read it inline instead of two calls into CPython.
    #[cfg(not(any(Py_LIMITED_API, PyPy)))]
    unsafe {
        if ffi::PyLong_Check(obj.as_ptr()) != 0 && digits_are_30_bits() {
            if let Some(v) = ffi::compact_value(obj.as_ptr()) {
                return Ok(v);
            }
        }
    }
    #[cfg(all(target_pointer_width = "64", not(windows)))]
    let v = with_index(obj, false, |p| unsafe { ffi::PyLong_AsLong(p) as i64 })?;
    #[cfg(not(all(target_pointer_width = "64", not(windows))))]
    let v = with_index(obj, false, |p| unsafe { ffi::PyLong_AsLongLong(p) })?;
    check(obj.py(), v, -1)
}

/// Reads an `int` (or anything with `__index__`) as C `unsigned long long`, as PyO3 reads `u64`:
/// CPython's messages "can't convert negative int to unsigned" and "int too big to convert".
/// It never calls `__index__` itself, so that is forced.
#[inline]
fn extract_u64(obj: Borrowed<'_, '_, PyAny>) -> PyResult<u64> {
    let v = with_index(obj, true, |p| unsafe { ffi::PyLong_AsUnsignedLongLong(p) })?;
    check(obj.py(), v, u64::MAX)
}

macro_rules! int_via {
    ($rust:ty, $wide:ty, $extract:ident, $new:path) => {
        int_via!($rust, $wide, $extract, $new; {} {});
    };
    ($rust:ty, $wide:ty, $extract:ident, $new:path; {$($owned_hook:tt)*} {$($borrowed_hook:tt)*}) => {
        impl<'py> IntoPyObject<'py> for $rust {
            type Target = PyInt;
            type Output = Bound<'py, PyInt>;
            type Error = std::convert::Infallible;
            #[inline]
            fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
                unsafe { Ok(Bound::<PyAny>::from_owned_ptr_typed(py, $new(self as $wide as _)).cast_into_unchecked()) }
            }
            $($owned_hook)*
        }

        impl<'py> IntoPyObject<'py> for &$rust {
            type Target = PyInt;
            type Output = Bound<'py, PyInt>;
            type Error = std::convert::Infallible;
            #[inline]
            fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
                (*self).into_pyobject(py)
            }
            $($borrowed_hook)*
        }

        impl<'a, 'py> FromPyObject<'a, 'py> for $rust {
            type Error = PyErr;
            #[inline]
            fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
                let wide = $extract(obj)?;
                // Narrowing: PyO3's message, "out of range integral type conversion attempted".
                <$rust>::try_from(wide).map_err(|e| PyOverflowError::new_err(e.to_string()))
            }
        }
    };
}

int_via!(i8, i64, extract_i64, ffi::PyLong_FromLongLong);
int_via!(i16, i64, extract_i64, ffi::PyLong_FromLongLong);
int_via!(i32, i64, extract_i64, ffi::PyLong_FromLongLong);
int_via!(i64, i64, extract_i64, ffi::PyLong_FromLongLong);
int_via!(isize, i64, extract_i64, ffi::PyLong_FromLongLong);
// A sequence of `u8` (`Vec<u8>`, `[u8; N]`, `&[u8]`, `Cow<[u8]>`) becomes `bytes`.
int_via!(u8, i64, extract_i64, ffi::PyLong_FromLongLong; {
    #[inline]
    fn owned_sequence_into_pyobject<I>(items: I, py: Python<'py>, _: Token) -> PyResult<Bound<'py, PyAny>>
    where
        I: IntoIterator<Item = Self> + AsRef<[Self]>,
        I::IntoIter: ExactSizeIterator<Item = Self>,
    {
        Ok(PyBytes::new(py, items.as_ref()).into_any())
    }
} {
    #[inline]
    fn borrowed_sequence_into_pyobject<I>(items: I, py: Python<'py>, _: Token) -> PyResult<Bound<'py, PyAny>>
    where
        I: IntoIterator<Item = Self> + AsRef<[<Self as Reference>::Base]>,
        I::IntoIter: ExactSizeIterator<Item = Self>,
    {
        Ok(PyBytes::new(py, items.as_ref()).into_any())
    }
});
int_via!(u16, i64, extract_i64, ffi::PyLong_FromLongLong);
int_via!(u32, i64, extract_i64, ffi::PyLong_FromLongLong);
int_via!(u64, u64, extract_u64, ffi::PyLong_FromUnsignedLongLong);
int_via!(usize, u64, extract_u64, ffi::PyLong_FromUnsignedLongLong);

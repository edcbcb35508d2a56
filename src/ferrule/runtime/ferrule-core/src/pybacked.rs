//! `pyo3::pybacked`: `str` and `bytes` data borrowed from a Python object that
//! the value keeps alive, so they can be held without the GIL and without a copy.
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::ptr::NonNull;

use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyTypeError;
use crate::instance::{Borrowed, Bound, Py};
use crate::marker::Python;
use crate::types::{PyAny, PyAnyMethods, PyByteArray, PyByteArrayMethods, PyBytes, PyBytesMethods, PyString, PyTypeMethods};

/// The text of a Python `str`, valid while the value lives. `Clone` needs an attached thread, as
/// `Py<T>`'s does (PyO3 has it under its `py-clone` feature).
#[derive(Clone)]
pub struct PyBackedStr {
    /// The `str` itself (its cached UTF-8), or, under the limited API before
    /// 3.10, a `bytes` copy of the UTF-8.
    storage: Py<PyAny>,
    data: NonNull<str>,
}

// The data is immutable and owned by `storage`, which may be dropped on any thread.
unsafe impl Send for PyBackedStr {}
unsafe impl Sync for PyBackedStr {}

impl PyBackedStr {
    pub fn clone_ref(&self, py: Python<'_>) -> Self {
        PyBackedStr { storage: self.storage.clone_ref(py), data: self.data }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        unsafe { self.data.as_ref() }
    }

    /// The backing `str` object.
    #[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
    pub fn as_py_str(&self) -> &Py<PyString> {
        // `storage` is always a `str` where the UTF-8 can be borrowed.
        unsafe { &*(&self.storage as *const Py<PyAny> as *const Py<PyString>) }
    }
}

impl TryFrom<Bound<'_, PyString>> for PyBackedStr {
    type Error = PyErr;
    fn try_from(s: Bound<'_, PyString>) -> PyResult<Self> {
        #[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
        {
            let data = NonNull::from(s.as_borrowed().to_str()?);
            Ok(PyBackedStr { storage: s.into_any().unbind(), data })
        }
        #[cfg(not(any(Py_3_10, not(Py_LIMITED_API))))]
        {
            use crate::types::PyStringMethods;
            let bytes = s.encode_utf8()?;
            // The bytes are the string's UTF-8, so already valid.
            let data = NonNull::from(unsafe { std::str::from_utf8_unchecked(bytes.as_bytes()) });
            Ok(PyBackedStr { storage: bytes.into_any().unbind(), data })
        }
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for PyBackedStr {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        PyBackedStr::try_from(obj.cast::<PyString>()?.to_owned())
    }
}

/// The backing `str` (a new one under the limited API before 3.10, which kept `bytes`), as PyO3's.
impl<'py> IntoPyObject<'py> for &PyBackedStr {
    type Target = PyString;
    type Output = Bound<'py, PyString>;
    type Error = std::convert::Infallible;
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        #[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
        return Ok(self.as_py_str().bind(py).clone());
        #[cfg(not(any(Py_3_10, not(Py_LIMITED_API))))]
        return Ok(PyString::new(py, self.as_str()));
    }
}

impl<'py> IntoPyObject<'py> for PyBackedStr {
    type Target = PyString;
    type Output = Bound<'py, PyString>;
    type Error = std::convert::Infallible;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        (&self).into_pyobject(py)
    }
}

impl fmt::Display for PyBackedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

/// The bytes of a Python `bytes` (borrowed) or `bytearray` (copied: it can be resized).
#[derive(Clone)]
pub struct PyBackedBytes {
    storage: BytesStorage,
    data: NonNull<[u8]>,
}

#[derive(Clone)]
enum BytesStorage {
    Python(Py<PyBytes>),
    Rust(std::sync::Arc<[u8]>),
}

unsafe impl Send for PyBackedBytes {}
unsafe impl Sync for PyBackedBytes {}

impl PyBackedBytes {
    pub fn clone_ref(&self, py: Python<'_>) -> Self {
        let storage = match &self.storage {
            BytesStorage::Python(bytes) => BytesStorage::Python(bytes.clone_ref(py)),
            BytesStorage::Rust(bytes) => BytesStorage::Rust(bytes.clone()),
        };
        PyBackedBytes { storage, data: self.data }
    }

    #[inline]
    fn as_slice(&self) -> &[u8] {
        unsafe { self.data.as_ref() }
    }
}

impl From<Bound<'_, PyBytes>> for PyBackedBytes {
    fn from(bytes: Bound<'_, PyBytes>) -> Self {
        let data = NonNull::from(bytes.as_bytes());
        PyBackedBytes { storage: BytesStorage::Python(bytes.unbind()), data }
    }
}

impl From<Bound<'_, PyByteArray>> for PyBackedBytes {
    fn from(array: Bound<'_, PyByteArray>) -> Self {
        let copy: std::sync::Arc<[u8]> = array.to_vec().into();
        let data = NonNull::from(&*copy);
        PyBackedBytes { storage: BytesStorage::Rust(copy), data }
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for PyBackedBytes {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(bytes) = obj.cast::<PyBytes>() {
            return Ok(Self::from(bytes.to_owned()));
        }
        if let Ok(array) = obj.cast::<PyByteArray>() {
            return Ok(Self::from(array.to_owned()));
        }
        let name = obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
        Err(PyTypeError::new_err(format!("'{name}' object is not an instance of 'bytes | bytearray'")))
    }
}

impl<'py> IntoPyObject<'py> for &PyBackedBytes {
    type Target = PyBytes;
    type Output = Bound<'py, PyBytes>;
    type Error = std::convert::Infallible;
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(match &self.storage {
            BytesStorage::Python(bytes) => bytes.bind(py).clone(),
            BytesStorage::Rust(bytes) => PyBytes::new(py, bytes),
        })
    }
}

impl<'py> IntoPyObject<'py> for PyBackedBytes {
    type Target = PyBytes;
    type Output = Bound<'py, PyBytes>;
    type Error = std::convert::Infallible;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        (&self).into_pyobject(py)
    }
}

impl<const N: usize> PartialEq<[u8; N]> for PyBackedBytes {
    fn eq(&self, other: &[u8; N]) -> bool {
        self.as_slice() == other
    }
}

impl<const N: usize> PartialEq<&[u8; N]> for PyBackedBytes {
    fn eq(&self, other: &&[u8; N]) -> bool {
        self.as_slice() == *other
    }
}

/// Deref, AsRef, Borrow, Debug and comparisons as the borrowed data (`str` / `[u8]`).
macro_rules! behaves_like {
    ($ty:ty, $data:ty, $view:ident) => {
        impl Deref for $ty {
            type Target = $data;
            #[inline]
            fn deref(&self) -> &$data {
                self.$view()
            }
        }
        impl AsRef<$data> for $ty {
            fn as_ref(&self) -> &$data {
                self.$view()
            }
        }
        impl Borrow<$data> for $ty {
            fn borrow(&self) -> &$data {
                self.$view()
            }
        }
        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(self.$view(), f)
            }
        }
        impl PartialEq for $ty {
            fn eq(&self, other: &Self) -> bool {
                self.$view() == other.$view()
            }
        }
        impl PartialEq<$data> for $ty {
            fn eq(&self, other: &$data) -> bool {
                self.$view() == other
            }
        }
        impl PartialEq<&$data> for $ty {
            fn eq(&self, other: &&$data) -> bool {
                self.$view() == *other
            }
        }
        impl PartialEq<$ty> for $data {
            fn eq(&self, other: &$ty) -> bool {
                self == other.$view()
            }
        }
        impl PartialEq<$ty> for &$data {
            fn eq(&self, other: &$ty) -> bool {
                *self == other.$view()
            }
        }
        impl Eq for $ty {}
        impl PartialOrd for $ty {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }
        impl Ord for $ty {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.$view().cmp(other.$view())
            }
        }
        impl std::hash::Hash for $ty {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.$view().hash(state)
            }
        }
    };
}

behaves_like!(PyBackedStr, str, as_str);
behaves_like!(PyBackedBytes, [u8], as_slice);

impl AsRef<[u8]> for PyBackedStr {
    fn as_ref(&self) -> &[u8] {
        self.as_str().as_bytes()
    }
}

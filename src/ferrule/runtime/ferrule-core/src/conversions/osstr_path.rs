//! `OsStr`/`OsString` ↔ `str` (through the filesystem encoding, so undecodable
//! bytes survive as surrogate escapes), and `Path`/`PathBuf`: extracted with
//! `os.fspath` semantics (a `str` or any `os.PathLike` returning one), and
//! converted to `pathlib.Path`, as PyO3 does since 0.25.
use std::borrow::Cow;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::{Borrowed, Bound, Py};
use crate::marker::Python;
use crate::sync::PyOnceLock;
use crate::types::{PyAny, PyAnyMethods, PyString};

fn os_str_to_py<'py>(py: Python<'py>, s: &OsStr) -> PyResult<Bound<'py, PyString>> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = s.as_bytes();
        unsafe {
            let ptr = ffi::PyUnicode_DecodeFSDefaultAndSize(bytes.as_ptr().cast(), bytes.len() as ffi::Py_ssize_t);
            Bound::<PyAny>::from_owned_ptr_or_err_typed(py, ptr).map(|b| b.cast_into_unchecked())
        }
    }
    #[cfg(not(unix))]
    {
        // Elsewhere only valid Unicode is carried over faithfully.
        Ok(PyString::new(py, &s.to_string_lossy()))
    }
}

macro_rules! os_str_into {
    ($($ty:ty),*) => {$(
        impl<'py> IntoPyObject<'py> for $ty {
            type Target = PyString;
            type Output = Bound<'py, PyString>;
            type Error = PyErr;
            #[inline]
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
                os_str_to_py(py, self.as_ref())
            }
        }
    )*};
}

os_str_into!(&OsStr, &&OsStr, OsString, &OsString, Cow<'_, OsStr>, &Cow<'_, OsStr>);

impl<'a, 'py> FromPyObject<'a, 'py> for OsString {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let s = obj.cast::<PyString>()?;
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            // Undoes the surrogate escapes os_str_to_py may have produced.
            let bytes = unsafe { Bound::<PyAny>::from_owned_ptr_or_err_typed(obj.py(), ffi::PyUnicode_EncodeFSDefault(s.as_ptr()))? };
            let bytes = unsafe { bytes.cast_into_unchecked::<crate::types::PyBytes>() };
            Ok(OsString::from_vec(bytes.as_borrowed().as_bytes().to_vec()))
        }
        #[cfg(not(unix))]
        {
            s.as_borrowed().to_cow().map(|s| OsString::from(s.into_owned()))
        }
    }
}

/// `pathlib.Path`, imported once per process.
fn path_type(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static PATH: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let ty = PATH.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("pathlib")?.getattr("Path")?.unbind())
    })?;
    Ok(ty.bind(py))
}

fn path_to_py<'py>(py: Python<'py>, p: &Path) -> PyResult<Bound<'py, PyAny>> {
    let s = os_str_to_py(py, p.as_os_str())?;
    path_type(py)?.call1((s,))
}

macro_rules! path_into {
    ($($ty:ty),*) => {$(
        impl<'py> IntoPyObject<'py> for $ty {
            type Target = PyAny;
            type Output = Bound<'py, PyAny>;
            type Error = PyErr;
            #[inline]
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
                path_to_py(py, self.as_ref())
            }
        }
    )*};
}

path_into!(&Path, &&Path, PathBuf, &PathBuf, Cow<'_, Path>, &Cow<'_, Path>);

impl<'a, 'py> FromPyObject<'a, 'py> for PathBuf {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        // `os.fspath`: str and bytes pass through, PathLike calls __fspath__,
        // anything else is a TypeError naming the type.
        let path = unsafe { Bound::<PyAny>::from_owned_ptr_or_err_typed(obj.py(), ffi::PyOS_FSPath(obj.as_ptr()))? };
        OsString::extract(path.as_borrowed()).map(PathBuf::from)
    }
}

// Owned copies: Python strings are not stored in the platform's encoding.
impl<'a, 'py> FromPyObject<'a, 'py> for Cow<'a, OsStr> {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        OsString::extract(obj).map(Cow::Owned)
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Cow<'a, Path> {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        PathBuf::extract(obj).map(Cow::Owned)
    }
}

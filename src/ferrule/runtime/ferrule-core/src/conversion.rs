//! The conversion traits, as in current PyO3: `IntoPyObject` (Rust → Python)
//! and `FromPyObject<'a, 'py>` (Python → Rust, may borrow from the object).
use std::convert::Infallible;

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::{Borrowed, Bound, Py};
use crate::marker::Python;
use crate::type_object::PyTypeCheck;
use crate::types::PyAny;

/// What `into_pyobject` returns: an owned `Bound` or a `Borrowed` singleton.
pub trait BoundObject<'py, T>: Sized {
    type Any: BoundObject<'py, PyAny>;
    fn as_borrowed(&self) -> Borrowed<'_, 'py, T>;
    fn into_bound(self) -> Bound<'py, T>;
    fn into_any(self) -> Self::Any;
    fn into_ptr(self) -> *mut ffi::PyObject;
    fn as_ptr(&self) -> *mut ffi::PyObject;
    fn unbind(self) -> Py<T>;
}

impl<'py, T> BoundObject<'py, T> for Bound<'py, T> {
    type Any = Bound<'py, PyAny>;
    #[inline]
    fn as_borrowed(&self) -> Borrowed<'_, 'py, T> {
        Bound::as_borrowed(self)
    }
    #[inline]
    fn into_bound(self) -> Bound<'py, T> {
        self
    }
    #[inline]
    fn into_any(self) -> Self::Any {
        Bound::into_any(self)
    }
    #[inline]
    fn into_ptr(self) -> *mut ffi::PyObject {
        Bound::into_ptr(self)
    }
    #[inline]
    fn as_ptr(&self) -> *mut ffi::PyObject {
        Bound::as_ptr(self)
    }
    #[inline]
    fn unbind(self) -> Py<T> {
        Bound::unbind(self)
    }
}

impl<'a, 'py, T> BoundObject<'py, T> for Borrowed<'a, 'py, T> {
    type Any = Borrowed<'a, 'py, PyAny>;
    #[inline]
    fn as_borrowed(&self) -> Borrowed<'_, 'py, T> {
        *self
    }
    #[inline]
    fn into_bound(self) -> Bound<'py, T> {
        self.to_owned()
    }
    #[inline]
    fn into_any(self) -> Self::Any {
        self.to_any()
    }
    #[inline]
    fn into_ptr(self) -> *mut ffi::PyObject {
        self.to_owned().into_ptr()
    }
    #[inline]
    fn as_ptr(&self) -> *mut ffi::PyObject {
        Borrowed::as_ptr(*self)
    }
    #[inline]
    fn unbind(self) -> Py<T> {
        self.to_owned().unbind()
    }
}

/// Rust → Python.
pub trait IntoPyObject<'py>: Sized {
    /// The Python type produced.
    type Target;
    /// `Bound<'py, Target>` or `Borrowed<'_, 'py, Target>`.
    type Output: BoundObject<'py, Self::Target>;
    type Error: Into<PyErr>;
    /// The returned value as a Python type hint (feature `experimental-inspect`).
    #[cfg(feature = "experimental-inspect")]
    const OUTPUT_TYPE: crate::inspect::PyStaticExpr = crate::inspect::INCOMPLETE;
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error>;

    /// How an owned sequence of `Self` (`Vec<Self>`, `[Self; N]`) converts:
    /// a `list`, except that `u8` makes `bytes` (as in PyO3 since 0.23).
    #[doc(hidden)]
    fn owned_sequence_into_pyobject<I>(items: I, py: Python<'py>, _: private::Token) -> PyResult<Bound<'py, PyAny>>
    where
        I: IntoIterator<Item = Self> + AsRef<[Self]>,
        I::IntoIter: ExactSizeIterator<Item = Self>,
    {
        Ok(crate::types::PyList::new(py, items)?.into_any())
    }

    /// The same for borrowed sequences (`&[Self]`, `Cow<[Self]>`): `&u8` makes `bytes`.
    #[doc(hidden)]
    fn borrowed_sequence_into_pyobject<I>(items: I, py: Python<'py>, _: private::Token) -> PyResult<Bound<'py, PyAny>>
    where
        Self: private::Reference,
        I: IntoIterator<Item = Self> + AsRef<[<Self as private::Reference>::Base]>,
        I::IntoIter: ExactSizeIterator<Item = Self>,
    {
        Ok(crate::types::PyList::new(py, items)?.into_any())
    }
}

/// Keeps the sequence hooks above out of reach of user code.
pub(crate) mod private {
    pub struct Token;

    /// `&T`, naming `T` so a borrowed sequence can be seen as `&[T]`.
    pub trait Reference {
        type Base;
    }

    impl<T> Reference for &'_ T {
        type Base = T;
    }
}

/// Shorthands for converting straight to `Bound<PyAny>` / `Py<PyAny>`.
pub trait IntoPyObjectExt<'py>: IntoPyObject<'py> {
    #[inline]
    fn into_bound_py_any(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self.into_pyobject(py) {
            Ok(obj) => Ok(obj.into_any().into_bound()),
            Err(e) => Err(e.into()),
        }
    }

    #[inline]
    fn into_py_any(self, py: Python<'py>) -> PyResult<Py<PyAny>> {
        self.into_bound_py_any(py).map(Bound::unbind)
    }

    #[inline]
    fn into_pyobject_or_pyerr(self, py: Python<'py>) -> PyResult<Self::Output> {
        self.into_pyobject(py).map_err(Into::into)
    }
}

impl<'py, T: IntoPyObject<'py>> IntoPyObjectExt<'py> for T {}

/// Python → Rust. `'a` is how long the source object is borrowed, so `&'a str`
/// can point into a Python string.
pub trait FromPyObject<'a, 'py>: Sized {
    type Error: Into<PyErr>;
    /// The accepted argument as a Python type hint (feature `experimental-inspect`).
    #[cfg(feature = "experimental-inspect")]
    const INPUT_TYPE: crate::inspect::PyStaticExpr = crate::inspect::INCOMPLETE;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> Result<Self, Self::Error>;

    /// `Some` only for `chrono::Local`: `DateTime<Local>` takes a naive datetime as local time.
    #[cfg(feature = "chrono-local")]
    #[doc(hidden)]
    #[inline]
    fn as_local_tz(_: private::Token) -> Option<Self> {
        None
    }
}

/// Types extractable without borrowing from the object (elements of containers).
pub trait FromPyObjectOwned<'py>: for<'a> FromPyObject<'a, 'py> {}
impl<'py, T> FromPyObjectOwned<'py> for T where T: for<'a> FromPyObject<'a, 'py> {}

impl<'py, T> IntoPyObject<'py> for Bound<'py, T> {
    type Target = T;
    type Output = Bound<'py, T>;
    type Error = Infallible;
    #[inline]
    fn into_pyobject(self, _py: Python<'py>) -> Result<Self::Output, Infallible> {
        Ok(self)
    }
}

impl<'a, 'py, T> IntoPyObject<'py> for &'a Bound<'py, T> {
    type Target = T;
    type Output = Borrowed<'a, 'py, T>;
    type Error = Infallible;
    #[inline]
    fn into_pyobject(self, _py: Python<'py>) -> Result<Self::Output, Infallible> {
        Ok(self.as_borrowed())
    }
}

impl<'a, 'py, T> IntoPyObject<'py> for Borrowed<'a, 'py, T> {
    type Target = T;
    type Output = Borrowed<'a, 'py, T>;
    type Error = Infallible;
    #[inline]
    fn into_pyobject(self, _py: Python<'py>) -> Result<Self::Output, Infallible> {
        Ok(self)
    }
}

impl<'a, 'py, T> IntoPyObject<'py> for &Borrowed<'a, 'py, T> {
    type Target = T;
    type Output = Borrowed<'a, 'py, T>;
    type Error = Infallible;
    #[inline]
    fn into_pyobject(self, _py: Python<'py>) -> Result<Self::Output, Infallible> {
        Ok(*self)
    }
}

impl<'py, T> IntoPyObject<'py> for Py<T> {
    type Target = T;
    type Output = Bound<'py, T>;
    type Error = Infallible;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Infallible> {
        Ok(self.into_bound(py))
    }
}

impl<'a, 'py, T> IntoPyObject<'py> for &'a Py<T> {
    type Target = T;
    type Output = Borrowed<'a, 'py, T>;
    type Error = Infallible;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Infallible> {
        Ok(self.bind_borrowed(py))
    }
}

impl<'a, 'py, T: PyTypeCheck> FromPyObject<'a, 'py> for Bound<'py, T> {
    type Error = PyErr;
    #[cfg(feature = "experimental-inspect")]
    const INPUT_TYPE: crate::inspect::PyStaticExpr = <T as PyTypeCheck>::TYPE_HINT;
    #[inline]
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(obj.cast::<T>()?.to_owned())
    }
}

impl<'a, 'py, T: PyTypeCheck> FromPyObject<'a, 'py> for Borrowed<'a, 'py, T> {
    type Error = PyErr;
    #[cfg(feature = "experimental-inspect")]
    const INPUT_TYPE: crate::inspect::PyStaticExpr = <T as PyTypeCheck>::TYPE_HINT;
    #[inline]
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(obj.cast::<T>()?)
    }
}

impl<'a, 'py, T: PyTypeCheck> FromPyObject<'a, 'py> for Py<T> {
    type Error = PyErr;
    #[cfg(feature = "experimental-inspect")]
    const INPUT_TYPE: crate::inspect::PyStaticExpr = <T as PyTypeCheck>::TYPE_HINT;
    #[inline]
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(obj.cast::<T>()?.to_owned().unbind())
    }
}

impl From<Infallible> for PyErr {
    fn from(e: Infallible) -> PyErr {
        match e {}
    }
}

/// A reference to anything a reference converts (`(&value, false)` with `value: &Bound<_>`, `&&str`):
/// converted as that reference, as in PyO3.
impl<'a, 'py, T> IntoPyObject<'py> for &&'a T
where
    &'a T: IntoPyObject<'py>,
{
    type Target = <&'a T as IntoPyObject<'py>>::Target;
    type Output = <&'a T as IntoPyObject<'py>>::Output;
    type Error = <&'a T as IntoPyObject<'py>>::Error;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        (*self).into_pyobject(py)
    }
}

//! Once-initialised values for code that holds the GIL, and interned strings.
use std::sync::OnceLock;

mod ext;
pub use ext::{MutexExt, OnceExt, OnceLockExt, RwLockExt};

/// `pyo3::sync::critical_section`: a critical section on one or two objects. With the GIL (every
/// interpreter ferrule builds for) holding it is already exclusive, so `f` just runs.
pub mod critical_section {
    use crate::instance::Bound;
    use crate::types::PyAny;

    /// Runs `f` while `object` is locked against other threads (the GIL does that here).
    pub fn with_critical_section<F, R>(object: &Bound<'_, PyAny>, f: F) -> R
    where
        F: FnOnce() -> R,
    {
        let _ = object;
        f()
    }

    /// As [`with_critical_section`], for two objects at once.
    pub fn with_critical_section2<F, R>(a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>, f: F) -> R
    where
        F: FnOnce() -> R,
    {
        let _ = (a, b);
        f()
    }
}

/// PyO3 0.28's older place of [`critical_section::with_critical_section`].
#[deprecated(since = "0.28.0", note = "use pyo3::sync::critical_section::with_critical_section instead")]
pub fn with_critical_section<F, R>(object: &Bound<'_, crate::types::PyAny>, f: F) -> R
where
    F: FnOnce() -> R,
{
    critical_section::with_critical_section(object, f)
}

/// PyO3 0.28's older place of [`critical_section::with_critical_section2`].
#[deprecated(since = "0.28.0", note = "use pyo3::sync::critical_section::with_critical_section2 instead")]
pub fn with_critical_section2<F, R>(a: &Bound<'_, crate::types::PyAny>, b: &Bound<'_, crate::types::PyAny>, f: F) -> R
where
    F: FnOnce() -> R,
{
    critical_section::with_critical_section2(a, b, f)
}

use crate::err::PyResult;
use crate::instance::{Bound, Py};
use crate::marker::Python;
use crate::types::{PyAnyMethods, PyString};

/// A cell written once while attached. Initialisers may run Python code (which
/// can switch threads), so no lock is held while they run: racing threads each
/// compute a value and the first one stored wins.
pub struct PyOnceLock<T>(OnceLock<T>);

/// Older name of [`PyOnceLock`].
pub type GILOnceCell<T> = PyOnceLock<T>;

impl<T> PyOnceLock<T> {
    pub const fn new() -> Self {
        PyOnceLock(OnceLock::new())
    }

    #[inline]
    pub fn get(&self, _py: Python<'_>) -> Option<&T> {
        self.0.get()
    }

    #[inline]
    pub fn get_or_init<F>(&self, py: Python<'_>, f: F) -> &T
    where
        F: FnOnce() -> T,
    {
        if let Some(v) = self.0.get() {
            return v;
        }
        let _ = self.set(py, f());
        self.0.get().unwrap()
    }

    pub fn get_or_try_init<F, E>(&self, py: Python<'_>, f: F) -> Result<&T, E>
    where
        F: FnOnce() -> Result<T, E>,
    {
        if let Some(v) = self.0.get() {
            return Ok(v);
        }
        let _ = self.set(py, f()?);
        Ok(self.0.get().unwrap())
    }

    /// Stores `value` unless the cell is full; then gives it back.
    pub fn set(&self, _py: Python<'_>, value: T) -> Result<(), T> {
        self.0.set(value)
    }

    pub fn get_mut(&mut self) -> Option<&mut T> {
        self.0.get_mut()
    }

    pub fn into_inner(self) -> Option<T> {
        self.0.into_inner()
    }
}

impl<T: crate::type_object::PyTypeCheck> PyOnceLock<Py<T>> {
    /// `module_name.attr_name`, imported once and kept (the usual way to cache a Python class, or
    /// any `T`, as PyO3's); a `TypeError` when it is not a `T`.
    pub fn import<'py>(&self, py: Python<'py>, module_name: &str, attr_name: &str) -> PyResult<&Bound<'py, T>> {
        self.get_or_try_init(py, || -> PyResult<_> {
            let attr = py.import(module_name)?.getattr(attr_name)?;
            Ok(attr.cast_into::<T>()?.unbind())
        })
        .map(|value| value.bind(py))
    }
}

impl<T> Default for PyOnceLock<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Backs `intern!`: a Python string created once and reused.
pub struct Interned(&'static str, PyOnceLock<Py<PyString>>);

impl Interned {
    pub const fn new(value: &'static str) -> Self {
        Interned(value, PyOnceLock::new())
    }

    #[inline]
    pub fn get<'py>(&self, py: Python<'py>) -> &Bound<'py, PyString> {
        self.1.get_or_init(py, || PyString::intern(py, self.0).unbind()).bind(py)
    }
}

/// An interned Python string for a literal, created once: `intern!(py, "name")`.
#[macro_export]
macro_rules! intern {
    ($py:expr, $text:expr) => {{
        static INTERNED: $crate::sync::Interned = $crate::sync::Interned::new($text);
        INTERNED.get($py)
    }};
}

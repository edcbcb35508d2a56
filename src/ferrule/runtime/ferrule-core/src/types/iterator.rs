//! Python iterators as Rust iterators of `PyResult<Bound<PyAny>>`.
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::{Bound, Py};
use crate::marker::Python;
use crate::sync::PyOnceLock;
use crate::type_object::PyTypeCheck;
use crate::types::PyAny;

/// Anything with `__next__`. There is no single iterator type, so this is a
/// protocol check (`PyIter_Check`) rather than a `PyTypeInfo` type.
#[repr(transparent)]
pub struct PyIterator(PyAny);

impl crate::types::DerefToPyAny for PyIterator {}

// SAFETY: `PyIter_Check` is what `PyIterator` methods need (`tp_iternext`).
unsafe impl PyTypeCheck for PyIterator {
    crate::__ferrule_inspect_const!(TYPE_HINT = crate::type_hint_identifier!("collections.abc", "Iterator"));
    const NAME: &'static str = "Iterator";
    #[inline]
    fn type_check(object: &Bound<'_, PyAny>) -> bool {
        unsafe { ffi::PyIter_Check(object.as_ptr()) != 0 }
    }
    fn classinfo_object(py: Python<'_>) -> Bound<'_, PyAny> {
        static ABC: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        crate::types::sequence::abc(py, &ABC, "Iterator")
    }
}

impl PyIterator {
    /// `iter(obj)`.
    pub fn from_object<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyIterator>> {
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err_typed(obj.py(), ffi::PyObject_GetIter(obj.as_ptr())).map(|b| b.cast_into_unchecked())
        }
    }
}

impl<'py> Iterator for Bound<'py, PyIterator> {
    type Item = PyResult<Bound<'py, PyAny>>;

    /// `None` at exhaustion; an error raised by `__next__` comes back once as `Some(Err)`.
    fn next(&mut self) -> Option<Self::Item> {
        let py = self.py();
        match unsafe { Bound::from_owned_ptr_or_opt_typed(py, ffi::PyIter_Next(self.as_ptr())) } {
            Some(item) => Some(Ok(item)),
            None => PyErr::take(py).map(Err),
        }
    }

    #[cfg(not(Py_LIMITED_API))]
    fn size_hint(&self) -> (usize, Option<usize>) {
        // `operator.length_hint` semantics; errors just mean "unknown".
        let hint = unsafe { ffi::PyObject_LengthHint(self.as_ptr(), 0) };
        if hint < 0 {
            drop(PyErr::take(self.py()));
            (0, None)
        } else {
            (hint as usize, None)
        }
    }
}

impl<'py> IntoIterator for &Bound<'py, PyIterator> {
    type Item = PyResult<Bound<'py, PyAny>>;
    type IntoIter = Bound<'py, PyIterator>;
    fn into_iter(self) -> Self::IntoIter {
        self.clone()
    }
}

/// What a generator did with a value sent into it (`Bound<PyIterator>::send`).
#[cfg(all(not(PyPy), Py_3_10))]
#[derive(Debug)]
pub enum PySendResult<'py> {
    /// It yielded this value and can be resumed.
    Next(Bound<'py, PyAny>),
    /// It finished, returning this value (`None` when it returned nothing).
    Return(Bound<'py, PyAny>),
}

#[cfg(all(not(PyPy), Py_3_10))]
impl<'py> Bound<'py, PyIterator> {
    /// `generator.send(value)` through `PyIter_Send`, but a finished generator gives
    /// `PySendResult::Return` (its return value) instead of raising `StopIteration`.
    /// A generator not yet started must first be sent `None` (else `TypeError`).
    pub fn send(&self, value: &Bound<'py, PyAny>) -> PyResult<PySendResult<'py>> {
        let py = self.py();
        let mut out: *mut ffi::PyObject = std::ptr::null_mut();
        let status = unsafe { ffi::PyIter_Send(self.as_ptr(), value.as_ptr(), &mut out) };
        match status {
            ffi::PySendResult::PYGEN_NEXT => Ok(PySendResult::Next(unsafe { Bound::from_owned_ptr(py, out) })),
            ffi::PySendResult::PYGEN_RETURN => Ok(PySendResult::Return(unsafe { Bound::from_owned_ptr(py, out) })),
            ffi::PySendResult::PYGEN_ERROR => Err(PyErr::fetch(py)),
        }
    }
}

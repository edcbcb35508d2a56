//! `PanicException`: how a Rust panic reaches Python. It derives from
//! `BaseException` so that `except Exception` does not swallow a bug.
use std::any::Any;

use crate::err::PyErr;
use crate::exceptions::PyBaseException;
use crate::ffi;
use crate::instance::Py;
use crate::marker::Python;
use crate::sync::PyOnceLock;
use crate::type_object::PyTypeInfo;
use crate::types::{PyAny, PyType};

#[repr(transparent)]
pub struct PanicException(PyAny);

impl PanicException {
    pub fn new_err<A>(args: A) -> PyErr
    where
        A: crate::PyErrArguments + Send + Sync + 'static,
    {
        PyErr::new::<PanicException, A>(args)
    }

    /// The exception for a caught panic: its message when it is a string.
    pub fn from_panic_payload(payload: Box<dyn Any + Send + 'static>) -> PyErr {
        if let Some(s) = payload.downcast_ref::<String>() {
            Self::new_err(s.clone())
        } else if let Some(s) = payload.downcast_ref::<&str>() {
            Self::new_err(s.to_string())
        } else {
            Self::new_err("panic from Rust code")
        }
    }
}

unsafe impl PyTypeInfo for PanicException {
    const NAME: &'static str = "PanicException";
    // PyO3's name for it, which code matching on the exception's type name expects.
    const MODULE: Option<&'static str> = Some("pyo3_runtime");

    fn type_object_raw(py: Python<'_>) -> *mut ffi::PyTypeObject {
        static TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
        TYPE.get_or_init(py, || {
            crate::impl_::exceptions::new_exception_type(
                py,
                "pyo3_runtime.PanicException",
                "The exception raised when Rust code called from Python panics.\n\n\
                 Like SystemExit, it does not derive from Exception.",
                &PyBaseException::type_object(py),
            )
        })
        .as_ptr() as *mut ffi::PyTypeObject
    }
}

impl crate::types::DerefToPyAny for PanicException {}

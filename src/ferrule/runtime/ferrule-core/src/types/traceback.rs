//! Traceback objects.
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::Bound;
use crate::types::{native_type, PyAnyMethods, PyString, PyStringMethods};

native_type!(PyTraceback, "traceback", ffi::PyTraceBack_Type, ffi::PyTraceBack_Check);

pub trait PyTracebackMethods<'py> {
    /// The traceback as Python prints it (`PyTraceBack_Print` into an `io.StringIO`): the
    /// "Traceback (most recent call last):" header and one entry per frame.
    fn format(&self) -> PyResult<String>;
}

impl<'py> PyTracebackMethods<'py> for Bound<'py, PyTraceback> {
    fn format(&self) -> PyResult<String> {
        let py = self.py();
        let buffer = py.import("io")?.getattr("StringIO")?.call0()?;
        if unsafe { ffi::PyTraceBack_Print(self.as_ptr(), buffer.as_ptr()) } == -1 {
            return Err(PyErr::fetch(py));
        }
        let text = buffer.call_method0("getvalue")?;
        Ok(text.cast_into::<PyString>()?.to_cow()?.into_owned())
    }
}

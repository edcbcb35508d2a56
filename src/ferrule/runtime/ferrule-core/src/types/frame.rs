//! `types.FrameType` (full API on CPython only, as in PyO3).
use std::ffi::CStr;

use crate::err::PyResult;
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::{native_type, PyAny, PyCode, PyDict};

native_type!(PyFrame, "types", "FrameType", ffi::PyFrame_Type, ffi::PyFrame_Check);

impl PyFrame {
    /// A frame of an empty code object, for tracebacks that name Rust code.
    pub fn new<'py>(py: Python<'py>, file_name: &CStr, func_name: &CStr, line_number: i32) -> PyResult<Bound<'py, PyFrame>> {
        unsafe {
            let code = ffi::PyCode_NewEmpty(file_name.as_ptr(), func_name.as_ptr(), line_number);
            let code = Bound::<PyAny>::from_owned_ptr_or_err_typed(py, code.cast())?;
            let globals = PyDict::new(py);
            let locals = PyDict::new(py);
            let frame = ffi::PyFrame_New(ffi::PyThreadState_Get(), code.as_ptr().cast(), globals.as_ptr(), locals.as_ptr());
            Bound::<PyAny>::from_owned_ptr_or_err_typed(py, frame.cast()).map(|f| f.cast_into_unchecked())
        }
    }
}

/// Methods of `Bound<'py, PyFrame>`.
pub trait PyFrameMethods<'py> {
    fn line_number(&self) -> i32;
    /// The calling frame (`f_back`).
    fn outer(&self) -> Option<Bound<'py, PyFrame>>;
    fn code(&self) -> Bound<'py, PyCode>;
    #[cfg(Py_3_12)]
    fn var(&self, name: &CStr) -> PyResult<Bound<'py, PyAny>>;
    #[cfg(Py_3_11)]
    fn builtins(&self) -> Bound<'py, PyDict>;
    #[cfg(Py_3_11)]
    fn globals(&self) -> Bound<'py, PyDict>;
    #[cfg(Py_3_11)]
    fn locals(&self) -> Bound<'py, PyAny>;
}

impl<'py> PyFrameMethods<'py> for Bound<'py, PyFrame> {
    fn line_number(&self) -> i32 {
        unsafe { ffi::PyFrame_GetLineNumber(self.as_ptr().cast()) }
    }

    fn outer(&self) -> Option<Bound<'py, PyFrame>> {
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_opt_typed(self.py(), ffi::PyFrame_GetBack(self.as_ptr().cast()).cast())
                .map(|f| f.cast_into_unchecked())
        }
    }

    fn code(&self) -> Bound<'py, PyCode> {
        unsafe { Bound::<PyAny>::from_owned_ptr_typed(self.py(), ffi::PyFrame_GetCode(self.as_ptr().cast()).cast()).cast_into_unchecked() }
    }

    #[cfg(Py_3_12)]
    fn var(&self, name: &CStr) -> PyResult<Bound<'py, PyAny>> {
        unsafe { Bound::from_owned_ptr_or_err_typed(self.py(), ffi::PyFrame_GetVarString(self.as_ptr().cast(), name.as_ptr())) }
    }

    #[cfg(Py_3_11)]
    fn builtins(&self) -> Bound<'py, PyDict> {
        unsafe { Bound::<PyAny>::from_owned_ptr_typed(self.py(), ffi::PyFrame_GetBuiltins(self.as_ptr().cast())).cast_into_unchecked() }
    }

    #[cfg(Py_3_11)]
    fn globals(&self) -> Bound<'py, PyDict> {
        unsafe { Bound::<PyAny>::from_owned_ptr_typed(self.py(), ffi::PyFrame_GetGlobals(self.as_ptr().cast())).cast_into_unchecked() }
    }

    #[cfg(Py_3_11)]
    fn locals(&self) -> Bound<'py, PyAny> {
        unsafe { Bound::from_owned_ptr_typed(self.py(), ffi::PyFrame_GetLocals(self.as_ptr().cast())) }
    }
}

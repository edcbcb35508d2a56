//! `types.CodeType`: compiled Python code.
use std::ffi::CStr;

use crate::err::PyResult;
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::{PyAny, PyDict};

#[cfg(not(any(Py_LIMITED_API, PyPy)))]
crate::types::native_type!(PyCode, "types", "CodeType", ffi::PyCode_Type, ffi::PyCode_Check);
#[cfg(any(Py_LIMITED_API, PyPy))]
crate::types::imported_type!(PyCode, "types", "CodeType", "types", "CodeType");

/// What `PyCode::compile` parses: one expression, or a module's statements.
pub enum PyCodeInput {
    Eval,
    File,
}

impl PyCode {
    /// `compile(code, filename, "eval" | "exec")`.
    pub fn compile<'py>(
        py: Python<'py>,
        code: &CStr,
        filename: &CStr,
        input: PyCodeInput,
    ) -> PyResult<Bound<'py, PyCode>> {
        let start = match input {
            PyCodeInput::Eval => ffi::Py_eval_input,
            PyCodeInput::File => ffi::Py_file_input,
        };
        #[cfg(not(PyPy))]
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err_typed(py, ffi::Py_CompileString(code.as_ptr(), filename.as_ptr(), start))
                .map(|c| c.cast_into_unchecked())
        }
        // PyPy exports no `Py_CompileString`: the builtin does the same.
        #[cfg(PyPy)]
        {
            use crate::types::PyAnyMethods;
            let mode = if start == ffi::Py_eval_input { "eval" } else { "exec" };
            let compile = py.import("builtins")?.getattr("compile")?;
            let (code, filename) = (code.to_str()?, filename.to_str()?);
            Ok(unsafe { compile.call1((code, filename, mode))?.cast_into_unchecked() })
        }
    }
}

/// Methods of `Bound<'py, PyCode>`.
pub trait PyCodeMethods<'py> {
    /// Runs the code; `globals` default to `__main__`'s, `locals` to `globals`,
    /// and the builtins are added to `globals` if missing (as `exec` does).
    fn run(
        &self,
        globals: Option<&Bound<'py, PyDict>>,
        locals: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>>;
}

impl<'py> PyCodeMethods<'py> for Bound<'py, PyCode> {
    fn run(
        &self,
        globals: Option<&Bound<'py, PyDict>>,
        locals: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        use crate::types::{PyAnyMethods, PyDictMethods};
        let py = self.py();
        let globals = match globals {
            Some(g) => g.clone(),
            None => py.import("__main__")?.getattr("__dict__")?.cast_into::<PyDict>()?,
        };
        let key = crate::intern!(py, "__builtins__");
        if !globals.contains(key)? {
            let builtins = unsafe { Bound::<PyAny>::from_borrowed_ptr_typed(py, ffi::PyEval_GetBuiltins()) };
            globals.set_item(key, builtins)?;
        }
        let locals = locals.unwrap_or(&globals);
        unsafe { Bound::from_owned_ptr_or_err_typed(py, ffi::PyEval_EvalCode(self.as_ptr(), globals.as_ptr(), locals.as_ptr())) }
    }
}

//! The `Python<'py>` token: proof that this thread is attached to the interpreter.
use std::marker::PhantomData;

use crate::err::PyResult;
use crate::ffi;
use crate::gil::{self, AttachGuard};
use crate::instance::{Bound, Py};
use crate::type_object::PyTypeInfo;
use crate::types::{PyAny, PyDict, PyModule, PyType};

/// Marker for values that may cross into [`Python::detach`]: anything `Send`.
pub unsafe trait Ungil {}
unsafe impl<T: Send> Ungil for T {}

/// A zero-sized token; holding one means the thread is attached (holds the GIL).
#[derive(Copy, Clone)]
pub struct Python<'py>(PhantomData<(&'py (), *mut ())>);

impl Python<'_> {
    /// Attaches this thread to the interpreter for the duration of `f`. With the
    /// `auto-initialize` feature the first call starts the interpreter if needed;
    /// without it, a program embedding Python calls [`Python::initialize`] first.
    pub fn attach<F, R>(f: F) -> R
    where
        F: for<'py> FnOnce(Python<'py>) -> R,
    {
        crate::lifecycle::ensure_initialized();
        let _guard = AttachGuard::acquire();
        f(unsafe { Python::assume_attached() })
    }

    /// As [`Python::attach`], but `None` instead of attaching when the
    /// interpreter is not running or another thread is shutting it down.
    pub fn try_attach<F, R>(f: F) -> Option<R>
    where
        F: for<'py> FnOnce(Python<'py>) -> R,
    {
        if !gil::may_attach() {
            return None;
        }
        Some(Self::attach(f))
    }

    /// Starts the interpreter unless it is running (for programs that embed Python; not PyPy).
    #[cfg(not(PyPy))]
    pub fn initialize() {
        crate::lifecycle::initialize();
    }

    /// Older name of [`Python::attach`].
    #[inline]
    pub fn with_gil<F, R>(f: F) -> R
    where
        F: for<'py> FnOnce(Python<'py>) -> R,
    {
        Self::attach(f)
    }

    /// # Safety
    /// The calling thread must be attached to the interpreter.
    #[inline(always)]
    pub unsafe fn assume_attached<'py>() -> Python<'py> {
        Python(PhantomData)
    }

    /// Older name of [`Python::assume_attached`].
    #[inline(always)]
    pub unsafe fn assume_gil_acquired<'py>() -> Python<'py> {
        Python(PhantomData)
    }
}

impl<'py> Python<'py> {
    /// Detaches from the interpreter while `f` runs, so other Python threads can run.
    pub fn detach<T, F>(self, f: F) -> T
    where
        F: Ungil + FnOnce() -> T,
        T: Ungil,
    {
        let _suspended = unsafe { gil::SuspendGuard::new() };
        f()
    }

    /// Older name of [`Python::detach`].
    #[inline]
    pub fn allow_threads<T, F>(self, f: F) -> T
    where
        F: Ungil + FnOnce() -> T,
        T: Ungil,
    {
        self.detach(f)
    }

    #[allow(non_snake_case)]
    pub fn None(self) -> Py<PyAny> {
        unsafe { Py::from_borrowed_ptr(self, ffi::Py_None()) }
    }

    #[allow(non_snake_case)]
    pub fn NotImplemented(self) -> Py<PyAny> {
        unsafe { Py::from_borrowed_ptr(self, ffi::Py_NotImplemented()) }
    }

    #[allow(non_snake_case)]
    pub fn Ellipsis(self) -> Py<PyAny> {
        unsafe { Py::from_borrowed_ptr(self, ffi::Py_Ellipsis()) }
    }

    /// Imports a module, like `import name`.
    pub fn import<N>(self, name: N) -> PyResult<Bound<'py, PyModule>>
    where
        N: crate::IntoPyObject<'py, Target = crate::types::PyString>,
    {
        PyModule::import(self, name)
    }

    /// The type object of `T`.
    pub fn get_type<T: PyTypeInfo>(self) -> Bound<'py, PyType> {
        T::type_object(self)
    }

    /// Runs pending signal handlers; returns their error (e.g. `KeyboardInterrupt`).
    pub fn check_signals(self) -> PyResult<()> {
        if unsafe { ffi::PyErr_CheckSignals() } == -1 {
            Err(crate::PyErr::fetch(self))
        } else {
            Ok(())
        }
    }

    /// Evaluates one expression; `globals` default to `__main__`'s, `locals` to `globals`.
    pub fn eval(
        self,
        code: &std::ffi::CStr,
        globals: Option<&Bound<'py, PyDict>>,
        locals: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.run_code(code, ffi::Py_eval_input, globals, locals)
    }

    /// Executes statements; `globals` default to `__main__`'s, `locals` to `globals`.
    pub fn run(
        self,
        code: &std::ffi::CStr,
        globals: Option<&Bound<'py, PyDict>>,
        locals: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<()> {
        self.run_code(code, ffi::Py_file_input, globals, locals).map(drop)
    }

    fn run_code(
        self,
        code: &std::ffi::CStr,
        start: std::ffi::c_int,
        globals: Option<&Bound<'py, PyDict>>,
        locals: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        use crate::types::{PyAnyMethods, PyDictMethods};
        let globals = match globals {
            Some(g) => g.clone(),
            None => self.import("__main__")?.getattr("__dict__")?.cast_into::<PyDict>()?,
        };
        // As `exec`/`eval` do: code sees the builtins unless globals say otherwise.
        let builtins_key = crate::intern!(self, "__builtins__");
        if !globals.contains(builtins_key)? {
            let builtins = unsafe { Bound::<PyAny>::from_borrowed_ptr_typed(self, ffi::PyEval_GetBuiltins()) };
            globals.set_item(builtins_key, builtins)?;
        }
        let locals = locals.unwrap_or(&globals);
        // PyPy exports no `Py_CompileString`; its `PyRun_String` does both steps.
        #[cfg(PyPy)]
        unsafe {
            Bound::from_owned_ptr_or_err_typed(self, ffi::PyRun_String(code.as_ptr(), start, globals.as_ptr(), locals.as_ptr()))
        }
        #[cfg(not(PyPy))]
        unsafe {
            let compiled = Bound::<PyAny>::from_owned_ptr_or_err_typed(
                self,
                ffi::Py_CompileString(code.as_ptr(), c"<string>".as_ptr(), start),
            )?;
            Bound::from_owned_ptr_or_err_typed(self, ffi::PyEval_EvalCode(compiled.as_ptr(), globals.as_ptr(), locals.as_ptr()))
        }
    }

    /// The interpreter's version string, as `sys.version` (PyO3 0.29 deprecates this name).
    #[deprecated(since = "0.29.0", note = "use Python::version_str instead")]
    pub fn version(self) -> &'static str {
        Python::version_str()
    }

    /// The interpreter's version string, as `sys.version` (`"3.11.7 (main, ...) [GCC ...]"`).
    pub fn version_str() -> &'static str {
        // `Py_GetVersion` gives a static buffer that lives as long as the process.
        unsafe { std::ffi::CStr::from_ptr(ffi::Py_GetVersion()) }
            .to_str()
            .expect("Python version string not UTF-8")
    }

    /// The interpreter's version as numbers, like `sys.version_info`:
    /// `py.version_info() >= (3, 10)`.
    pub fn version_info(self) -> crate::PythonVersionInfo {
        let text = Python::version_str();
        crate::PythonVersionInfo::parse(text.split(' ').next().unwrap_or(text))
            .expect("Py_GetVersion gave no version number")
    }
}

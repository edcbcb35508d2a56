//! `PyErr`: a Python exception held in Rust, created lazily so that raising
//! from Rust costs no Python object until Python looks at it.
use std::fmt;
use std::sync::{Mutex, OnceLock};

use crate::conversion::{BoundObject, IntoPyObject};
use crate::exceptions::{PyBaseException, PyTypeError};
use crate::ffi;
use crate::instance::{Bound, Py};
use crate::marker::Python;
use crate::type_object::PyTypeInfo;
use crate::types::{PyAny, PyAnyMethods, PyTraceback, PyType, PyTypeMethods};

mod cast;
mod std_impls;

pub use cast::{CastError, CastIntoError, DowncastError, DowncastIntoError};

pub type PyResult<T> = Result<T, PyErr>;

/// What a lazily created exception is constructed from.
pub trait PyErrArguments: Send + Sync {
    fn arguments(self, py: Python<'_>) -> Py<PyAny>;
}

impl<T> PyErrArguments for T
where
    T: for<'py> IntoPyObject<'py> + Send + Sync,
{
    fn arguments(self, py: Python<'_>) -> Py<PyAny> {
        match self.into_pyobject(py) {
            Ok(obj) => crate::conversion::BoundObject::into_any(obj).unbind(),
            Err(e) => panic!("converting PyErr arguments failed: {}", Into::<PyErr>::into(e)),
        }
    }
}

/// Marks the exception types whose instances convert to a [`PyErr`] with `?` or `.into()`:
/// `Err(PyValueError::new_err(..))` needs no object, `Err(bound_value_error.into())` reuses one.
/// PyO3 0.30 names it `pyo3::ToPyErr`; every builtin exception, `create_exception!` and
/// `import_exception!` type implements it.
pub trait ToPyErr {}

impl<'py, T: ToPyErr> From<Bound<'py, T>> for PyErr {
    /// The instance itself becomes the error (normalized, traceback and cause kept).
    #[inline]
    fn from(err: Bound<'py, T>) -> PyErr {
        PyErr::from_value(err.into_any())
    }
}

type LazyFn = Box<dyn for<'py> FnOnce(Python<'py>) -> (Py<PyAny>, Py<PyAny>) + Send + Sync>;

/// One pointer wide, so `PyResult<T>` of a small `T` travels in registers and each `?`
/// moves two words, not a struct (cheaper calls, and less code for rustc to build).
pub struct PyErr {
    state: Box<PyErrState>,
}

struct PyErrState {
    lazy: Mutex<Option<LazyFn>>,
    normalized: OnceLock<Py<PyBaseException>>,
}

impl PyErr {
    /// A lazily created exception of type `T` with `args`.
    pub fn new<T, A>(args: A) -> PyErr
    where
        T: PyTypeInfo,
        A: PyErrArguments + Send + Sync + 'static,
    {
        PyErr::lazy(Box::new(move |py| {
            let ty = T::type_object(py).into_any().unbind();
            (ty, args.arguments(py))
        }))
    }

    pub fn from_type<A>(ty: Bound<'_, PyType>, args: A) -> PyErr
    where
        A: PyErrArguments + Send + Sync + 'static,
    {
        let ty = ty.into_any().unbind();
        PyErr::lazy(Box::new(move |py| (ty, args.arguments(py))))
    }

    /// From an exception instance, or an exception type (instantiated with no arguments).
    pub fn from_value(obj: Bound<'_, PyAny>) -> PyErr {
        let py = obj.py();
        unsafe {
            if ffi::PyExceptionInstance_Check(obj.as_ptr()) != 0 {
                return PyErr::from_normalized(obj.cast_into_unchecked().unbind());
            }
            if ffi::PyExceptionClass_Check(obj.as_ptr()) != 0 {
                let ty = obj.unbind();
                return PyErr::lazy(Box::new(move |py| (ty, py.None())));
            }
        }
        let _ = py;
        PyTypeError::new_err("exceptions must derive from BaseException")
    }

    fn lazy(f: LazyFn) -> PyErr {
        PyErr { state: Box::new(PyErrState { lazy: Mutex::new(Some(f)), normalized: OnceLock::new() }) }
    }

    pub(crate) fn from_normalized(value: Py<PyBaseException>) -> PyErr {
        let normalized = OnceLock::new();
        let _ = normalized.set(value);
        PyErr { state: Box::new(PyErrState { lazy: Mutex::new(None), normalized }) }
    }

    /// Takes the current exception as it is, a `PanicException` included: for
    /// code that sets it aside and restores it (a deallocator running while a
    /// panic is being reported must not resume that panic).
    pub(crate) fn take_pending(py: Python<'_>) -> Option<PyErr> {
        unsafe { take_raised(py) }.map(PyErr::from_normalized)
    }

    /// Whether an exception is set (and not yet taken).
    pub fn occurred(_: Python<'_>) -> bool {
        unsafe { !crate::ffi::PyErr_Occurred().is_null() }
    }

    /// Takes the current exception, if any. A `PanicException` coming back
    /// into Rust resumes the original panic, as in PyO3.
    pub fn take(py: Python<'_>) -> Option<PyErr> {
        let value = unsafe { take_raised(py) }?;
        let err = PyErr::from_normalized(value);
        if err.get_type(py).is(&crate::panic::PanicException::type_object(py)) {
            let msg = err.value(py).str().map(|s| s.to_string()).unwrap_or_default();
            eprintln!("--- PanicException from Python code ---\n{msg}");
            std::panic::resume_unwind(Box::new(msg));
        }
        Some(err)
    }

    /// Takes the current exception; a `SystemError` if there is none.
    pub fn fetch(py: Python<'_>) -> PyErr {
        PyErr::take(py).unwrap_or_else(|| {
            crate::exceptions::PySystemError::new_err("attempted to fetch exception but none was set")
        })
    }

    /// Hands the exception to the interpreter (`PyErr_SetObject`/`SetRaisedException`).
    pub fn restore(self, py: Python<'_>) {
        let state = *self.state;
        let lazy = state.lazy.into_inner().unwrap_or_else(|e| e.into_inner());
        match (state.normalized.into_inner(), lazy) {
            (Some(value), _) => unsafe { restore_raised(py, value) },
            (None, Some(f)) => {
                let (ty, args) = f(py);
                unsafe {
                    if ffi::PyExceptionClass_Check(ty.as_ptr()) == 0 {
                        ffi::PyErr_SetString(
                            ffi::PyExc_TypeError,
                            c"exceptions must derive from BaseException".as_ptr(),
                        );
                    } else {
                        ffi::PyErr_SetObject(ty.as_ptr(), args.as_ptr());
                        // cpyext keeps that value as given, and `await`/`yield from` then read a
                        // StopIteration's value as None: PyPy is handed the instance instead.
                        #[cfg(PyPy)]
                        if let Some(value) = take_raised(py) {
                            restore_raised(py, value);
                        }
                    }
                }
            }
            (None, None) => unreachable!("PyErr without state"),
        }
    }

    fn normalized(&self, py: Python<'_>) -> &Py<PyBaseException> {
        if let Some(v) = self.state.normalized.get() {
            return v;
        }
        let f = self.state.lazy.lock().unwrap_or_else(|e| e.into_inner()).take();
        let value = match f {
            Some(f) => {
                PyErr::lazy(f).restore(py);
                unsafe { take_raised(py) }.expect("exception set by restore")
            }
            None => return self.state.normalized.get().expect("normalized by another thread"),
        };
        let _ = self.state.normalized.set(value);
        self.state.normalized.get().unwrap()
    }

    pub fn value<'py>(&self, py: Python<'py>) -> &Bound<'py, PyBaseException> {
        self.normalized(py).bind(py)
    }

    pub fn into_value(self, py: Python<'_>) -> Py<PyBaseException> {
        self.normalized(py);
        self.state.normalized.into_inner().unwrap()
    }

    pub fn get_type<'py>(&self, py: Python<'py>) -> Bound<'py, PyType> {
        self.value(py).get_type()
    }

    pub fn traceback<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyTraceback>> {
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_opt_typed(py, ffi::PyException_GetTraceback(self.value(py).as_ptr()))
                .map(|b| b.cast_into_unchecked())
        }
    }

    pub fn is_instance_of<T: PyTypeInfo>(&self, py: Python<'_>) -> bool {
        self.is_instance(py, &T::type_object(py))
    }

    pub fn is_instance(&self, py: Python<'_>, ty: &Bound<'_, PyAny>) -> bool {
        unsafe { ffi::PyErr_GivenExceptionMatches(self.get_type(py).as_ptr(), ty.as_ptr()) != 0 }
    }

    /// Like Python's `except ty:` (a type or a tuple of types).
    pub fn matches<'py, T>(&self, py: Python<'py>, exc: T) -> Result<bool, PyErr>
    where
        T: IntoPyObject<'py>,
    {
        let exc = exc.into_pyobject(py).map_err(Into::into)?;
        let exc = crate::conversion::BoundObject::into_any(exc).into_bound();
        Ok(self.is_instance(py, &exc))
    }

    pub fn clone_ref(&self, py: Python<'_>) -> PyErr {
        PyErr::from_normalized(self.normalized(py).clone_ref(py))
    }

    pub fn cause(&self, py: Python<'_>) -> Option<PyErr> {
        let cause = unsafe { Bound::from_owned_ptr_or_opt_typed(py, ffi::PyException_GetCause(self.value(py).as_ptr())) };
        cause.map(PyErr::from_value)
    }

    pub fn set_cause(&self, py: Python<'_>, cause: Option<PyErr>) {
        let value = self.value(py);
        let cause = cause.map_or(std::ptr::null_mut(), |c| c.into_value(py).into_ptr());
        unsafe { ffi::PyException_SetCause(value.as_ptr(), cause) }
    }

    /// Prints the exception and its traceback to `sys.stderr`.
    pub fn print(&self, py: Python<'_>) {
        self.clone_ref(py).restore(py);
        unsafe { ffi::PyErr_PrintEx(0) }
    }

    /// As `print`, and sets `sys.last_exc` (`last_type`/`last_value`/`last_traceback`), as an uncaught
    /// exception does at the REPL (pyo3-async-runtimes reports a failed task so).
    pub fn print_and_set_sys_last_vars(&self, py: Python<'_>) {
        self.clone_ref(py).restore(py);
        unsafe { ffi::PyErr_PrintEx(1) }
    }

    pub fn display(&self, py: Python<'_>) {
        self.print(py)
    }

    /// Reports the exception through `sys.unraisablehook`, for places with no caller.
    pub fn write_unraisable(self, py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) {
        self.restore(py);
        unsafe { ffi::PyErr_WriteUnraisable(obj.map_or(std::ptr::null_mut(), |o| o.as_ptr())) }
    }

    pub fn new_type<'py>(
        py: Python<'py>,
        name: &std::ffi::CStr,
        doc: Option<&std::ffi::CStr>,
        base: Option<&Bound<'py, PyType>>,
        dict: Option<Py<PyAny>>,
    ) -> PyResult<Py<PyType>> {
        let base = base.map_or(std::ptr::null_mut(), |b| b.as_ptr());
        let dict = dict.map_or(std::ptr::null_mut(), |d| d.into_ptr());
        let doc = doc.map_or(std::ptr::null(), |d| d.as_ptr());
        unsafe { Py::from_owned_ptr_or_err(py, ffi::PyErr_NewExceptionWithDoc(name.as_ptr(), doc, base, dict)) }
    }

    /// Issues a warning of `category`; an error if the warning filter turns it into one.
    pub fn warn(py: Python<'_>, category: &Bound<'_, PyAny>, message: &std::ffi::CStr, stacklevel: i32) -> PyResult<()> {
        let rc = unsafe { ffi::PyErr_WarnEx(category.as_ptr(), message.as_ptr(), stacklevel as ffi::Py_ssize_t) };
        if rc == -1 { Err(PyErr::fetch(py)) } else { Ok(()) }
    }

    /// As [`PyErr::warn`], saying where the warning comes from (`warnings.warn_explicit`).
    pub fn warn_explicit<'py>(
        py: Python<'py>,
        category: &Bound<'py, PyAny>,
        message: &std::ffi::CStr,
        filename: &std::ffi::CStr,
        lineno: i32,
        module: Option<&std::ffi::CStr>,
        registry: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<()> {
        let rc = unsafe {
            ffi::PyErr_WarnExplicit(
                category.as_ptr(),
                message.as_ptr(),
                filename.as_ptr(),
                lineno,
                module.map_or(std::ptr::null(), |m| m.as_ptr()),
                registry.map_or(std::ptr::null_mut(), |r| r.as_ptr()),
            )
        };
        if rc == -1 { Err(PyErr::fetch(py)) } else { Ok(()) }
    }

    /// Replaces the exception's traceback (`None` clears it).
    pub fn set_traceback<'py>(&self, py: Python<'py>, tb: Option<Bound<'py, PyTraceback>>) {
        let value = self.value(py);
        let tb = tb.as_ref().map_or(unsafe { ffi::Py_None() }, |t| t.as_ptr());
        unsafe { ffi::PyException_SetTraceback(value.as_ptr(), tb) };
    }

    /// Adds a note to the exception (`BaseException.add_note`, Python 3.11+).
    #[cfg(Py_3_11)]
    pub fn add_note<N: for<'py> IntoPyObject<'py, Target = crate::types::PyString>>(
        &self,
        py: Python<'_>,
        note: N,
    ) -> PyResult<()> {
        self.value(py).call_method1("add_note", (note,))?;
        Ok(())
    }

    fn type_and_message(&self, py: Python<'_>) -> (String, Option<String>) {
        let value = self.value(py);
        let ty = value.get_type();
        let name = ty.qualname().map(|n| n.to_string()).unwrap_or_else(|_| "<unknown>".into());
        let msg = value.str().ok().map(|s| s.to_string());
        (name, msg)
    }
}

impl fmt::Debug for PyErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // PyO3's form: the type and value as `repr` shows them, then the formatted traceback
        // (one that cannot be formatted is reported as unraisable and shown by its `repr`).
        Python::attach(|py| {
            use crate::types::PyTracebackMethods;
            let traceback = self.traceback(py).map(|tb| match tb.format() {
                Ok(text) => text,
                Err(err) => {
                    err.write_unraisable(py, Some(tb.as_any()));
                    format!("<unformattable {tb:?}>")
                }
            });
            f.debug_struct("PyErr")
                .field("type", &self.get_type(py))
                .field("value", self.value(py))
                .field("traceback", &traceback)
                .finish()
        })
    }
}

impl fmt::Display for PyErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Python::attach(|py| match self.type_and_message(py) {
            (ty, Some(msg)) if !msg.is_empty() => write!(f, "{ty}: {msg}"),
            (ty, _) => f.write_str(&ty),
        })
    }
}

impl std::error::Error for PyErr {}

impl<'py> IntoPyObject<'py> for PyErr {
    type Target = PyBaseException;
    type Output = Bound<'py, PyBaseException>;
    type Error = std::convert::Infallible;
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(self.into_value(py).into_bound(py))
    }
}

impl<'py> IntoPyObject<'py> for &PyErr {
    type Target = PyBaseException;
    type Output = Bound<'py, PyBaseException>;
    type Error = std::convert::Infallible;
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(self.value(py).clone())
    }
}

/// Called when the C API returned NULL without setting an exception.
#[cold]
#[track_caller]
pub(crate) fn panic_after_error(_py: Python<'_>) -> ! {
    unsafe { ffi::PyErr_Print() };
    panic!("Python API call failed");
}

#[cfg(Py_3_12)]
unsafe fn take_raised(py: Python<'_>) -> Option<Py<PyBaseException>> {
    Py::from_owned_ptr_or_opt(py, ffi::PyErr_GetRaisedException())
}

#[cfg(not(Py_3_12))]
unsafe fn take_raised(py: Python<'_>) -> Option<Py<PyBaseException>> {
    let (mut ty, mut value, mut tb) = (std::ptr::null_mut(), std::ptr::null_mut(), std::ptr::null_mut());
    ffi::PyErr_Fetch(&mut ty, &mut value, &mut tb);
    if ty.is_null() {
        return None;
    }
    ffi::PyErr_NormalizeException(&mut ty, &mut value, &mut tb);
    if !tb.is_null() {
        ffi::PyException_SetTraceback(value, tb);
        ffi::Py_DECREF(tb);
    }
    ffi::Py_DECREF(ty);
    Py::from_owned_ptr_or_opt(py, value)
}

#[cfg(Py_3_12)]
unsafe fn restore_raised(_py: Python<'_>, value: Py<PyBaseException>) {
    ffi::PyErr_SetRaisedException(value.into_ptr())
}

#[cfg(not(Py_3_12))]
unsafe fn restore_raised(_py: Python<'_>, value: Py<PyBaseException>) {
    let value = value.into_ptr();
    let ty = ffi::Py_TYPE(value) as *mut ffi::PyObject;
    ffi::Py_INCREF(ty);
    let tb = ffi::PyException_GetTraceback(value);
    ffi::PyErr_Restore(ty, value, tb);
}

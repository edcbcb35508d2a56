//! `Py<T>`'s shortcuts for attribute access, calls and casts: each binds to the
//! given `Python<'py>` and does what `Bound`'s method of the same name does.
use crate::conversion::IntoPyObject;
use crate::err::{CastError, PyErr, PyResult};
use crate::ffi;
use crate::instance::{Bound, Py};
use crate::marker::Python;
use crate::type_object::PyTypeCheck;
use crate::types::{PyAny, PyAnyMethods, PyCallArgs, PyDict, PyString};

impl<T> Py<T> {
    pub unsafe fn from_borrowed_ptr_or_err(py: Python<'_>, ptr: *mut ffi::PyObject) -> PyResult<Py<T>> {
        if ptr.is_null() {
            Err(PyErr::fetch(py))
        } else {
            Ok(Self::from_borrowed_ptr(py, ptr))
        }
    }

    pub unsafe fn from_borrowed_ptr_or_opt(py: Python<'_>, ptr: *mut ffi::PyObject) -> Option<Py<T>> {
        if ptr.is_null() {
            None
        } else {
            Some(Self::from_borrowed_ptr(py, ptr))
        }
    }

    /// Gives up this reference now (rather than when the thread next attaches).
    pub fn drop_ref(self, py: Python<'_>) {
        let _ = self.into_bound(py);
    }

    /// Python's `bool(self)`.
    pub fn is_truthy(&self, py: Python<'_>) -> PyResult<bool> {
        self.bind(py).as_any().is_truthy()
    }

    pub fn getattr<'py, N>(&self, py: Python<'py>, name: N) -> PyResult<Py<PyAny>>
    where
        N: IntoPyObject<'py, Target = PyString>,
    {
        self.bind(py).as_any().getattr(name).map(Bound::unbind)
    }

    pub fn setattr<'py, N, V>(&self, py: Python<'py>, name: N, value: V) -> PyResult<()>
    where
        N: IntoPyObject<'py, Target = PyString>,
        V: IntoPyObject<'py>,
    {
        self.bind(py).as_any().setattr(name, value)
    }

    pub fn call0(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.bind(py).as_any().call0().map(Bound::unbind)
    }

    pub fn call1<'py, A: PyCallArgs<'py>>(&self, py: Python<'py>, args: A) -> PyResult<Py<PyAny>> {
        self.bind(py).as_any().call1(args).map(Bound::unbind)
    }

    pub fn call<'py, A: PyCallArgs<'py>>(
        &self,
        py: Python<'py>,
        args: A,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        self.bind(py).as_any().call(args, kwargs).map(Bound::unbind)
    }

    pub fn call_method<'py, N, A>(
        &self,
        py: Python<'py>,
        name: N,
        args: A,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Py<PyAny>>
    where
        N: IntoPyObject<'py, Target = PyString>,
        A: PyCallArgs<'py>,
    {
        self.bind(py).as_any().call_method(name, args, kwargs).map(Bound::unbind)
    }

    pub fn call_method1<'py, N, A>(&self, py: Python<'py>, name: N, args: A) -> PyResult<Py<PyAny>>
    where
        N: IntoPyObject<'py, Target = PyString>,
        A: PyCallArgs<'py>,
    {
        self.bind(py).as_any().call_method1(name, args).map(Bound::unbind)
    }

    pub fn call_method0<'py, N>(&self, py: Python<'py>, name: N) -> PyResult<Py<PyAny>>
    where
        N: IntoPyObject<'py, Target = PyString>,
    {
        self.bind(py).as_any().call_method0(name).map(Bound::unbind)
    }

    /// Binds and casts in one step: `self.bind(py).cast::<U>()`.
    pub fn cast_bound<'py, U: PyTypeCheck>(&self, py: Python<'py>) -> Result<&Bound<'py, U>, CastError<'_, 'py>> {
        self.bind(py).cast()
    }

    /// # Safety
    /// `self` must be an instance of `U`.
    pub unsafe fn cast_bound_unchecked<'py, U>(&self, py: Python<'py>) -> &Bound<'py, U> {
        self.bind(py).cast_unchecked()
    }
}

//! Classes over native bases other than `object` under the 3.9 stable ABI, where
//! a static type's slots cannot be asked for with `PyType_GetSlot`.
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

/// A dict that remembers how many keys Rust put in.
#[pyclass(extends = PyDict, subclass)]
pub struct TallyDict {
    added: usize,
}

#[pymethods]
impl TallyDict {
    #[new]
    #[pyo3(signature = (*_args, **_kwargs))]
    fn new(_args: &Bound<'_, PyTuple>, _kwargs: Option<&Bound<'_, PyDict>>) -> Self {
        TallyDict { added: 0 }
    }

    fn put(slf: &Bound<'_, Self>, key: &str, value: Bound<'_, PyAny>) -> PyResult<usize> {
        slf.as_any().cast::<PyDict>()?.set_item(key, value)?;
        let mut this = slf.borrow_mut();
        this.added += 1;
        Ok(this.added)
    }
}

#[pyclass(extends = PyValueError)]
pub struct CodedError {
    #[pyo3(get)]
    code: u32,
}

#[pymethods]
impl CodedError {
    #[new]
    fn new(code: u32) -> Self {
        CodedError { code }
    }
}

/// Instance attributes under the 3.9 stable ABI, which has no `PyObject_GenericGetDict`:
/// `obj.__dict__` still reads (and replaces) them, and a `__getattr__` is only the fallback.
#[pyclass(dict, weakref)]
pub struct Notebook {
    #[pyo3(get)]
    pages: u32,
}

#[pymethods]
impl Notebook {
    #[new]
    fn new() -> Self {
        Notebook { pages: 1 }
    }

    fn __getattr__(&self, name: &str) -> String {
        format!("missing {name}")
    }
}

//! Classes extending native types: dict, set, float and exceptions.
use pyo3::exceptions::{PyException, PyKeyError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyDictMethods, PyFloat, PySet, PyTuple};

/// A dict that also counts how often Rust looked into it.
#[pyclass(extends = PyDict, subclass)]
struct CountingDict {
    lookups: u32,
}

#[pymethods]
impl CountingDict {
    #[new]
    #[pyo3(signature = (*_args, **_kwargs))]
    fn new(_args: &Bound<'_, PyTuple>, _kwargs: Option<&Bound<'_, PyDict>>) -> Self {
        CountingDict { lookups: 0 }
    }

    /// Reads the dict part through the Python object itself.
    fn lookup<'py>(slf: &Bound<'py, Self>, key: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        slf.borrow_mut().lookups += 1;
        slf.as_any().cast::<PyDict>()?.get_item(key)
    }

    #[getter]
    fn lookups(&self) -> u32 {
        self.lookups
    }
}

/// Size of any dict (a CountingDict passes as one).
#[pyfunction]
fn dict_len(d: &Bound<'_, PyDict>) -> usize {
    d.len()
}

#[pyclass(extends = PySet)]
struct Tags {}

#[pymethods]
impl Tags {
    #[new]
    #[pyo3(signature = (*_args))]
    fn new(_args: &Bound<'_, PyTuple>) -> Self {
        Tags {}
    }
}

#[pyclass(extends = PyFloat)]
struct Meters {}

#[pymethods]
impl Meters {
    #[new]
    fn new() -> Self {
        Meters {}
    }

    fn unit(&self) -> &'static str {
        "m"
    }
}

#[pyclass(extends = PyKeyError)]
struct MissingThing {
    what: String,
}

#[pymethods]
impl MissingThing {
    #[new]
    fn new(what: String) -> Self {
        MissingThing { what }
    }

    #[getter]
    fn what(&self) -> &str {
        &self.what
    }
}

/// A dict whose `__init__` runs dict's own (through `super()`), then marks itself.
#[pyclass(extends = PyDict)]
struct MarkedDict {}

#[pymethods]
impl MarkedDict {
    #[new]
    #[pyo3(signature = (*_args, **_kwargs))]
    fn new(_args: &Bound<'_, PyTuple>, _kwargs: Option<&Bound<'_, PyDict>>) -> Self {
        MarkedDict {}
    }

    #[pyo3(signature = (*args, **kwargs))]
    fn __init__(slf: &Bound<'_, Self>, args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
        slf.py_super()?.call_method("__init__", args.to_owned(), kwargs)?;
        slf.as_super().set_item("marked", true)
    }

    /// The dict part by value: the same object, typed as its base.
    fn as_plain_dict(slf: Bound<'_, Self>) -> Bound<'_, PyDict> {
        slf.into_super()
    }
}

/// A `PyErr` turned into its exception object, then cast by value to its own type.
#[pyfunction]
fn error_object(py: Python<'_>, key_error: bool) -> PyResult<Bound<'_, PyValueError>> {
    let err = if key_error { PyKeyError::new_err("k") } else { PyValueError::new_err("bad") };
    Ok(err.into_pyobject(py)?.cast_into()?)
}

/// `cast_into`/`cast_into_exact` called on a `Bound<PyException>` (not `Bound<PyAny>`).
#[pyfunction]
fn as_value_error(obj: Bound<'_, PyException>, exact: bool) -> PyResult<Bound<'_, PyValueError>> {
    Ok(if exact { obj.cast_into_exact()? } else { obj.cast_into()? })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<CountingDict>()?;
    m.add_function(wrap_pyfunction!(dict_len, m)?)?;
    m.add_class::<Tags>()?;
    m.add_class::<Meters>()?;
    m.add_class::<MissingThing>()?;
    m.add_class::<MarkedDict>()?;
    m.add_function(wrap_pyfunction!(error_object, m)?)?;
    m.add_function(wrap_pyfunction!(as_value_error, m)?)?;
    Ok(())
}

//! Classes extending native types: dict, set, float and exceptions.
use pyo3::exceptions::PyKeyError;
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

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<CountingDict>()?;
    m.add_function(wrap_pyfunction!(dict_len, m)?)?;
    m.add_class::<Tags>()?;
    m.add_class::<Meters>()?;
    m.add_class::<MissingThing>()?;
    Ok(())
}

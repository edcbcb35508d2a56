//! Smaller pieces of PyO3 0.30's API that pydantic-core and serpyco-rs lean on: `PyBackedStr`
//! cloned and converted back as a `str`, `PyOnceLock::import` of any type, `UnicodeDecodeError`
//! from a `Utf8Error`, a subclass's borrow as its base (`AsRef`), and `&&T` arguments.
use pyo3::exceptions::PyUnicodeDecodeError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString};

static FIELD_MARKER: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `getattr(obj, name)` through a clone of the backed name, and that name back as a `str`.
#[pyfunction]
fn attr_by_backed_name<'py>(obj: Bound<'py, PyAny>, name: PyBackedStr) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyString>)> {
    let copy = name.clone();
    let as_str: Bound<'py, PyString> = match (&copy).into_pyobject(obj.py()) {
        Ok(s) => s,
        Err(never) => match never {},
    };
    Ok((obj.getattr(&name)?, as_str))
}

/// `dataclasses._FIELD`, imported once (an object, not a type).
#[pyfunction]
fn field_marker(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    FIELD_MARKER.import(py, "dataclasses", "_FIELD").cloned()
}

/// The `UnicodeDecodeError` of `data` when it is not UTF-8, else `None`.
#[pyfunction]
fn utf8_error<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Option<Bound<'py, PyUnicodeDecodeError>>> {
    match std::str::from_utf8(data) {
        Ok(_) => Ok(None),
        Err(err) => PyUnicodeDecodeError::new_utf8(py, data, err).map(Some),
    }
}

/// Raises what `utf8_error` returns.
#[pyfunction]
fn require_utf8(py: Python<'_>, data: &[u8]) -> PyResult<()> {
    std::str::from_utf8(data).map(drop).map_err(|err| PyUnicodeDecodeError::new_err_from_utf8(py, data, err))
}

#[pyclass(subclass)]
struct Labelled {
    label: String,
}

#[pyclass(extends = Labelled)]
struct Tagged;

#[pymethods]
impl Tagged {
    #[new]
    fn new(label: String) -> (Self, Labelled) {
        (Tagged, Labelled { label })
    }

    /// The base's field, read through `AsRef`.
    fn label(slf: PyRef<'_, Self>) -> String {
        let base: &Labelled = slf.as_ref();
        base.label.clone()
    }
}

/// `d[(key, False)]`, the tuple built from a `&&Bound`.
#[pyfunction]
fn has_pair(d: &Bound<'_, PyDict>, key: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(d.get_item((&key, false))?.is_some())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(attr_by_backed_name, m)?)?;
    m.add_function(wrap_pyfunction!(field_marker, m)?)?;
    m.add_function(wrap_pyfunction!(utf8_error, m)?)?;
    m.add_function(wrap_pyfunction!(require_utf8, m)?)?;
    m.add_function(wrap_pyfunction!(has_pair, m)?)?;
    m.add_class::<Labelled>()?;
    m.add_class::<Tagged>()?;
    Ok(())
}

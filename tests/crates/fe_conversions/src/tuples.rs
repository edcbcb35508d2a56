//! Tuples whose building or extraction fails part-way: what was converted before the failure is
//! released, and nothing after it is converted.
use ferrule::exceptions::PyValueError;
use ferrule::prelude::*;

/// Converts to nothing: its `IntoPyObject` always fails.
struct Refused;

impl<'py> IntoPyObject<'py> for Refused {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, _py: Python<'py>) -> PyResult<Self::Output> {
        Err(PyValueError::new_err("refused"))
    }
}

/// Converts to nothing either: its `IntoPyObject` panics.
struct Panics;

impl<'py> IntoPyObject<'py> for Panics {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, _py: Python<'py>) -> PyResult<Self::Output> {
        panic!("no conversion")
    }
}

/// The first element of a triple `(object, int, object)`.
#[pyfunction]
fn first_of(pair: (Py<PyAny>, i64, Py<PyAny>)) -> Py<PyAny> {
    pair.0
}

/// `(obj, Refused, obj)` into a tuple: always the ValueError, `obj` released.
#[pyfunction]
fn tuple_with_refused(py: Python<'_>, obj: Py<PyAny>) -> PyResult<Py<PyAny>> {
    let pair = (obj.clone_ref(py), Refused, obj);
    Ok(pair.into_pyobject(py)?.into_any().unbind())
}

/// `f(obj, Refused, obj)`: always the ValueError; `f` is never called.
#[pyfunction]
fn call_with_refused(py: Python<'_>, f: Bound<'_, PyAny>, obj: Py<PyAny>) -> PyResult<()> {
    f.call1((obj.clone_ref(py), Refused, obj))?;
    Ok(())
}

/// `(obj, obj, Panics)` into a tuple, or as `f`'s arguments: always a PanicException, `obj` released.
#[pyfunction]
#[pyo3(signature = (obj, f=None))]
fn tuple_with_panic(py: Python<'_>, obj: Py<PyAny>, f: Option<Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
    let items = (obj.clone_ref(py), obj, Panics);
    match f {
        Some(f) => Ok(f.call1(items)?.unbind()),
        None => Ok(items.into_pyobject(py)?.into_any().unbind()),
    }
}

/// `f(a, b, c)` with 12 arguments at most: the arguments are converted in order.
#[pyfunction]
fn call_with_twelve(f: Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    Ok(f.call1((1, 2.5, "three", 4u8, 5i64, (6, 7), [8], true, 9u16, "ten", 11i32, 12usize))?.unbind())
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(first_of, m)?)?;
    m.add_function(wrap_pyfunction!(tuple_with_refused, m)?)?;
    m.add_function(wrap_pyfunction!(call_with_refused, m)?)?;
    m.add_function(wrap_pyfunction!(call_with_twelve, m)?)?;
    m.add_function(wrap_pyfunction!(tuple_with_panic, m)?)?;
    Ok(())
}

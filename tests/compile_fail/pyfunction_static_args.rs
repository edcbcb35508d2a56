// An argument lives for one call: a `#[pyfunction]` cannot claim it for `'static`.
use ferrule::prelude::*;
use ferrule::types::PyList;

#[pyfunction]
fn static_ref(list: &'static Bound<'_, PyList>) -> usize { // ERROR: borrowed data escapes outside of function && `static_ref`
    list.len()
}

#[pyfunction]
fn static_py(list: &Bound<'static, PyList>) -> usize { // ERROR: borrowed data escapes outside of function && `static_py`
    list.len()
}

// What stays allowed: the call's own lifetime, or an owned `Py`.
#[pyfunction]
fn borrowed(list: &Bound<'_, PyList>, kept: Py<PyList>) -> usize {
    list.len() + Python::attach(|py| kept.bind(py).len())
}

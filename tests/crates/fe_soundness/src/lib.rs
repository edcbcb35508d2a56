//! Runtime soundness rules (threads, GC traversal, attach state, deep
//! structures) and what PyO3 allows that must keep compiling.
use ferrule::prelude::*;

mod gc;
mod levels;
mod threads;

/// Allowed as in PyO3: a `Py<T>` made inside `detach` (by attaching again) is
/// returned out of it, and `&T` with `T: Sync` is used inside it.
#[pyfunction]
fn detach_returns_py(py: Python<'_>, items: Vec<u64>) -> (Py<PyAny>, u64) {
    let shared: &Vec<u64> = &items;
    let made: Py<PyAny> = py.detach(|| Python::attach(|py| py.None()));
    let total = py.detach(|| shared.iter().sum::<u64>());
    (made, total)
}

/// A `frozen` class is read with no borrow flag; `&Fixed` is `Send` (as
/// `Fixed: Sync`), so it may be used inside `detach`.
#[pyclass(frozen)]
pub struct Fixed {
    value: u64,
}

#[pymethods]
impl Fixed {
    #[new]
    fn new(value: u64) -> Self {
        Fixed { value }
    }
}

#[pyfunction]
fn frozen_get_in_detach(py: Python<'_>, obj: Py<Fixed>) -> u64 {
    let fixed: &Fixed = obj.get();
    py.detach(|| fixed.value * 2)
}

#[pymodule]
fn fe_soundness(m: &Bound<'_, PyModule>) -> PyResult<()> {
    levels::register(m)?;
    m.add_function(wrap_pyfunction!(detach_returns_py, m)?)?;
    m.add_class::<Fixed>()?;
    m.add_function(wrap_pyfunction!(frozen_get_in_detach, m)?)?;
    m.add_class::<gc::Slot>()?;
    m.add_class::<gc::Fragile>()?;
    m.add_class::<gc::Holder>()?;
    m.add_class::<gc::SubHolder>()?;
    m.add_class::<gc::PlainSub>()?;
    m.add_class::<gc::Link>()?;
    m.add_function(wrap_pyfunction!(gc::clear_panics, m)?)?;
    m.add_function(wrap_pyfunction!(gc::chain, m)?)?;
    m.add_class::<threads::Local>()?;
    m.add_function(wrap_pyfunction!(threads::clone_on_rust_thread, m)?)?;
    m.add_function(wrap_pyfunction!(threads::drop_on_rust_thread, m)?)?;
    m.add_function(wrap_pyfunction!(threads::spawn_attachers, m)?)?;
    Ok(())
}

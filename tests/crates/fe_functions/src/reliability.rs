//! Functions for the reliability tests (tests/test_refleaks.py, test_threads.py,
//! test_panics.py): detaching, callbacks from other threads, panics with odd
//! payloads and in `Drop`, and Rust threads that outlive the interpreter.
use std::time::Duration;

use ferrule::prelude::*;
use ferrule::types::PyBytes;

/// Sleeps `ms` milliseconds with the interpreter released; returns `ms`.
#[pyfunction]
fn sleep_detached(py: Python<'_>, ms: u64) -> u64 {
    py.detach(move || std::thread::sleep(Duration::from_millis(ms)));
    ms
}

/// Detaches, then attaches again on the same thread to call `f(x)`.
#[pyfunction]
fn detach_then_call(py: Python<'_>, f: Py<PyAny>, x: i64) -> PyResult<Py<PyAny>> {
    py.detach(move || Python::attach(|py| f.bind(py).call1((x,)).map(Bound::unbind)))
}

/// Starts a Rust thread that sleeps `ms` and then calls `f()` attached; returns at once.
/// The thread is never joined: the interpreter may be gone when it wakes.
#[pyfunction]
fn spawn_then_call(ms: u64, f: Py<PyAny>) {
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(ms));
        Python::attach(|py| {
            let _ = f.bind(py).call0();
        });
    });
}

/// Starts a Rust thread that holds `obj` for `ms` and then drops it without attaching.
#[pyfunction]
fn spawn_then_drop(ms: u64, obj: Py<PyAny>) {
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(ms));
        drop(obj);
    });
}

/// Panics with a payload of the kind asked for: "str", "string", "int", "unit", "struct".
#[pyfunction]
fn panic_with(kind: &str) -> i64 {
    struct Custom {
        _field: Vec<u8>,
    }
    match kind {
        "str" => std::panic::panic_any("a static str"),
        "string" => std::panic::panic_any(String::from("an owned String")),
        "int" => std::panic::panic_any(7_u64),
        "unit" => std::panic::panic_any(()),
        _ => std::panic::panic_any(Custom { _field: vec![1, 2, 3] }),
    }
}

/// Panics after the argument was converted (so the argument's references must be released).
#[pyfunction]
fn panic_holding(items: Vec<Py<PyAny>>, text: String) -> usize {
    if !items.is_empty() || !text.is_empty() {
        panic!("holding {} items and {text:?}", items.len());
    }
    0
}

/// A value whose `Drop` panics while it is being converted for Python.
pub struct PanicsOnDrop(i64);

impl Drop for PanicsOnDrop {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            panic!("drop of PanicsOnDrop({})", self.0);
        }
    }
}

impl<'py> IntoPyObject<'py> for PanicsOnDrop {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        // Dropped before the Python object exists: when a local's destructor panics on the
        // way out of a function, rustc leaks the return value (rust-lang/rust#47949), which
        // here would be a leaked reference that no binding layer can release.
        let value = self.0;
        drop(self);
        Ok(value.into_pyobject(py)?.into_any())
    }
}

#[pyfunction]
fn returns_panics_on_drop(x: i64) -> PanicsOnDrop {
    PanicsOnDrop(x)
}

/// `bytes` in, `bytes` out.
#[pyfunction]
fn echo_bytes<'py>(py: Python<'py>, data: &[u8]) -> Bound<'py, PyBytes> {
    PyBytes::new(py, data)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sleep_detached, m)?)?;
    m.add_function(wrap_pyfunction!(detach_then_call, m)?)?;
    m.add_function(wrap_pyfunction!(spawn_then_call, m)?)?;
    m.add_function(wrap_pyfunction!(spawn_then_drop, m)?)?;
    m.add_function(wrap_pyfunction!(panic_with, m)?)?;
    m.add_function(wrap_pyfunction!(panic_holding, m)?)?;
    m.add_function(wrap_pyfunction!(returns_panics_on_drop, m)?)?;
    m.add_function(wrap_pyfunction!(echo_bytes, m)?)?;
    Ok(())
}

//! `unsendable` classes, and `Py<T>` touched by threads that are not attached.
use std::rc::Rc;

use ferrule::prelude::*;

/// Holds an `Rc` (neither `Send` nor `Sync`): only its creating thread may use it.
#[pyclass(unsendable)]
pub struct Local {
    data: Rc<Vec<u64>>,
}

#[pymethods]
impl Local {
    #[new]
    fn new(n: u64) -> Self {
        Local { data: Rc::new((0..n).collect()) }
    }

    fn total(&self) -> u64 {
        let copy = Rc::clone(&self.data);
        copy.iter().sum()
    }
}

/// Clones and drops `obj` on a plain Rust thread that never attached; returns
/// the panic message the thread ended with, if any.
#[pyfunction]
pub fn clone_on_rust_thread(py: Python<'_>, obj: Py<PyAny>) -> Option<String> {
    py.detach(move || {
        let handle = std::thread::spawn(move || {
            let copy = obj.clone();
            drop(copy);
        });
        handle.join().err().map(|e| panic_text(&*e))
    })
}

/// Drops `obj` on a plain Rust thread: the decrement waits for the next attach.
#[pyfunction]
pub fn drop_on_rust_thread(py: Python<'_>, obj: Py<PyAny>) {
    py.detach(move || std::thread::spawn(move || drop(obj)).join().unwrap());
}

/// `Python::attach` in a loop on `threads` Rust threads that outlive the call.
#[pyfunction]
pub fn spawn_attachers(threads: usize) {
    for _ in 0..threads {
        std::thread::spawn(|| loop {
            Python::attach(|py| {
                let _ = py.None();
            });
        });
    }
}

fn panic_text(e: &(dyn std::any::Any + Send)) -> String {
    e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
}


//! Collector slots: what `__traverse__` may not do, panics in `__clear__`,
//! traversal of every level of an `extends` chain, and deep chains.
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use ferrule::prelude::*;
use ferrule::{PyTraverseError, PyVisit};

/// A slot whose `__traverse__` misbehaves on request: `mode` 1 drops the
/// reference it holds (a decref), 2 calls `Python::attach`.
#[pyclass]
pub struct Slot {
    slot: Mutex<Option<Py<PyAny>>>,
    mode: u8,
}

#[pymethods]
impl Slot {
    #[new]
    fn new(mode: u8) -> Self {
        Slot { slot: Mutex::new(None), mode }
    }

    fn set(&self, value: Py<PyAny>) {
        *self.slot.lock().unwrap() = Some(value);
    }

    fn held(&self) -> bool {
        self.slot.lock().unwrap().is_some()
    }

    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        match self.mode {
            1 => drop(self.slot.lock().unwrap().take()),
            2 => Python::attach(|_py| ()),
            _ => {}
        }
        if let Some(obj) = &*self.slot.lock().unwrap() {
            visit.call(obj)?;
        }
        Ok(())
    }

    fn __clear__(&mut self) {
        self.slot.get_mut().unwrap().take();
    }
}

static CLEAR_PANICS: AtomicBool = AtomicBool::new(false);

/// `__clear__` panics while `clear_panics(True)` is set.
#[pyclass(weakref)]
pub struct Fragile {
    other: Option<Py<PyAny>>,
}

#[pymethods]
impl Fragile {
    #[new]
    fn new() -> Self {
        Fragile { other: None }
    }

    fn link(&mut self, other: Py<PyAny>) {
        self.other = Some(other);
    }

    fn linked(&self) -> bool {
        self.other.is_some()
    }

    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        visit.call(&self.other)
    }

    fn __clear__(&mut self) {
        if CLEAR_PANICS.load(Ordering::SeqCst) {
            panic!("clear failed on purpose");
        }
        self.other = None;
    }
}

#[pyfunction]
pub fn clear_panics(on: bool) {
    CLEAR_PANICS.store(on, Ordering::SeqCst);
}

/// The base of a hierarchy whose field can close a cycle.
#[pyclass(subclass, weakref)]
pub struct Holder {
    a: Option<Py<PyAny>>,
}

#[pymethods]
impl Holder {
    #[new]
    fn new() -> Self {
        Holder { a: None }
    }

    fn set_a(&mut self, value: Py<PyAny>) {
        self.a = Some(value);
    }

    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        visit.call(&self.a)
    }

    fn __clear__(&mut self) {
        self.a = None;
    }
}

/// Its own field and traversal; the base's must be visited too.
#[pyclass(extends = Holder, subclass)]
pub struct SubHolder {
    b: Option<Py<PyAny>>,
}

#[pymethods]
impl SubHolder {
    #[new]
    fn new() -> (Self, Holder) {
        (SubHolder { b: None }, Holder { a: None })
    }

    fn set_b(&mut self, value: Py<PyAny>) {
        self.b = Some(value);
    }

    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        visit.call(&self.b)
    }

    fn __clear__(&mut self) {
        self.b = None;
    }
}

/// No `__traverse__` of its own, over a base that has one.
#[pyclass(extends = Holder)]
pub struct PlainSub {}

#[pymethods]
impl PlainSub {
    #[new]
    fn new() -> (Self, Holder) {
        (PlainSub {}, Holder { a: None })
    }
}

/// A node of a singly linked chain.
#[pyclass]
pub struct Link {
    next: Option<Py<Link>>,
}

#[pymethods]
impl Link {
    fn has_next(&self) -> bool {
        self.next.is_some()
    }
}

/// Builds a chain of `n` linked `Link`s and returns its head.
#[pyfunction]
pub fn chain(py: Python<'_>, n: usize) -> PyResult<Option<Py<Link>>> {
    let mut head: Option<Py<Link>> = None;
    for _ in 0..n {
        head = Some(Py::new(py, Link { next: head.take() })?);
    }
    Ok(head)
}


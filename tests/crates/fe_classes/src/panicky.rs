//! Panics in every kind of class member: each must become a `PanicException`.
use ferrule::prelude::*;

/// Panics on demand; `count` shows that state survives the panics.
#[pyclass]
pub struct Panicky {
    count: i64,
}

#[pymethods]
impl Panicky {
    #[new]
    #[pyo3(signature = (fail = false))]
    fn new(fail: bool) -> Self {
        if fail {
            panic!("panic in #[new]");
        }
        Panicky { count: 0 }
    }

    fn method(&self) -> i64 {
        panic!("panic in method at {}", self.count)
    }

    /// Panics while `&mut self` (a `PyRefMut` borrow) is held.
    fn bump_then_panic(&mut self) {
        self.count += 1;
        panic!("panic while mutably borrowed");
    }

    fn bump(&mut self) -> i64 {
        self.count += 1;
        self.count
    }

    #[staticmethod]
    fn static_panic() {
        panic!("panic in staticmethod");
    }

    #[getter]
    fn value(&self) -> i64 {
        panic!("panic in getter");
    }

    #[setter]
    fn set_value(&mut self, v: i64) {
        panic!("panic in setter with {v}");
    }

    fn __repr__(&self) -> String {
        panic!("panic in __repr__");
    }

    fn __len__(&self) -> usize {
        panic!("panic in __len__");
    }

    fn __hash__(&self) -> u64 {
        panic!("panic in __hash__");
    }

    fn __getitem__(&self, i: i64) -> i64 {
        panic!("panic in __getitem__ with {i}");
    }

    fn __add__(&self, other: i64) -> i64 {
        panic!("panic in __add__ with {other}");
    }

    fn __eq__(&self, _other: PyRef<'_, Self>) -> bool {
        panic!("panic in __eq__");
    }

    fn __call__(&self) {
        panic!("panic in __call__");
    }
}

/// Yields 1, 2, then panics in `__next__` (holding a `PyRefMut`).
#[pyclass]
pub struct PanicIter {
    n: i64,
}

#[pymethods]
impl PanicIter {
    #[new]
    fn new() -> Self {
        PanicIter { n: 0 }
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(mut slf: PyRefMut<'_, Self>) -> Option<i64> {
        slf.n += 1;
        if slf.n == 3 {
            panic!("panic in __next__ at 3");
        }
        Some(slf.n)
    }
}

//! Sequence, mapping and iterator protocols.
use std::collections::HashMap;

use ferrule::exceptions::{PyIndexError, PyKeyError, PyValueError};
use ferrule::prelude::*;

/// A list of ints.
#[pyclass]
pub struct Seq {
    items: Vec<i64>,
}

impl Seq {
    fn index(&self, i: isize) -> PyResult<usize> {
        let n = self.items.len() as isize;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(PyIndexError::new_err("Seq index out of range"));
        }
        Ok(j as usize)
    }
}

#[pymethods]
impl Seq {
    #[new]
    fn new(items: Vec<i64>) -> Self {
        Seq { items }
    }

    fn __len__(&self) -> usize {
        self.items.len()
    }

    fn __getitem__(&self, i: isize) -> PyResult<i64> {
        Ok(self.items[self.index(i)?])
    }

    fn __setitem__(&mut self, i: isize, value: i64) -> PyResult<()> {
        let j = self.index(i)?;
        self.items[j] = value;
        Ok(())
    }

    fn __delitem__(&mut self, i: isize) -> PyResult<()> {
        let j = self.index(i)?;
        self.items.remove(j);
        Ok(())
    }

    fn __contains__(&self, v: i64) -> bool {
        self.items.contains(&v)
    }

    fn __iter__(slf: PyRef<'_, Self>) -> SeqIter {
        SeqIter { items: slf.items.clone(), pos: 0 }
    }

    fn __repr__(&self) -> String {
        format!("Seq({:?})", self.items)
    }
}

/// The iterator of a `Seq`.
#[pyclass]
pub struct SeqIter {
    items: Vec<i64>,
    pos: usize,
}

#[pymethods]
impl SeqIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(mut slf: PyRefMut<'_, Self>) -> Option<i64> {
        let v = slf.items.get(slf.pos).copied();
        slf.pos += 1;
        v
    }
}

/// Counts down; `__next__` returns `PyResult<Option<T>>` and fails at `fail_at`.
#[pyclass]
pub struct Countdown {
    n: i64,
    fail_at: Option<i64>,
}

#[pymethods]
impl Countdown {
    #[new]
    #[pyo3(signature = (n, fail_at=None))]
    fn new(n: i64, fail_at: Option<i64>) -> Self {
        Countdown { n, fail_at }
    }

    fn __iter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __next__(&mut self) -> PyResult<Option<i64>> {
        if Some(self.n) == self.fail_at {
            return Err(PyValueError::new_err(format!("failed at {}", self.n)));
        }
        if self.n <= 0 {
            return Ok(None);
        }
        self.n -= 1;
        Ok(Some(self.n + 1))
    }
}

/// A str -> int mapping.
#[pyclass(mapping)]
pub struct Table {
    map: HashMap<String, i64>,
}

#[pymethods]
impl Table {
    #[new]
    fn new() -> Self {
        Table { map: HashMap::new() }
    }

    fn __len__(&self) -> usize {
        self.map.len()
    }

    fn __getitem__(&self, key: &str) -> PyResult<i64> {
        self.map.get(key).copied().ok_or_else(|| PyKeyError::new_err(key.to_string()))
    }

    fn __setitem__(&mut self, key: String, value: i64) {
        self.map.insert(key, value);
    }

    fn __delitem__(&mut self, key: &str) -> PyResult<()> {
        self.map.remove(key).map(|_| ()).ok_or_else(|| PyKeyError::new_err(key.to_string()))
    }

    fn __contains__(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// Calls `f(self)` while holding a mutable borrow.
    fn mutate_with(&mut self, slf_obj: &Bound<'_, PyAny>, f: &Bound<'_, PyAny>) -> PyResult<()> {
        f.call1((slf_obj,))?;
        Ok(())
    }
}

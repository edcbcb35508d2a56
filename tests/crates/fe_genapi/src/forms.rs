//! Forms PyO3 accepts that real crates use: special methods without `self`, `sequence`/`mapping`
//! lengths, docstrings as PyO3 trims them, `#[pyclass(generic)]`, `#[pyo3(get)]` by reference.
use pyo3::exceptions::PyIndexError;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyType};
use std::convert::Infallible;

/// A six-sided die: every face is the same for all dice, so the special methods need no `self`.
#[pyclass(subclass)]
pub struct Die;

#[pymethods]
impl Die {
    #[new]
    fn new() -> Self {
        Die
    }

    #[staticmethod]
    fn __len__() -> usize {
        6
    }

    #[staticmethod]
    fn __getitem__(face: isize) -> PyResult<u32> {
        match face {
            0..=5 => Ok(face as u32 + 1),
            _ => Err(PyIndexError::new_err(format!("no face {face}"))),
        }
    }

    /// Handed the type of the object, a subclass's too.
    #[classmethod]
    fn __repr__(cls: &Bound<'_, PyType>) -> PyResult<String> {
        Ok(format!("<one {}>", cls.name()?))
    }

    #[staticmethod]
    fn __contains__(value: u32) -> bool {
        (1..=6).contains(&value)
    }
}

/// A `sequence` class: its length is `sq_length` only, as in PyO3.
#[pyclass(sequence)]
pub struct Row {
    cells: Vec<i32>,
}

#[pymethods]
impl Row {
    #[new]
    fn new(cells: Vec<i32>) -> Self {
        Row { cells }
    }

    fn __len__(&self) -> usize {
        self.cells.len()
    }

    fn __getitem__(&self, at: usize) -> PyResult<i32> {
        self.cells.get(at).copied().ok_or_else(|| PyIndexError::new_err(at))
    }
}

/// A `mapping` class: `mp_length` and no sequence item slots.
#[pyclass(mapping)]
pub struct Index {
    size: usize,
}

#[pymethods]
impl Index {
    #[new]
    fn new(size: usize) -> Self {
        Index { size }
    }

    fn __len__(&self) -> usize {
        self.size
    }

    fn __getitem__(&self, key: &str) -> String {
        key.to_uppercase()
    }
}

/// Usage:
///   Notes(text)
///no space before this line
///
/// Fields document their properties.
#[pyclass]
pub struct Notes {
    /// What was written.
    #[pyo3(get, set)]
    text: String,
    ///  Counted on each write.
    #[pyo3(set)]
    writes: u32,
}

#[pymethods]
impl Notes {
    #[new]
    fn new(text: String) -> Self {
        Notes { text, writes: 0 }
    }

    ///  Twice indented.
    ///Flush.
    fn shout(&self) -> String {
        self.text.to_uppercase()
    }

    /// The setter documents `loud`.
    #[setter]
    fn set_loud(&mut self, loud: bool) {
        if loud {
            self.text = self.text.to_uppercase();
        }
    }
}

/// `Crate[int]` at run time gives `types.GenericAlias(Crate, int)`.
#[pyclass(generic)]
pub struct Crate {
    #[pyo3(get)]
    items: Vec<Py<PyAny>>,
}

#[pymethods]
impl Crate {
    #[new]
    fn new(items: Vec<Py<PyAny>>) -> Self {
        Crate { items }
    }
}

/// A hand-written `__class_getitem__`.
#[pyclass]
pub struct Tagged;

#[pymethods]
impl Tagged {
    #[classmethod]
    fn __class_getitem__(cls: &Bound<'_, PyType>, key: &Bound<'_, PyAny>) -> PyResult<String> {
        Ok(format!("{}<{}>", cls.name()?, key.repr()?))
    }
}

/// Converts only by reference, and cannot be cloned.
pub struct Label(String);

impl<'py> IntoPyObject<'py> for &Label {
    type Target = PyString;
    type Output = Bound<'py, PyString>;
    type Error = Infallible;

    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(PyString::new(py, &format!("label:{}", self.0)))
    }
}

/// Converts only by value (a clone).
#[derive(Clone)]
pub struct Stamp(u8);

impl<'py> IntoPyObject<'py> for Stamp {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        Ok((self.0, "stamp").into_pyobject(py)?.into_any())
    }
}

/// `#[pyo3(get)]` on fields PyO3 reads by reference (no clone) and on one it clones.
#[pyclass]
pub struct Parcel {
    #[pyo3(get)]
    label: Label,
    #[pyo3(get)]
    stamp: Stamp,
    #[pyo3(get)]
    owner: Py<Die>,
}

#[pymethods]
impl Parcel {
    #[new]
    fn new(py: Python<'_>, label: String, stamp: u8) -> PyResult<Self> {
        Ok(Parcel { label: Label(label), stamp: Stamp(stamp), owner: Py::new(py, Die)? })
    }
}

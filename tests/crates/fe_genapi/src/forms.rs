//! Forms PyO3 accepts that real crates use: special methods without `self`, `sequence`/`mapping`
//! lengths, docstrings as PyO3 trims them, `#[pyclass(generic)]`, `#[pyo3(get)]` by reference.
use pyo3::exceptions::{PyFutureWarning, PyIndexError};
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

static ORIGIN: pyo3::sync::PyOnceLock<Py<Origin>> = pyo3::sync::PyOnceLock::new();

/// `#[new]` may return an object that exists already: every `Origin()` is the same one.
#[pyclass(frozen, subclass)]
pub struct Origin;

#[pymethods]
impl Origin {
    #[new]
    fn new(py: Python<'_>) -> PyResult<Py<Origin>> {
        ORIGIN.get_or_try_init(py, || Py::new(py, Origin)).map(|o| o.clone_ref(py))
    }

    /// A fresh object each time, returned as a `Bound`.
    #[staticmethod]
    fn fresh(py: Python<'_>) -> PyResult<Bound<'_, Origin>> {
        Bound::new(py, Origin)
    }
}

/// `pyo3::ffi::c_str!`, the ffi crate's macro for a `&CStr` literal.
#[pyfunction]
pub fn c_text() -> PyResult<String> {
    let text: &'static std::ffi::CStr = pyo3::ffi::c_str!("made at compile time");
    Ok(text.to_str()?.to_owned())
}

/// Receivers spelled with the class's own name, and a raw identifier in `signature`.
#[pyclass]
pub struct Spelled {
    n: i64,
}

#[pymethods]
impl Spelled {
    #[new]
    fn new(n: i64) -> Self {
        Spelled { n }
    }

    fn owned(slf: Py<Spelled>, py: Python<'_>) -> i64 {
        slf.borrow(py).n
    }

    fn borrowed(slf: PyRef<'_, Spelled>) -> i64 {
        slf.n * 2
    }

    #[pyo3(signature = (r#type = "plain"))]
    fn kind(&self, r#type: &str) -> String {
        format!("{}:{}", r#type, self.n)
    }
}

/// `*args`/`**kwargs` taken as plain objects, and `from_py_with` naming a method by path.
#[pyfunction]
#[pyo3(signature = (first, *rest, **options))]
pub fn gather(
    #[pyo3(from_py_with = <Bound<'_, _> as PyAnyMethods>::extract)] first: Vec<i32>,
    rest: Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyAny>>,
) -> PyResult<(usize, usize, usize)> {
    Ok((first.len(), rest.len()?, options.map(|o| o.len()).transpose()?.unwrap_or(0)))
}

/// A class whose Rust names are raw identifiers: Python sees them without `r#`.
#[pyclass]
pub struct r#Match {
    #[pyo3(get)]
    r#ref: i32,
}

#[pymethods]
impl Match {
    #[new]
    fn new(r#ref: i32) -> Self {
        r#Match { r#ref }
    }

    #[classattr]
    const r#MAX: i32 = 9;

    #[getter(r#loop)]
    fn looped(&self) -> i32 {
        self.r#ref + 1
    }
}

/// Deprecated API as crates mark it: every call warns (`warn` on functions and methods).
#[pyfunction]
#[pyo3(warn(message = "old_area is deprecated: use area", category = pyo3::exceptions::PyDeprecationWarning))]
pub fn old_area(w: u32, h: u32) -> u32 {
    w * h
}

#[pyfunction]
#[pyo3(warn(message = "first notice"), warn(message = "second notice", category = PyFutureWarning))]
pub fn noticed() -> u8 {
    2
}

#[pyclass]
pub struct Gauge {
    level: i32,
}

#[pymethods]
impl Gauge {
    #[new]
    #[pyo3(warn(message = "Gauge() is going away"))]
    fn new() -> Self {
        Gauge { level: 1 }
    }

    #[getter]
    #[pyo3(warn(message = "reading level is deprecated", category = PyFutureWarning))]
    fn level(&self) -> i32 {
        self.level
    }

    #[setter]
    #[pyo3(warn(message = "writing level is deprecated"))]
    fn set_level(&mut self, level: i32) {
        self.level = level;
    }

    #[pyo3(warn(message = "indexing a gauge is deprecated"))]
    fn __getitem__(&self, at: i32) -> i32 {
        self.level + at
    }

    #[staticmethod]
    #[pyo3(warn(message = "Gauge.full() is deprecated"))]
    fn full() -> Gauge {
        Gauge { level: 10 }
    }
}

/// `**=` with the modulo parameter PyO3 allows on `__ipow__`.
#[pyclass]
pub struct Power {
    #[pyo3(get)]
    value: u64,
}

#[pymethods]
impl Power {
    #[new]
    fn new(value: u64) -> Self {
        Power { value }
    }

    fn __ipow__(&mut self, exp: u32, modulo: Option<u64>) {
        self.value = self.value.pow(exp) % modulo.unwrap_or(u64::MAX);
    }
}

/// The number protocol through `PyAnyMethods`, each result turned into `Py<PyAny>` by `.into()`.
#[pyfunction]
pub fn number_ops<'py>(a: &Bound<'py, PyAny>, b: &Bound<'py, PyAny>) -> PyResult<Vec<Py<PyAny>>> {
    let label: Py<PyAny> = PyString::new(a.py(), "ops").into();
    Ok(vec![
        label,
        a.div(b)?.into(),
        a.floor_div(b)?.into(),
        a.rem(b)?.into(),
        a.divmod(b)?.into(),
        a.lshift(b)?.into(),
        a.rshift(b)?.into(),
        a.bitand(b)?.into(),
        a.bitor(b)?.into(),
        a.bitxor(b)?.into(),
        a.pow(b, a.py().None())?.into(),
        a.pow(b, 5)?.into(),
        a.neg()?.into(),
        a.pos()?.into(),
        a.neg()?.abs()?.into(),
        a.bitnot()?.into(),
    ])
}

/// Iterable, but `in` opted out by a class attribute named like the special method.
#[pyclass]
pub struct Letters;

#[pymethods]
impl Letters {
    #[new]
    fn new() -> Self {
        Letters
    }

    fn __iter__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(pyo3::types::PyList::new(py, ["x", "y"])?.as_any().try_iter()?.into())
    }

    #[classattr]
    fn __contains__() -> Option<Py<PyAny>> {
        None
    }

    /// Knows one attribute; any other lookup's AttributeError becomes PyO3's `AttributeError(name)`.
    fn __getattribute__(&self, name: &str) -> PyResult<u8> {
        match name {
            "count" => Ok(2),
            _ => Err(pyo3::exceptions::PyAttributeError::new_err("never shown")),
        }
    }
}

/// `new = "from_fields"`: `Reading(sensor, value, unit=...)` takes every field in order.
#[pyclass(get_all, new = "from_fields")]
pub struct Reading {
    sensor: String,
    value: f64,
    unit: Option<String>,
}

/// The tuple-struct form: the parameters are `_0`, `_1`.
#[pyclass(new = "from_fields")]
pub struct Span2(#[pyo3(get, name = "start")] u32, #[pyo3(get, name = "end")] u32);

/// A class attribute whose initialiser fails: creating the type reports it as PyO3 does.
#[pyclass]
pub struct Unbuildable;

#[pymethods]
impl Unbuildable {
    #[classattr]
    fn limit() -> PyResult<i32> {
        Err(pyo3::exceptions::PyValueError::new_err("no limit today"))
    }
}

#[pyfunction]
pub fn touch_unbuildable(py: Python<'_>) -> String {
    py.get_type::<Unbuildable>().to_string()
}

// Neither documented nor constructible: `__doc__` is None, as in PyO3.
#[pyclass]
pub struct Bare;

/// `str = "..."`: PyO3's format string over the fields (named, positional, with specs, `{{`).
#[pyclass(str = "{label} at ({x:.1}, {y:>3}) {{ok}}")]
pub struct Pin {
    label: String,
    x: f64,
    y: i32,
}

#[pymethods]
impl Pin {
    #[new]
    fn new(label: String, x: f64, y: i32) -> Self {
        Pin { label, x, y }
    }
}

#[pyclass(str = "<{0}|{1}>")]
pub struct Pair2(u8, u8);

#[pyfunction]
pub fn pair2(a: u8, b: u8) -> Pair2 {
    Pair2(a, b)
}

/// A simple enum converts to its variant's class attribute: `forms.signal() is Signal.Go`.
#[pyclass(eq, eq_int)]
#[derive(Clone, PartialEq)]
pub enum Signal {
    Stop,
    Go,
}

#[pyfunction]
pub fn signal(go: bool) -> Signal {
    if go { Signal::Go } else { Signal::Stop }
}

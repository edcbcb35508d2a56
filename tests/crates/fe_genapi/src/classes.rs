//! Classes: extraction by clone (`from_py_object` / `skip_from_py_object`),
//! every special-method slot, raw identifiers.
use std::collections::HashMap;
use std::os::raw::c_int;

use pyo3::exceptions::{PyAttributeError, PyBufferError, PyStopIteration};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

/// `Clone`, no option: extracted by cloning (the runtime's blanket impl).
#[pyclass]
#[derive(Clone)]
pub struct Cloned {
    #[pyo3(get)]
    pub(crate) v: i64,
}

#[pymethods]
impl Cloned {
    #[new]
    fn new(v: i64) -> Self {
        Cloned { v }
    }
}

#[pyclass(from_py_object)]
#[derive(Clone)]
pub struct Opted {
    v: i64,
}

#[pymethods]
impl Opted {
    #[new]
    fn new(v: i64) -> Self {
        Opted { v }
    }
}

/// `Clone`, but converted from an int by its own impl.
#[pyclass(skip_from_py_object)]
#[derive(Clone)]
pub struct Skipped {
    v: i64,
}

impl<'a, 'py> FromPyObject<'a, 'py> for Skipped {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(Skipped { v: obj.extract::<i64>()? * 100 })
    }
}

/// Not `Clone`, with a hand-written impl and no option at all.
#[pyclass]
pub struct NotClone {
    v: i64,
}

impl<'a, 'py> FromPyObject<'a, 'py> for NotClone {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(NotClone { v: obj.extract::<i64>()? + 1 })
    }
}

#[pyfunction]
pub fn take_cloned(c: Cloned, o: Opted) -> i64 {
    c.v * 10 + o.v
}

#[pyfunction]
pub fn take_custom(s: Skipped, n: NotClone) -> i64 {
    s.v + n.v
}

/// `__getattr__` as the fallback after the normal lookup; `__setattr__`/`__delattr__`.
#[pyclass(dict)]
pub struct Attrs {
    values: HashMap<String, i64>,
}

#[pymethods]
impl Attrs {
    #[new]
    fn new() -> Self {
        Attrs { values: HashMap::new() }
    }

    #[getter]
    fn real(&self) -> i64 {
        42
    }

    fn __getattr__(&self, name: &str) -> PyResult<i64> {
        self.values.get(name).copied().ok_or_else(|| PyAttributeError::new_err(format!("no value {name}")))
    }

    fn __setattr__(&mut self, name: &str, value: i64) {
        self.values.insert(name.to_string(), value);
    }

    fn __delattr__(&mut self, name: &str) -> PyResult<()> {
        self.values.remove(name).map(|_| ()).ok_or_else(|| PyAttributeError::new_err(name.to_string()))
    }
}

/// `__getattribute__` first; its AttributeError falls back to `__getattr__`.
#[pyclass]
pub struct Shouting {}

#[pymethods]
impl Shouting {
    #[new]
    fn new() -> Self {
        Shouting {}
    }

    fn __getattribute__(&self, name: &str) -> PyResult<String> {
        if name.starts_with("quiet") {
            return Err(PyAttributeError::new_err(name.to_string()));
        }
        Ok(name.to_uppercase())
    }

    fn __getattr__(&self, name: &str) -> String {
        format!("fallback {name}")
    }

    fn __setattr__(&mut self, _name: &str, _value: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(PyAttributeError::new_err("read-only"))
    }
}

/// A descriptor: `__get__`, `__set__`, `__delete__`.
#[pyclass]
pub struct Recorder {
    value: Option<i64>,
}

#[pymethods]
impl Recorder {
    #[new]
    fn new() -> Self {
        Recorder { value: None }
    }

    fn __get__(&self, obj: Option<&Bound<'_, PyAny>>, _owner: Option<&Bound<'_, PyAny>>) -> (bool, Option<i64>) {
        (obj.map_or(true, |o| o.is_none()), self.value)
    }

    fn __set__(&mut self, _obj: &Bound<'_, PyAny>, value: i64) {
        self.value = Some(value);
    }

    fn __delete__(&mut self, _obj: &Bound<'_, PyAny>) {
        self.value = None;
    }
}

/// A descriptor with only `__get__` and `__set__`: deleting raises.
#[pyclass]
pub struct SetOnly {}

#[pymethods]
impl SetOnly {
    #[new]
    fn new() -> Self {
        SetOnly {}
    }

    fn __get__(&self, _obj: &Bound<'_, PyAny>, _owner: &Bound<'_, PyAny>) -> i64 {
        7
    }

    fn __set__(&self, _obj: &Bound<'_, PyAny>, _value: &Bound<'_, PyAny>) {}
}

/// Awaitable: `await Ready(5)` is 5.
#[pyclass]
pub struct Ready {
    value: i64,
}

#[pymethods]
impl Ready {
    #[new]
    fn new(value: i64) -> Self {
        Ready { value }
    }

    fn __await__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self) -> PyResult<Option<i64>> {
        Err(PyStopIteration::new_err(self.value))
    }
}

/// Async iterator: `async for x in Countdown(3)` gives 3, 2, 1.
#[pyclass]
pub struct Countdown {
    n: i64,
}

#[pymethods]
impl Countdown {
    #[new]
    fn new(n: i64) -> Self {
        Countdown { n }
    }

    fn __aiter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __anext__(&mut self) -> Option<Ready> {
        if self.n == 0 {
            return None;
        }
        self.n -= 1;
        Some(Ready { value: self.n + 1 })
    }
}

/// Number protocol corners: `@`, `divmod`, three-argument `pow`.
#[pyclass]
pub struct Num {
    #[pyo3(get)]
    v: i64,
}

#[pymethods]
impl Num {
    #[new]
    fn new(v: i64) -> Self {
        Num { v }
    }

    fn __matmul__(&self, other: PyRef<'_, Num>) -> i64 {
        self.v * other.v
    }

    fn __rmatmul__(&self, other: i64) -> i64 {
        -self.v * other
    }

    fn __divmod__(&self, other: i64) -> (i64, i64) {
        (self.v.div_euclid(other), self.v.rem_euclid(other))
    }

    fn __pow__(&self, exp: u32, modulo: Option<i64>) -> i64 {
        let p = self.v.pow(exp);
        modulo.map_or(p, |m| p % m)
    }
}

/// Sequence slots: `+` through `__concat__`, `*` through `__repeat__`.
#[pyclass(sequence)]
pub struct Seq {
    items: Vec<i64>,
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

    fn __getitem__(&self, i: usize) -> PyResult<i64> {
        self.items.get(i).copied().ok_or_else(|| pyo3::exceptions::PyIndexError::new_err("out of range"))
    }

    fn __concat__(&self, other: PyRef<'_, Seq>) -> Seq {
        Seq { items: self.items.iter().chain(&other.items).copied().collect() }
    }

    fn __repeat__(&self, count: usize) -> Seq {
        Seq { items: self.items.repeat(count) }
    }

    fn __inplace_concat__(mut slf: PyRefMut<'_, Self>, other: Vec<i64>) -> PyRefMut<'_, Self> {
        slf.items.extend(other);
        slf
    }

    fn __inplace_repeat__(mut slf: PyRefMut<'_, Self>, count: usize) -> PyRefMut<'_, Self> {
        let items = slf.items.repeat(count);
        slf.items = items;
        slf
    }

    fn items(&self) -> Vec<i64> {
        self.items.clone()
    }
}

/// `__init__` runs after `#[new]`, with the same arguments (also in subclasses).
#[pyclass(subclass)]
pub struct Inited {
    #[pyo3(get)]
    v: i64,
    #[pyo3(get)]
    inits: i64,
}

#[pymethods]
impl Inited {
    #[new]
    #[pyo3(signature = (*_args, **_kwargs))]
    fn new(_args: &Bound<'_, PyTuple>, _kwargs: Option<&Bound<'_, PyDict>>) -> Self {
        Inited { v: 0, inits: 0 }
    }

    #[pyo3(signature = (v = 1))]
    fn __init__(&mut self, v: i64) {
        self.v = v;
        self.inits += 1;
    }
}

/// The buffer protocol: `memoryview(Bytes3())`.
#[pyclass]
pub struct Bytes3 {
    data: Vec<u8>,
    #[pyo3(get)]
    released: usize,
}

#[pymethods]
impl Bytes3 {
    #[new]
    fn new() -> Self {
        Bytes3 { data: vec![1, 2, 3], released: 0 }
    }

    unsafe fn __getbuffer__(slf: PyRefMut<'_, Self>, view: *mut pyo3::ffi::Py_buffer, flags: c_int) -> PyResult<()> {
        if flags & pyo3::ffi::PyBUF_WRITABLE != 0 {
            return Err(PyBufferError::new_err("read-only"));
        }
        let data = slf.data.as_ptr() as *mut std::ffi::c_void;
        let len = slf.data.len() as pyo3::ffi::Py_ssize_t;
        let py = slf.py();
        let owner = slf.into_pyobject(py)?.into_any().into_ptr();
        unsafe {
            let r = pyo3::ffi::PyBuffer_FillInfo(view, owner, data, len, 1, flags);
            pyo3::ffi::Py_DECREF(owner);
            if r == -1 {
                return Err(PyErr::fetch(py));
            }
        }
        Ok(())
    }

    unsafe fn __releasebuffer__(&mut self, _view: *mut pyo3::ffi::Py_buffer) {
        self.released += 1;
    }
}

/// Raw identifiers: Python sees `type`, `match`, `in`.
#[pyclass(get_all)]
pub struct Token {
    #[pyo3(set)]
    r#type: String,
    r#loop: i64,
}

#[pymethods]
impl Token {
    #[new]
    fn new(r#type: String) -> Self {
        Token { r#type, r#loop: 0 }
    }

    fn r#match(&self, r#in: &str) -> bool {
        self.r#type == r#in
    }

    #[staticmethod]
    fn r#static(r#for: i64) -> i64 {
        r#for * 2
    }
}

/// `#[new] #[classmethod]`: the constructor sees the type being created.
#[pyclass(subclass)]
pub struct KnowsType {
    #[pyo3(get)]
    created_as: String,
}

#[pymethods]
impl KnowsType {
    #[new]
    #[classmethod]
    fn new(cls: &Bound<'_, pyo3::types::PyType>, tag: &str) -> PyResult<Self> {
        Ok(KnowsType { created_as: format!("{}:{tag}", cls.name()?) })
    }
}

/// Struct variants with no fields are still struct variants.
#[pyclass]
pub enum Shapeish {
    Nothing {},
    Empty(),
    Sized { n: i64 },
}

#[pyfunction]
pub fn shapeish(s: &Shapeish) -> String {
    match s {
        Shapeish::Nothing {} => "nothing".into(),
        Shapeish::Empty() => "empty".into(),
        Shapeish::Sized { n } => format!("sized {n}"),
    }
}

/// Gated out: an `async fn` that is never compiled is not an error.
#[cfg(any())]
#[pyfunction]
async fn never_compiled() {}

/// `#[deleter]` (PyO3 0.29): `del obj.attr`.
#[pyclass]
pub struct Slot {
    value: Option<i64>,
}

#[pymethods]
impl Slot {
    #[new]
    fn new() -> Self {
        Slot { value: Some(1) }
    }

    #[getter]
    fn value(&self) -> Option<i64> {
        self.value
    }

    #[setter]
    fn set_value(&mut self, value: i64) {
        self.value = Some(value);
    }

    #[deleter]
    fn delete_value(&mut self) {
        self.value = None;
    }

    #[getter]
    fn only_deletable(&self) -> i64 {
        0
    }

    #[deleter]
    fn delete_only_deletable(&mut self) -> PyResult<()> {
        Err(PyAttributeError::new_err("refused"))
    }
}

/// `#[pyo3(constructor = (...))]` on variants: defaults for their fields.
#[pyclass]
pub enum Defaults {
    #[pyo3(constructor = (a = 42, b = None))]
    Named { a: i32, b: Option<String> },
    #[pyo3(constructor = (_0 = 1, _1 = true))]
    Tup(i32, bool),
}

/// `dict` without `__traverse__`: instances are still tracked by the collector.
#[pyclass(dict, weakref)]
pub struct Bag {}

#[pymethods]
impl Bag {
    #[new]
    fn new() -> Self {
        Bag {}
    }
}

//! Every special method ferrule places in a type slot, and the class options
//! `ord`, `rename_all` and `module`; the module is declarative and exports
//! classes with `#[pymodule_export] use super::...` and by declaring them inside.
use std::collections::BTreeMap;

use ferrule::exceptions::{PyIndexError, PyValueError, PyZeroDivisionError};
use ferrule::prelude::*;
use ferrule::pyclass::CompareOp;

mod containers;

/// A number with every operator.
#[pyclass]
#[derive(Clone)]
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

    fn __repr__(&self) -> String {
        format!("Num({})", self.v)
    }

    fn __str__(&self) -> String {
        format!("{}", self.v)
    }

    fn __hash__(&self) -> u64 {
        self.v as u64
    }

    fn __bool__(&self) -> bool {
        self.v != 0
    }

    fn __richcmp__(&self, other: PyRef<'_, Num>, op: CompareOp) -> bool {
        op.matches(self.v.cmp(&other.v))
    }

    fn __add__(&self, other: PyRef<'_, Num>) -> Num {
        Num { v: self.v + other.v }
    }

    fn __radd__(&self, other: i64) -> Num {
        Num { v: other + self.v }
    }

    fn __sub__(&self, other: i64) -> Num {
        Num { v: self.v - other }
    }

    fn __rsub__(&self, other: i64) -> Num {
        Num { v: other - self.v }
    }

    fn __mul__(&self, other: i64) -> Num {
        Num { v: self.v * other }
    }

    fn __matmul__(&self, other: i64) -> String {
        format!("{}@{}", self.v, other)
    }

    fn __truediv__(&self, other: i64) -> PyResult<f64> {
        if other == 0 {
            return Err(PyZeroDivisionError::new_err("Num division by zero"));
        }
        Ok(self.v as f64 / other as f64)
    }

    fn __floordiv__(&self, other: i64) -> i64 {
        self.v.div_euclid(other)
    }

    fn __mod__(&self, other: i64) -> i64 {
        self.v.rem_euclid(other)
    }

    fn __divmod__(&self, other: i64) -> (i64, i64) {
        (self.v.div_euclid(other), self.v.rem_euclid(other))
    }

    fn __pow__(&self, exp: u32, modulo: Option<i64>) -> Num {
        let v = self.v.pow(exp);
        Num { v: modulo.map_or(v, |m| v.rem_euclid(m)) }
    }

    fn __rpow__(&self, base: i64) -> i64 {
        base.pow(self.v as u32)
    }

    fn __lshift__(&self, n: u32) -> i64 {
        self.v << n
    }

    fn __rshift__(&self, n: u32) -> i64 {
        self.v >> n
    }

    fn __and__(&self, o: i64) -> i64 {
        self.v & o
    }

    fn __or__(&self, o: i64) -> i64 {
        self.v | o
    }

    fn __xor__(&self, o: i64) -> i64 {
        self.v ^ o
    }

    fn __rand__(&self, o: i64) -> String {
        format!("rand {o}")
    }

    fn __iadd__(&mut self, other: i64) {
        self.v += other;
    }

    fn __isub__(&mut self, other: PyRef<'_, Num>) {
        self.v -= other.v;
    }

    fn __imul__(&mut self, other: i64) -> PyResult<()> {
        if other < 0 {
            return Err(PyValueError::new_err("negative factor"));
        }
        self.v *= other;
        Ok(())
    }

    fn __ipow__(&mut self, exp: u32) {
        self.v = self.v.pow(exp);
    }

    fn __neg__(&self) -> Num {
        Num { v: -self.v }
    }

    fn __pos__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __abs__(&self) -> Num {
        Num { v: self.v.abs() }
    }

    fn __invert__(&self) -> i64 {
        !self.v
    }

    fn __int__(&self) -> i64 {
        self.v
    }

    fn __float__(&self) -> f64 {
        self.v as f64 + 0.5
    }

    fn __index__(&self) -> i64 {
        self.v
    }
}

/// Comparison methods written one by one; `__ne__` comes from `__eq__`.
#[pyclass]
pub struct Version {
    major: u32,
    minor: u32,
}

#[pymethods]
impl Version {
    #[new]
    fn new(major: u32, minor: u32) -> Self {
        Version { major, minor }
    }

    fn key(&self) -> (u32, u32) {
        (self.major, self.minor)
    }
}

#[pymethods]
impl Version {
    fn __eq__(&self, other: PyRef<'_, Version>) -> bool {
        self.key() == other.key()
    }

    fn __lt__(&self, other: PyRef<'_, Version>) -> bool {
        self.key() < other.key()
    }

    fn __le__(&self, other: PyRef<'_, Version>) -> bool {
        self.key() <= other.key()
    }

    fn __gt__(&self, other: PyRef<'_, Version>) -> bool {
        self.key() > other.key()
    }

    fn __ge__(&self, other: PyRef<'_, Version>) -> bool {
        self.key() >= other.key()
    }
}

/// Ordered through `PartialOrd` (`#[pyclass(eq, ord)]`).
#[pyclass(eq, ord)]
#[derive(PartialEq, PartialOrd)]
pub struct Rank {
    level: u8,
    tiebreak: f64,
}

#[pymethods]
impl Rank {
    #[new]
    #[pyo3(signature = (level, tiebreak=0.0))]
    fn new(level: u8, tiebreak: f64) -> Self {
        Rank { level, tiebreak }
    }
}

/// Field names in camelCase.
#[pyclass(rename_all = "camelCase", get_all, set_all)]
pub struct Config {
    max_size: i64,
    use_cache: bool,
    #[pyo3(name = "explicit")]
    renamed_field: String,
}

#[pymethods]
impl Config {
    #[new]
    fn new() -> Self {
        Config { max_size: 10, use_cache: true, renamed_field: "e".into() }
    }
}

/// Lives in another module as far as Python knows.
#[pyclass(module = "fe_protocols.elsewhere", name = "Placed")]
pub struct PlacedHere;

#[pymethods]
impl PlacedHere {
    #[new]
    fn new() -> Self {
        PlacedHere
    }
}

/// Calls with a signature; a hook that calls back in meets a borrow conflict.
#[pyclass]
pub struct Adder {
    #[pyo3(get)]
    total: i64,
}

#[pymethods]
impl Adder {
    #[new]
    fn new() -> Self {
        Adder { total: 0 }
    }

    /// Adds `x * scale`.
    #[pyo3(signature = (x, *, scale=1, hook=None))]
    fn __call__(&mut self, py: Python<'_>, x: i64, scale: i64, hook: Option<Py<PyAny>>) -> PyResult<i64> {
        if let Some(hook) = hook {
            hook.call0(py)?;
        }
        self.total += x * scale;
        Ok(self.total)
    }
}

/// Lengths a `__len__` may report: negative and huge ones fail like CPython's.
#[pyclass]
pub struct Sized {
    n: i128,
}

#[pymethods]
impl Sized {
    #[new]
    fn new(n: i128) -> Self {
        Sized { n }
    }

    fn __len__(&self) -> PyResult<usize> {
        if self.n < 0 {
            return Err(PyValueError::new_err("__len__() should return >= 0"));
        }
        Ok(self.n as usize)
    }
}

/// Items can be set but not read or deleted.
#[pyclass]
pub struct Registry {
    names: BTreeMap<String, i64>,
}

#[pymethods]
impl Registry {
    #[new]
    fn new() -> Self {
        Registry { names: BTreeMap::new() }
    }

    fn __setitem__(&mut self, key: String, value: i64) {
        self.names.insert(key, value);
    }

    fn __len__(&self) -> usize {
        self.names.len()
    }
}

/// Only `__getitem__`, by integer: `IndexError` past the end.
#[pyclass]
pub struct Squares {
    n: usize,
}

#[pymethods]
impl Squares {
    #[new]
    fn new(n: usize) -> Self {
        Squares { n }
    }

    fn __getitem__(&self, i: usize) -> PyResult<usize> {
        if i >= self.n {
            return Err(PyIndexError::new_err("Squares index out of range"));
        }
        Ok(i * i)
    }
}

#[pymodule]
mod fe_protocols {
    use ferrule::prelude::*;

    #[pymodule_export]
    use super::{Adder, Config, Num, PlacedHere, Rank, Registry, Sized, Squares, Version};
    #[pymodule_export]
    use super::containers::{Countdown, Seq, SeqIter, Table};

    /// A simple enum declared in the module.
    #[pyclass(eq, eq_int)]
    #[derive(PartialEq, Clone, Copy)]
    enum Mode {
        Fast,
        Slow = 10,
    }

    /// A class declared inside the module.
    #[pyclass]
    struct Inner {
        #[pyo3(get)]
        mode: Mode,
    }

    #[pymethods]
    impl Inner {
        #[new]
        fn new(mode: Mode) -> Self {
            Inner { mode }
        }

        fn __repr__(&self) -> String {
            format!("Inner({})", self.mode as i32)
        }
    }
}

//! `#[derive(FromPyObject)]`, `#[derive(IntoPyObject)]`, `#[derive(IntoPyObjectRef)]`.
#![allow(dead_code)] // fields are read through Debug only
use std::collections::HashMap;

use pyo3::prelude::*;
use pyo3::types::PyAny;

/// Read by attribute (the default), one field renamed, one optional.
#[derive(FromPyObject, Debug)]
pub struct Point {
    pub x: f64,
    #[pyo3(attribute("why"))]
    pub y: f64,
    #[pyo3(default)]
    pub z: f64,
}

/// Read by item, with explicit keys and defaults.
#[derive(FromPyObject, Debug)]
pub struct Config {
    #[pyo3(item)]
    pub name: String,
    #[pyo3(item("max-size"))]
    pub max_size: usize,
    #[pyo3(item, default = 8)]
    pub threads: u32,
    #[pyo3(item, from_py_with = len_of)]
    pub tags: usize,
}

fn len_of(obj: &Bound<'_, PyAny>) -> PyResult<usize> {
    obj.len()
}

#[derive(FromPyObject, Debug)]
#[pyo3(from_item_all)]
pub struct AllItems {
    pub first: i64,
    #[pyo3(item("2nd"))]
    pub second: i64,
}

#[derive(FromPyObject, Debug)]
#[pyo3(rename_all = "camelCase")]
pub struct Renamed {
    pub user_name: String,
    pub r#type: String,
}

#[derive(FromPyObject, IntoPyObject, Debug)]
pub struct Pair(pub i64, pub String);

#[derive(FromPyObject, IntoPyObject, IntoPyObjectRef, Debug, Clone)]
pub struct Meters(pub f64);

#[derive(FromPyObject, Debug)]
#[pyo3(transparent)]
pub struct Wrapped {
    pub inner: Vec<i64>,
}

/// Tried in order: the first variant that fits wins.
#[derive(FromPyObject, Debug)]
pub enum Number {
    #[pyo3(annotation = "int")]
    Int(i64),
    #[pyo3(annotation = "float")]
    Float(f64),
    #[pyo3(annotation = "str")]
    Text(String),
}

#[derive(FromPyObject, Debug)]
pub enum Shape {
    Circle { radius: f64 },
    Rect { #[pyo3(item)] w: f64, #[pyo3(item)] h: f64 },
    Pair(f64, f64),
}

#[derive(FromPyObject, Debug)]
pub struct Borrowing<'py> {
    #[pyo3(item)]
    pub obj: Bound<'py, PyAny>,
    #[pyo3(item)]
    pub count: i32,
}

#[derive(FromPyObject, Debug)]
pub struct Generic<T> {
    #[pyo3(item)]
    pub value: T,
}

#[derive(IntoPyObject, IntoPyObjectRef)]
#[pyo3(rename_all = "UPPERCASE")]
pub struct Report {
    pub count: u32,
    #[pyo3(item("label-text"))]
    pub label: String,
    pub scores: HashMap<String, f64>,
}

#[derive(IntoPyObject)]
pub enum Value {
    Int(i64),
    Text(String),
    Both { n: i64, s: String },
    Pair(i64, String),
}

#[pyfunction]
pub fn point_sum(p: Point) -> f64 {
    p.x + p.y + p.z
}

#[pyfunction]
pub fn config_text(c: Config) -> String {
    format!("{} {} {} {}", c.name, c.max_size, c.threads, c.tags)
}

#[pyfunction]
pub fn all_items(a: AllItems) -> i64 {
    a.first * 10 + a.second
}

#[pyfunction]
pub fn renamed(r: Renamed) -> String {
    format!("{}:{}", r.user_name, r.r#type)
}

#[pyfunction]
pub fn pair_roundtrip(p: Pair) -> Pair {
    Pair(p.0 + 1, p.1.to_uppercase())
}

#[pyfunction]
pub fn meters(m: Meters) -> Meters {
    Meters(m.0 * 2.0)
}

#[pyfunction]
pub fn meters_ref(py: Python<'_>, m: Meters) -> PyResult<Py<PyAny>> {
    let kept = m.clone();
    Ok((&kept).into_pyobject(py)?.into_any().unbind())
}

#[pyfunction]
pub fn wrapped(w: Wrapped) -> usize {
    w.inner.len()
}

#[pyfunction]
pub fn number(n: Number) -> String {
    format!("{n:?}")
}

#[pyfunction]
pub fn shape(s: Shape) -> String {
    format!("{s:?}")
}

#[pyfunction]
pub fn borrowing(b: Borrowing<'_>) -> PyResult<String> {
    Ok(format!("{} {}", b.obj.get_type().name()?, b.count))
}

#[pyfunction]
pub fn generic(g: Generic<String>) -> String {
    g.value
}

/// Bounds in a `where` clause (and a literal item key, not only a string) reach the derived impls.
#[derive(FromPyObject, IntoPyObject, IntoPyObjectRef, Debug)]
pub struct Bounded<K, V>
where
    K: std::hash::Hash + Eq,
    V: Clone,
{
    #[pyo3(item(0))]
    pub keys: Vec<K>,
    #[pyo3(item(1))]
    pub value: V,
}

#[pyfunction]
pub fn bounded(b: Bounded<String, i64>) -> PyResult<(Py<PyAny>, Py<PyAny>)> {
    Python::attach(|py| Ok(((&b).into_pyobject(py)?.into_any().unbind(), b.into_pyobject(py)?.into_any().unbind())))
}

#[pyfunction]
pub fn report(by_ref: bool) -> PyResult<Py<PyAny>> {
    let r = Report { count: 2, label: "two".into(), scores: HashMap::from([("a".to_string(), 1.5)]) };
    Python::attach(|py| {
        if by_ref {
            Ok((&r).into_pyobject(py)?.into_any().unbind())
        } else {
            Ok(r.into_pyobject(py)?.into_any().unbind())
        }
    })
}

#[pyfunction]
pub fn values() -> Vec<Value> {
    vec![Value::Int(1), Value::Text("t".into()), Value::Both { n: 2, s: "s".into() }, Value::Pair(3, "p".into())]
}

/// Derives and options behind `cfg_attr`, as a core crate with an optional `python` feature writes them;
/// the one whose predicate is off is left out.
#[cfg_attr(feature = "coroutines", derive(FromPyObject, IntoPyObject))]
#[cfg_attr(feature = "coroutines", pyo3(transparent))]
#[cfg_attr(not(feature = "coroutines"), derive(Debug), pyo3(item))]
pub struct Gated {
    pub value: i64,
}

#[pyfunction]
pub fn gated(g: Gated) -> Gated {
    Gated { value: g.value * 2 }
}

/// Variants named like the conversion traits' associated types (`Error`, `Output`, `Target`): the glue
/// must not say `Self::Error`, which would be ambiguous.
#[derive(FromPyObject, IntoPyObject, Debug)]
pub enum Outcome {
    Error(String),
    Output(i64),
    Target(f64),
}

#[pyclass(eq, eq_int)]
#[derive(PartialEq, Clone)]
pub enum Stage {
    Error,
    Output,
    Target,
}

#[pyfunction]
pub fn outcome(o: Outcome) -> (Outcome, Stage) {
    match o {
        Outcome::Error(s) => (Outcome::Error(s.to_uppercase()), Stage::Error),
        Outcome::Output(n) => (Outcome::Output(n + 1), Stage::Output),
        Outcome::Target(x) => (Outcome::Target(x * 2.0), Stage::Target),
    }
}

//! Every kind of parameter under the oldest stable ABI (abi3-py39), defaults
//! on `Option` parameters, raw identifiers in functions, and native base classes.
use std::borrow::Cow;
use std::collections::HashMap;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};

mod bases;

#[pyclass]
struct Counter {
    count: i64,
}

#[pymethods]
impl Counter {
    #[new]
    fn new(start: i64) -> Self {
        Counter { count: start }
    }

    /// A `&str` argument of a method, and an optional one with a default.
    #[pyo3(signature = (label, sep = "="))]
    fn describe(&self, label: &str, sep: Option<&str>) -> String {
        format!("{label}{}{}", sep.unwrap_or(""), self.count)
    }

    fn bump(&mut self, by: &str) -> PyResult<i64> {
        let n: i64 = by.parse().map_err(|_| pyo3::exceptions::PyValueError::new_err(format!("not a number: {by}")))?;
        self.count += n;
        Ok(self.count)
    }

    fn r#match(&self, r#in: i64) -> bool {
        self.count == r#in
    }
}

#[pyfunction]
fn shout(text: &str) -> String {
    text.to_uppercase()
}

#[pyfunction]
fn byte_len(data: &[u8]) -> usize {
    data.len()
}

#[pyfunction]
fn cow_len(text: Cow<'_, str>) -> usize {
    text.chars().count()
}

#[pyfunction]
#[pyo3(signature = (text = "hello"))]
fn str_default(text: &str) -> String {
    format!("<{text}>")
}

#[pyfunction]
#[pyo3(signature = (name = "world", greeting = None))]
fn greet(name: Option<&str>, greeting: Option<&str>) -> String {
    format!("{}, {}!", greeting.unwrap_or("Hello"), name.unwrap_or("nobody"))
}

#[pyfunction]
#[pyo3(signature = (flag = true, count = 3, ratio = 0.5, label = String::from("x")))]
fn option_defaults(flag: Option<bool>, count: Option<u32>, ratio: Option<f64>, label: Option<String>) -> (Option<bool>, Option<u32>, Option<f64>, Option<String>) {
    (flag, count, ratio, label)
}

#[pyfunction]
#[pyo3(signature = (value = Some(7)))]
fn already_some(value: Option<i32>) -> Option<i32> {
    value
}

#[pyfunction]
fn any_types<'py>(
    obj: &Bound<'py, PyAny>,
    s: &Bound<'py, PyString>,
    b: &Bound<'py, PyBytes>,
    l: &Bound<'py, PyList>,
    t: &Bound<'py, PyTuple>,
    d: &Bound<'py, PyDict>,
    maybe: Option<&Bound<'py, PyAny>>,
) -> PyResult<String> {
    Ok(format!(
        "{} {} {} {} {} {} {}",
        obj.repr()?,
        s.to_cow()?,
        b.as_bytes().len(),
        l.len(),
        t.len(),
        d.len(),
        maybe.is_some()
    ))
}

#[pyfunction]
fn owned_types(words: Vec<String>, counts: HashMap<String, i64>, pair: (String, Option<i64>), c: char) -> String {
    let mut keys: Vec<_> = counts.keys().cloned().collect();
    keys.sort();
    format!("{} {} {}:{:?} {c}", words.join("+"), keys.join(","), pair.0, pair.1)
}

#[pyfunction]
fn counter_value(counter: &Counter, other: PyRef<'_, Counter>) -> i64 {
    counter.count + other.count
}

#[pyfunction]
fn r#type(r#in: &str, r#match: Option<&str>) -> String {
    format!("{}/{}", r#in, r#match.unwrap_or("-"))
}

#[pyfunction(signature = (*args, **kwargs))]
fn star<'py>(args: &Bound<'py, PyTuple>, kwargs: Option<&Bound<'py, PyDict>>) -> (usize, usize) {
    (args.len(), kwargs.map(|k| k.len()).unwrap_or(0))
}

/// Owned and standard-library parameter types, each of which must build under abi3-py39.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn std_types(
    path: std::path::PathBuf,
    os: std::ffi::OsString,
    set: std::collections::HashSet<String>,
    map: std::collections::BTreeMap<String, Vec<u8>>,
    big: i128,
    ubig: u128,
    arr: [i32; 3],
    bytes_cow: Cow<'_, [u8]>,
    maybe_bytes: Option<&[u8]>,
    obj: Py<PyAny>,
    bound: Bound<'_, PyAny>,
    f: f32,
    nz: std::num::NonZeroU32,
) -> String {
    format!(
        "{} {} {} {} {} {} {} {} {:?} {} {} {} {}",
        path.display(),
        os.to_string_lossy(),
        set.len(),
        map.values().map(|v| v.len()).sum::<usize>(),
        big,
        ubig,
        arr.iter().sum::<i32>(),
        bytes_cow.len(),
        maybe_bytes.map(|b| b.len()),
        obj.is_none(bound.py()),
        bound.is_none(),
        f,
        nz
    )
}

#[pymodule]
fn fe_abi39(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Counter>()?;
    m.add_class::<bases::TallyDict>()?;
    m.add_class::<bases::CodedError>()?;
    m.add_class::<bases::Notebook>()?;
    m.add_function(wrap_pyfunction!(shout, m)?)?;
    m.add_function(wrap_pyfunction!(byte_len, m)?)?;
    m.add_function(wrap_pyfunction!(cow_len, m)?)?;
    m.add_function(wrap_pyfunction!(str_default, m)?)?;
    m.add_function(wrap_pyfunction!(greet, m)?)?;
    m.add_function(wrap_pyfunction!(option_defaults, m)?)?;
    m.add_function(wrap_pyfunction!(already_some, m)?)?;
    m.add_function(wrap_pyfunction!(any_types, m)?)?;
    m.add_function(wrap_pyfunction!(owned_types, m)?)?;
    m.add_function(wrap_pyfunction!(counter_value, m)?)?;
    m.add_function(wrap_pyfunction!(r#type, m)?)?;
    m.add_function(wrap_pyfunction!(star, m)?)?;
    m.add_function(wrap_pyfunction!(std_types, m)?)?;
    Ok(())
}

//! Signatures whose whole call is one of the runtime's generic functions (`impl_::call`): every
//! calling convention, with and without the `py` token, `()`/`PyResult<()>`/value results, types
//! with a `'py` lifetime, the crate's own class by value, and the fall-backs next to them.
use std::collections::HashMap;

use ferrule::exceptions::PyValueError;
use ferrule::prelude::*;
use ferrule::types::PyList;

#[pyclass]
#[derive(Clone)]
pub struct Token {
    #[pyo3(get)]
    value: i64,
}

#[pyfunction]
fn make_token(value: i64) -> Token {
    Token { value }
}

/// The crate's own class by value, as parameter and result.
#[pyfunction]
fn bump_token(token: Token, by: i64) -> Token {
    Token { value: token.value + by }
}

#[pyfunction]
fn zero_args() -> i64 {
    42
}

#[pyfunction]
fn zero_args_py(py: Python<'_>) -> PyResult<Py<PyAny>> {
    Ok(py.None())
}

#[pyfunction]
#[pyo3(signature = (x, /))]
fn only_positional(x: u8) -> u16 {
    u16::from(x) * 2
}

#[pyfunction]
#[pyo3(signature = (x, /))]
fn only_positional_py(py: Python<'_>, x: Vec<i64>) -> PyResult<Bound<'_, PyList>> {
    PyList::new(py, x.iter().rev())
}

#[pyfunction]
#[pyo3(signature = (a, *, scale))]
fn keyword_scale(a: f64, scale: f64) -> f64 {
    a * scale
}

#[pyfunction]
fn unit_result(fail: bool) -> PyResult<()> {
    if fail {
        Err(PyValueError::new_err("unit_result failed"))
    } else {
        Ok(())
    }
}

#[pyfunction]
fn plain_unit(_a: String, _b: Option<i32>) {}

#[pyfunction]
fn count_words(py: Python<'_>, text: String, sep: char) -> PyResult<HashMap<String, usize>> {
    let _ = py;
    let mut counts = HashMap::new();
    for word in text.split(sep).filter(|w| !w.is_empty()) {
        *counts.entry(word.to_owned()).or_insert(0) += 1;
    }
    Ok(counts)
}

/// `Bound<'py, T>` by value and an elided `Bound<PyAny>`: the body-level call.
#[pyfunction]
fn first_item(items: Bound<'_, PyList>, fallback: Bound<PyAny>) -> PyResult<Py<PyAny>> {
    if items.is_empty() {
        Ok(fallback.unbind())
    } else {
        Ok(items.get_item(0)?.unbind())
    }
}

/// A result with the `'py` lifetime: the body-level call.
#[pyfunction]
fn last_item<'py>(items: Bound<'py, PyList>) -> PyResult<Bound<'py, PyAny>> {
    items.get_item(items.len() - 1)
}

#[pyfunction]
fn token_value(token: PyRef<'_, Token>) -> i64 {
    token.value
}

#[pyfunction]
fn eight(a: i8, b: i16, c: i32, d: i64, e: u8, f: u16, g: u32, h: u64) -> i128 {
    [a as i128, b as i128, c as i128, d as i128, e as i128, f as i128, g as i128, h as i128].iter().sum()
}

/// Nine parameters: more than the runtime's shared calls take, so this one keeps its own glue.
#[pyfunction]
fn nine(a: i64, b: i64, c: i64, d: i64, e: i64, f: i64, g: i64, h: i64, i: i64) -> i64 {
    a + b + c + d + e + f + g + h + i
}

#[pyfunction]
fn tuple_and_option(pair: (i64, String), maybe: Option<f64>) -> (String, f64) {
    (pair.1.repeat(pair.0 as usize), maybe.unwrap_or(-1.0))
}

/// A result type with a lifetime parameter: written without it in a `&self` method's result, it
/// borrows from the receiver, so such methods keep their own glue (no `fn` pointer can express that).
pub struct Letters<'a>(&'a str);

impl<'a, 'py> IntoPyObject<'py> for Letters<'a> {
    type Target = PyList;
    type Output = Bound<'py, PyList>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        PyList::new(py, self.0.chars().map(String::from).collect::<Vec<_>>())
    }
}

#[pyclass]
pub struct Shelf {
    label: String,
    held: Py<PyAny>,
}

#[pymethods]
impl Shelf {
    #[new]
    fn new(label: String, held: Py<PyAny>) -> Self {
        Shelf { label, held }
    }
    fn letters(&self) -> Letters {
        Letters(&self.label)
    }
    fn letters_checked(&self, upto: usize) -> PyResult<Letters> {
        Ok(Letters(&self.label[..upto.min(self.label.len())]))
    }
    #[getter]
    fn first_letters(&self) -> Letters {
        Letters(&self.label[..1])
    }
    /// The receiver's lifetime named, and the result tied to it.
    fn held<'a>(&'a self, py: Python<'a>) -> Bound<'a, PyAny> {
        self.held.bind(py).clone()
    }
    /// Shared: the class itself and `Py` hold no lifetime.
    fn relabel(&self, py: Python<'_>, label: String) -> Shelf {
        Shelf { label, held: self.held.clone_ref(py) }
    }
    fn held_py(&mut self, py: Python<'_>, _unused: i64) -> PyResult<Py<PyAny>> {
        Ok(self.held.clone_ref(py))
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Token>()?;
    m.add_class::<Shelf>()?;
    m.add_function(wrap_pyfunction!(make_token, m)?)?;
    m.add_function(wrap_pyfunction!(bump_token, m)?)?;
    m.add_function(wrap_pyfunction!(zero_args, m)?)?;
    m.add_function(wrap_pyfunction!(zero_args_py, m)?)?;
    m.add_function(wrap_pyfunction!(only_positional, m)?)?;
    m.add_function(wrap_pyfunction!(only_positional_py, m)?)?;
    m.add_function(wrap_pyfunction!(keyword_scale, m)?)?;
    m.add_function(wrap_pyfunction!(unit_result, m)?)?;
    m.add_function(wrap_pyfunction!(plain_unit, m)?)?;
    m.add_function(wrap_pyfunction!(count_words, m)?)?;
    m.add_function(wrap_pyfunction!(first_item, m)?)?;
    m.add_function(wrap_pyfunction!(last_item, m)?)?;
    m.add_function(wrap_pyfunction!(token_value, m)?)?;
    m.add_function(wrap_pyfunction!(eight, m)?)?;
    m.add_function(wrap_pyfunction!(nine, m)?)?;
    m.add_function(wrap_pyfunction!(tuple_and_option, m)?)?;
    Ok(())
}

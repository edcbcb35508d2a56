//! Functions bound with the function-form `#[pymodule]`: signatures, argument
//! errors, threads and callbacks. Return values and errors live in `returns.rs`.
use ferrule::exceptions::{PyException, PyValueError};
use ferrule::prelude::*;
use ferrule::types::{PyDict, PyTuple};

mod reliability;
mod returns;
mod shared_calls;
mod varargs;

ferrule::create_exception!(fe_functions, MyError, PyException);
// A dotted module, as PyO3 accepts it (`create_exception!(pkg.sub, ...)`).
ferrule::create_exception!(fe_functions.errors, NestedError, PyValueError, "Raised by nothing; named in a submodule.");
// A Python exception of a dotted module, as PyO3 accepts it (sudachipy: `import_exception!(sudachipy.errors, ...)`).
ferrule::import_exception!(email.errors, HeaderParseError);

/// Raises `email.errors.HeaderParseError` with `message`.
#[pyfunction]
fn bad_header(message: String) -> PyResult<()> {
    Err(HeaderParseError::new_err(message))
}

/// Adds two numbers.
///
/// Both must be integers.
#[pyfunction]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

/// Takes nothing.
#[pyfunction]
fn nothing() -> i64 {
    7
}

/// One positional-only argument, so CPython calls it with METH_O.
#[pyfunction]
#[pyo3(signature = (x, /))]
fn negate(x: i64) -> i64 {
    -x
}

#[pyfunction]
#[pyo3(signature = (a, b, /, c, *, d, e = 5))]
fn layout(a: i64, b: i64, c: i64, d: i64, e: i64) -> String {
    format!("a={a} b={b} c={c} d={d} e={e}")
}

#[pyfunction(signature = (name = "Hello".to_string(), times = 2, suffix = None))]
fn greet(name: String, times: usize, suffix: Option<String>) -> String {
    let mut out = name.repeat(times);
    if let Some(s) = suffix {
        out.push_str(&s);
    }
    out
}

#[pyfunction]
#[pyo3(signature = (greeting = "Hello", punct = '!'))]
fn salute(greeting: &str, punct: char) -> String {
    format!("{greeting}{punct}")
}

const STEP: i64 = 3;

/// Its default names an item of this module: the glue imports its parent's items.
#[pyfunction]
#[pyo3(signature = (x, step = STEP))]
fn advance(x: i64, step: i64) -> i64 {
    x + step
}

/// Reports what reached `*args` and `**kwargs`.
#[pyfunction]
#[pyo3(signature = (first, *args, **kwargs))]
fn collect(first: i64, args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<String> {
    let mut keys = String::new();
    if let Some(kw) = kwargs {
        for (k, v) in kw.iter() {
            keys.push_str(&format!("{}={};", k.str()?.to_str()?, v.repr()?.to_str()?));
        }
    }
    Ok(format!("first={first} nargs={} args={} kwargs={keys}", args.len(), args.repr()?.to_str()?))
}

/// Annotations written in `signature` are what the stub shows.
#[pyfunction(signature = (items: "list[int]", *rest: "str", label: "str | None" = None, **flags: "bool") -> "int")]
fn annotated<'py>(
    items: Bound<'py, PyAny>,
    rest: &Bound<'_, PyTuple>,
    label: Option<Bound<'_, PyAny>>,
    flags: Option<&Bound<'_, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let total = items.len()? + rest.len() + label.map_or(0, |_| 1) + flags.map_or(0, |f| f.len());
    Ok(total.into_pyobject(items.py())?.into_any())
}

#[pyfunction(name = "renamed")]
fn rust_side_name(x: i64) -> i64 {
    x * 100
}

#[pyfunction(pass_module)]
fn module_name(m: &Bound<'_, PyModule>) -> PyResult<String> {
    Ok(m.name()?.to_str()?.to_owned())
}

#[pyfunction]
#[pyo3(text_signature = "(left, right)")]
fn custom_sig(a: i64, b: i64) -> i64 {
    a - b
}

/// Sums 0..n with the interpreter released.
#[pyfunction]
fn sum_detached(py: Python<'_>, n: u64) -> u64 {
    py.detach(move || (0..n).sum())
}

#[pyfunction]
fn sum_allow_threads(py: Python<'_>, n: u64) -> u64 {
    py.allow_threads(move || (0..n).sum())
}

/// Calls `f(x)` and returns what it returned.
#[pyfunction]
fn apply<'py>(f: &Bound<'py, PyAny>, x: i64) -> PyResult<Bound<'py, PyAny>> {
    f.call1((x,))
}

/// Releases the interpreter, then calls `f()` from a new Rust thread that attaches itself.
#[pyfunction]
fn call_from_thread(py: Python<'_>, f: Py<PyAny>) -> PyResult<i64> {
    py.detach(move || {
        std::thread::spawn(move || Python::attach(|py| f.bind(py).call0()?.extract::<i64>()))
            .join()
            .expect("thread panicked")
    })
}

/// Reads any object with `len()` as its length: a `from_py_with` function for a parameter.
fn length_of(obj: &Bound<'_, PyAny>) -> PyResult<usize> {
    obj.len()
}

/// `#[pyo3(from_py_with = ...)]` on parameters: the user's function makes the value, with a default too.
#[pyfunction]
#[pyo3(signature = (items, extra = 0))]
fn total_length(#[pyo3(from_py_with = length_of)] items: usize,
                #[pyo3(from_py_with = crate::length_of)] extra: usize) -> usize {
    items + extra
}

#[pymodule]
fn fe_functions(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(add, m)?)?;
    m.add_function(wrap_pyfunction!(total_length, m)?)?;
    m.add_function(wrap_pyfunction!(nothing, m)?)?;
    m.add_function(wrap_pyfunction!(negate, m)?)?;
    m.add_function(wrap_pyfunction!(layout, m)?)?;
    m.add_function(wrap_pyfunction!(greet, m)?)?;
    m.add_function(wrap_pyfunction!(salute, m)?)?;
    m.add_function(wrap_pyfunction!(advance, m)?)?;
    m.add_function(wrap_pyfunction!(collect, m)?)?;
    m.add_function(wrap_pyfunction!(annotated, m)?)?;
    m.add_function(wrap_pyfunction!(rust_side_name, m)?)?;
    m.add_function(wrap_pyfunction!(module_name, m)?)?;
    m.add_function(wrap_pyfunction!(custom_sig, m)?)?;
    m.add_function(wrap_pyfunction!(sum_detached, m)?)?;
    m.add_function(wrap_pyfunction!(sum_allow_threads, m)?)?;
    m.add_function(wrap_pyfunction!(apply, m)?)?;
    m.add_function(wrap_pyfunction!(call_from_thread, m)?)?;
    m.add("MyError", m.py().get_type::<MyError>())?;
    m.add("NestedError", m.py().get_type::<NestedError>())?;
    m.add_function(wrap_pyfunction!(bad_header, m)?)?;
    returns::register(m)?;
    reliability::register(m)?;
    varargs::register(m)?;
    shared_calls::register(m)?;
    Ok(())
}

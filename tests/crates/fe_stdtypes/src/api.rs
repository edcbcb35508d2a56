//! Smaller pieces of PyO3's API: formatting, string comparison, run/eval,
//! ABC registration, older import paths, memoryview/bytearray, string internals.
use std::collections::HashMap;

use pyo3::class::basic::CompareOp;
use pyo3::prelude::*;
use pyo3::py_format;
use pyo3::Bound as PyHandle;
use pyo3::PyRef as Borrowed2;
use pyo3::types::{PyByteArray, PyByteArrayMethods, PyDict, PyMapping, PyMemoryView, PySequence, PyString};

#[pyfunction]
fn greeting<'py>(py: Python<'py>, name: &str) -> PyResult<(Bound<'py, PyString>, Bound<'py, PyString>)> {
    Ok((py_format!(py, "hello")?, py_format!(py, "hello, {name}!")?))
}

/// (s == text, text == s, s == String)
#[pyfunction]
fn same_text(s: Bound<'_, PyString>, text: &str) -> (bool, bool, bool) {
    (s == text, text == s, s == text.to_owned())
}

/// Debug and Display of Bound, Borrowed (Debug) and Py (Display).
#[pyfunction]
fn formatted(obj: Bound<'_, PyAny>) -> (String, String, String, String) {
    let borrowed = obj.as_borrowed();
    let debug_borrowed = format!("{borrowed:?}");
    (format!("{obj:?}"), format!("{obj}"), debug_borrowed, format!("{}", obj.clone().unbind()))
}

#[pyfunction]
#[pyo3(signature = (expression, names = None))]
fn evaluate<'py>(
    py: Python<'py>,
    expression: &str,
    names: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let code = std::ffi::CString::new(expression)?;
    py.eval(&code, names, None)
}

/// Runs `statements` with fresh globals and the given locals; returns the locals.
#[pyfunction]
fn execute<'py>(py: Python<'py>, statements: &str, locals: Bound<'py, PyDict>) -> PyResult<Bound<'py, PyDict>> {
    let code = std::ffi::CString::new(statements)?;
    let globals = PyDict::new(py);
    globals.set_item("scale", 10)?;
    py.run(&code, Some(&globals), Some(&locals))?;
    Ok(locals)
}

#[pyfunction]
fn math_pi(py: Python<'_>) -> PyResult<f64> {
    PyModule::import(py, "math")?.getattr("pi")?.extract()
}

/// A mapping-like class registered with `collections.abc.Mapping`.
#[pyclass(mapping)]
struct Table {
    rows: HashMap<String, i64>,
}

#[pymethods]
impl Table {
    #[new]
    fn new(rows: HashMap<String, i64>) -> Self {
        Table { rows }
    }

    fn __len__(&self) -> usize {
        self.rows.len()
    }

    fn __getitem__(&self, key: &str) -> PyResult<i64> {
        self.rows.get(key).copied().ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(key.to_owned()))
    }

    fn __richcmp__(&self, other: PyRef<'_, Table>, op: CompareOp) -> bool {
        op.matches(self.rows.len().cmp(&other.rows.len()))
    }
}

/// A sequence-like class registered with `collections.abc.Sequence`.
#[pyclass(sequence)]
struct Row {}

#[pymethods]
impl Row {
    #[new]
    fn new() -> Self {
        Row {}
    }

    fn __len__(&self) -> usize {
        0
    }
}

#[pyfunction]
fn register_abcs(py: Python<'_>) -> PyResult<()> {
    PyMapping::register::<Table>(py)?;
    PySequence::register::<Row>(py)
}

/// Whether the object passes `cast::<PyMapping>()` / `cast::<PySequence>()`.
#[pyfunction]
fn abc_casts(obj: &Bound<'_, PyAny>) -> (bool, bool) {
    (obj.cast::<PyMapping>().is_ok(), obj.cast::<PySequence>().is_ok())
}

#[pyfunction]
fn view_of<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyMemoryView>> {
    PyMemoryView::from(obj)
}

/// Upper-cases a bytearray in place through `as_bytes_mut`.
#[pyfunction]
fn shout(array: Bound<'_, PyByteArray>) -> Vec<u8> {
    // Nothing else touches the array while the slice lives.
    unsafe { array.as_bytes_mut() }.make_ascii_uppercase();
    unsafe { array.as_bytes() }.to_vec()
}

/// (Not under the stable ABI, which hides string internals, nor on PyPy; the
/// cfgs come from `pyo3_build_config::use_pyo3_cfgs()` in build.rs.)
/// Builds a 1-byte-kind string in place with `PyUnicode_New`, and reports
/// the kind of `sample` (bytes per code point).
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
#[pyfunction]
fn string_internals<'py>(py: Python<'py>, sample: &Bound<'py, PyString>) -> PyResult<(Bound<'py, PyAny>, u32)> {
    use pyo3::ffi;
    unsafe {
        let made = ffi::PyUnicode_New(3, 0xff);
        if made.is_null() {
            return Err(PyErr::fetch(py));
        }
        let data = ffi::PyUnicode_DATA(made) as *mut u8;
        assert_eq!(ffi::PyUnicode_KIND(made), ffi::PyUnicode_1BYTE_KIND);
        for (i, b) in [b'a', 0xe9, b'z'].into_iter().enumerate() {
            *data.add(i) = b;
        }
        // A `Bound<PyAny>` as in PyO3, so no annotation is needed before the method call.
        let made = Bound::from_owned_ptr(py, made).cast_into::<PyString>()?;
        let same = Bound::from_borrowed_ptr_or_opt(py, made.as_ptr()).map(|b| b.is(&made));
        assert_eq!(same, Some(true));
        Ok((made.into_any(), ffi::PyUnicode_KIND(sample.as_ptr())))
    }
}

/// `Python::try_attach` from this thread (attached) and from a new thread.
#[pyfunction]
fn try_attach_here_and_in_thread(py: Python<'_>) -> (Option<i32>, Option<i32>) {
    let here = Python::try_attach(|_| 1);
    let there = py.detach(|| std::thread::spawn(|| Python::try_attach(|_| 2)).join().unwrap());
    (here, there)
}

/// The running interpreter's version, as numbers and compared with tuples, and as text.
#[pyfunction]
fn interpreter_version(py: Python<'_>) -> (u8, u8, u8, Option<&'static str>, bool, bool, bool, String) {
    let v: pyo3::PythonVersionInfo = py.version_info();
    let newer = v >= (3, 9) && v > (3, 8, 99) && v < (4, 0);
    (v.major, v.minor, v.patch, v.suffix, newer, v == (v.major, v.minor), v == (3, 0, 0), Python::version_str().to_owned())
}

/// `PyModule::from_code`: a module from source, registered under its name; its errors are Python's.
#[pyfunction]
fn module_from_code(py: Python<'_>, broken: bool) -> PyResult<(i64, String, bool)> {
    let code: &std::ffi::CStr = if broken { c"def f(:\n" } else { c"X = 40\ndef plus(n):\n    return X + n\n" };
    let m = PyModule::from_code(py, code, c"made.py", c"made_by_rust")?;
    let value: i64 = m.getattr("plus")?.call1((2,))?.extract()?;
    let registered = py.import("sys")?.getattr("modules")?.get_item("made_by_rust")?.is(&m);
    Ok((value, m.getattr("__file__")?.extract()?, registered))
}

/// `PyErr::occurred`, a critical section (just the closure, with the GIL) and `PyDict::from_sequence`.
#[cfg(not(PyPy))]
#[pyfunction]
fn small_helpers<'py>(py: Python<'py>, pairs: &Bound<'py, PyAny>) -> PyResult<(bool, bool, i32, Bound<'py, PyDict>)> {
    let before = PyErr::occurred(py);
    pyo3::exceptions::PyValueError::new_err("pending").restore(py);
    let during = PyErr::occurred(py);
    let _ = PyErr::take(py);
    let inside = pyo3::sync::critical_section::with_critical_section(pairs, || 7)
        + pyo3::sync::critical_section::with_critical_section2(pairs, pairs, || 1);
    Ok((before, during, inside, PyDict::from_sequence(pairs)?))
}

/// `PyErr::warn_explicit`, `add_note` (3.11+) and `set_traceback`.
#[pyfunction]
fn error_extras(py: Python<'_>, err: Bound<'_, PyAny>) -> PyResult<(PyErr, bool)> {
    let category = py.get_type::<pyo3::exceptions::PyUserWarning>();
    PyErr::warn_explicit(py, category.as_any(), c"told from Rust", c"where.py", 12, Some(c"somewhere"), None)?;
    let err = PyErr::from_value(err);
    #[cfg(Py_3_11)]
    err.add_note(py, "a note from Rust")?;
    err.set_traceback(py, None);
    Ok((err, cfg!(Py_3_11)))
}

/// `PyString::from_bytes` (UTF-8) and `from_encoded_object` (here Latin-1).
#[pyfunction]
fn decoded<'py>(py: Python<'py>, raw: &[u8], obj: &Bound<'py, PyAny>) -> PyResult<(Bound<'py, PyString>, Bound<'py, PyString>)> {
    Ok((PyString::from_bytes(py, raw)?, PyString::from_encoded_object(obj, Some(c"latin-1"), None)?))
}

/// Older paths PyO3 still re-exports resolve to the same items.
#[pyfunction]
fn old_paths_resolve() -> bool {
    fn same<T>(_: fn() -> Option<T>, _: fn() -> Option<T>) -> bool {
        true
    }
    same::<pyo3::pycell::PyRef<'static, Row>>(|| None, || None::<PyRef<'static, Row>>)
        && same::<pyo3::pyclass_init::PyClassInitializer<Row>>(|| None, || None::<PyClassInitializer<Row>>)
        && same::<pyo3::class::gc::PyVisit<'static>>(|| None, || None::<pyo3::PyVisit<'static>>)
        && same::<pyo3::basic::CompareOp>(|| None, || None::<CompareOp>)
}

/// Drives an object through `Py<T>`'s shortcuts alone.
#[pyfunction]
fn through_py(py: Python<'_>, obj: Py<PyAny>) -> PyResult<(bool, String, bool, bool)> {
    obj.setattr(py, "tag", "!")?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("sep", "-")?;
    let rendered: String = obj.call_method(py, "render", ("a", "b"), Some(&kwargs))?.extract(py)?;
    // `is` takes a Py, Bound or Borrowed on either side.
    let same = obj.is(obj.bind(py)) && obj.bind(py).is(&obj) && obj.is(obj.bind_borrowed(py));
    let is_dict = obj.cast_bound::<PyDict>(py).is_ok();
    obj.clone_ref(py).drop_ref(py);
    Ok((obj.is_truthy(py)?, rendered, same, is_dict))
}

/// A typed handle handed back as `Py<PyAny>` through `.into()`, and the other handle conversions.
#[pyfunction]
fn widened(py: Python<'_>, kind: &str) -> PyResult<Py<PyAny>> {
    use pyo3::types::{PyList, PyTuple};
    match kind {
        "tuple" => Ok(PyTuple::new(py, [1, 2])?.into()),
        "dict" => {
            let d = PyDict::new(py);
            d.set_item("k", "v")?;
            Ok(d.into())
        }
        "list" => {
            let owned: Py<PyList> = PyList::new(py, ["a"])?.unbind();
            Ok(owned.into())
        }
        _ => {
            let s = PyString::new(py, kind);
            let from_ref: Py<PyString> = (&s).into();
            let copy: Bound<'_, PyString> = (&s).into();
            let from_borrowed: Py<PyString> = s.as_borrowed().into();
            Ok((from_ref, copy, from_borrowed).into_pyobject(py)?.into())
        }
    }
}

/// Runtime types under `use ... as` names take their arguments as the originals do:
/// `&PyHandle<PyAny>` borrows, `Option<&PyHandle<PyDict>>` may be None, `Borrowed2<Row>` borrows a class.
#[pyfunction]
#[pyo3(signature = (obj, table = None, row = None))]
fn renamed_handles<'py>(
    obj: &PyHandle<'py, PyAny>,
    table: Option<&PyHandle<'py, PyDict>>,
    row: Option<Borrowed2<'py, Row>>,
) -> PyResult<(PyHandle<'py, PyAny>, usize, bool)> {
    Ok((obj.clone(), table.map_or(0, |t| t.len()), row.is_some()))
}

type Obj<'py> = Bound<'py, PyAny>;
type DictHandle<'py> = PyHandle<'py, PyDict>;

/// Parameters written with the crate's `type` aliases borrow as what the alias names.
#[pyfunction]
#[pyo3(signature = (obj, table = None))]
fn aliased_handles<'py>(obj: &Obj<'py>, table: Option<&DictHandle<'py>>) -> Obj<'py> {
    match table {
        Some(t) => t.clone().into_any(),
        None => obj.clone(),
    }
}

/// A type's `__mro__` and `__bases__` through `PyTypeMethods`, as names.
#[pyfunction]
fn type_lineage(ty: &Bound<'_, pyo3::types::PyType>) -> PyResult<(Vec<String>, Vec<String>)> {
    use pyo3::types::PyTypeMethods;
    let names = |t: Bound<'_, pyo3::types::PyTuple>| -> PyResult<Vec<String>> {
        t.iter().map(|c| Ok(c.cast_into::<pyo3::types::PyType>()?.name()?.to_string())).collect()
    };
    Ok((names(ty.mro())?, names(ty.bases())?))
}

/// `#[new]` may hand back an object that exists: a subclass instance made by hand (`Polygon(3)` is a
/// `Triangle`), or one shared instance (`Origin() is Origin()`).
#[pyclass(subclass)]
struct Polygon {
    #[pyo3(get)]
    sides: u32,
}

#[pyclass(extends = Polygon)]
struct Triangle {}

#[pymethods]
impl Polygon {
    #[new]
    fn new(py: Python<'_>, sides: u32) -> PyResult<Bound<'_, Polygon>> {
        if sides == 3 {
            let init = PyClassInitializer::from(Polygon { sides }).add_subclass(Triangle {});
            Ok(Bound::new(py, init)?.into_super())
        } else {
            Bound::new(py, Polygon { sides })
        }
    }
}

#[pyclass(frozen)]
struct Origin {}

#[pymethods]
impl Origin {
    #[new]
    fn new(py: Python<'_>) -> PyResult<Py<Origin>> {
        static SHARED: pyo3::sync::PyOnceLock<Py<Origin>> = pyo3::sync::PyOnceLock::new();
        Ok(SHARED.get_or_try_init(py, || Py::new(py, Origin {}))?.clone_ref(py))
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(greeting, m)?)?;
    m.add_function(wrap_pyfunction!(interpreter_version, m)?)?;
    m.add_function(wrap_pyfunction!(module_from_code, m)?)?;
    m.add_function(wrap_pyfunction!(error_extras, m)?)?;
    m.add_function(wrap_pyfunction!(decoded, m)?)?;
    #[cfg(not(PyPy))]
    m.add_function(wrap_pyfunction!(small_helpers, m)?)?;
    m.add_function(wrap_pyfunction!(through_py, m)?)?;
    m.add_function(wrap_pyfunction!(widened, m)?)?;
    m.add_function(wrap_pyfunction!(renamed_handles, m)?)?;
    m.add_function(wrap_pyfunction!(aliased_handles, m)?)?;
    m.add_function(wrap_pyfunction!(type_lineage, m)?)?;
    m.add_class::<Polygon>()?;
    m.add_class::<Triangle>()?;
    m.add_class::<Origin>()?;
    m.add_function(wrap_pyfunction!(same_text, m)?)?;
    m.add_function(wrap_pyfunction!(formatted, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(execute, m)?)?;
    m.add_function(wrap_pyfunction!(math_pi, m)?)?;
    m.add_class::<Table>()?;
    m.add_class::<Row>()?;
    m.add_function(wrap_pyfunction!(register_abcs, m)?)?;
    m.add_function(wrap_pyfunction!(abc_casts, m)?)?;
    m.add_function(wrap_pyfunction!(view_of, m)?)?;
    m.add_function(wrap_pyfunction!(shout, m)?)?;
    #[cfg(not(any(Py_LIMITED_API, PyPy)))]
    m.add_function(wrap_pyfunction!(string_internals, m)?)?;
    m.add_function(wrap_pyfunction!(old_paths_resolve, m)?)?;
    m.add_function(wrap_pyfunction!(try_attach_here_and_in_thread, m)?)?;
    Ok(())
}

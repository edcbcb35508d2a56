//! The object types of `pyo3::types` beyond containers: capsules, closures,
//! weak references, ranges, code, frames, `super`, mapping proxies, dict views,
//! generic aliases, and `pyo3::marshal`.
use std::ffi::{c_void, CStr};
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{
    PyCFunction, PyCapsule, PyCode, PyCodeInput, PyCodeMethods, PyDict, PyFunction, PyGenericAlias, PyMappingProxy,
    PyRange, PyRangeMethods, PySuper, PyTuple, PyType, PyWeakref,
    PyWeakrefProxy, PyWeakrefReference,
};

const COUNTER: &CStr = c"fe_stdtypes.counter";

/// How often a capsule's value was dropped, and the last context its destructor saw.
static CAPSULE_DROPS: AtomicUsize = AtomicUsize::new(0);
static LAST_CONTEXT: AtomicUsize = AtomicUsize::new(0);

struct Counted(u64);

impl Drop for Counted {
    fn drop(&mut self) {
        CAPSULE_DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

#[pyfunction]
fn capsule_of(py: Python<'_>, value: u64) -> PyResult<Bound<'_, PyCapsule>> {
    PyCapsule::new_with_value(py, Counted(value), COUNTER)
}

/// A capsule whose destructor records the context set on it.
#[pyfunction]
fn capsule_with_destructor(py: Python<'_>, value: u64, context: usize) -> PyResult<Bound<'_, PyCapsule>> {
    let capsule = PyCapsule::new_with_value_and_destructor(py, Counted(value), COUNTER, |counted, ctx| {
        LAST_CONTEXT.store(ctx as usize, Ordering::SeqCst);
        drop(counted);
    })?;
    capsule.set_context(context as *mut c_void)?;
    Ok(capsule)
}

#[pyfunction]
fn capsule_drops() -> (usize, usize) {
    (CAPSULE_DROPS.load(Ordering::SeqCst), LAST_CONTEXT.load(Ordering::SeqCst))
}

/// The value, read back through the name check; and the capsule's name and context.
#[pyfunction]
fn capsule_value(capsule: &Bound<'_, PyCapsule>) -> PyResult<(u64, Option<String>, usize)> {
    let ptr = capsule.pointer_checked(Some(COUNTER))?;
    let value = unsafe { ptr.cast::<Counted>().as_ref().0 };
    let name = capsule.name()?.map(|n| unsafe { n.as_cstr() }.to_string_lossy().into_owned());
    Ok((value, name, capsule.context()? as usize))
}

/// `PyCapsule::import` of a `Counted` published at the dotted path `name`.
#[pyfunction]
fn import_capsule(py: Python<'_>, name: std::ffi::CString) -> PyResult<u64> {
    let counted: &Counted = unsafe { PyCapsule::import(py, &name)? };
    Ok(counted.0)
}

static CLOSURE_DROPS: AtomicUsize = AtomicUsize::new(0);

struct DropTally;

impl Drop for DropTally {
    fn drop(&mut self) {
        CLOSURE_DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

/// A builtin function keeping a running total of its positional arguments;
/// `reset=True` starts over, a negative argument panics.
#[pyfunction]
fn running_total(py: Python<'_>) -> PyResult<Bound<'_, PyCFunction>> {
    let total = Arc::new(AtomicI64::new(0));
    let tally = DropTally;
    PyCFunction::new_closure(py, Some(c"running_total"), Some(c"Adds its arguments."), move |args, kwargs| {
        let _keep = &tally;
        if let Some(kwargs) = kwargs {
            if kwargs.get_item("reset")?.is_some_and(|v| v.is_truthy().unwrap_or(false)) {
                total.store(0, Ordering::SeqCst);
            }
        }
        for arg in args.iter() {
            let n: i64 = arg.extract()?;
            assert!(n >= 0, "negative amount {n}");
            total.fetch_add(n, Ordering::SeqCst);
        }
        PyResult::Ok(total.load(Ordering::SeqCst))
    })
}

#[pyfunction]
fn closure_drops() -> usize {
    CLOSURE_DROPS.load(Ordering::SeqCst)
}

/// Which of the object types `obj` passes `is_type_of` for (in this order).
#[pyfunction]
fn kinds_of(obj: &Bound<'_, PyAny>) -> Vec<&'static str> {
    let mut kinds = Vec::new();
    let checks: [(&str, bool); 7] = [
        ("capsule", obj.is_instance_of::<PyCapsule>()),
        ("function", obj.is_instance_of::<PyFunction>()),
        ("cfunction", obj.is_instance_of::<PyCFunction>()),
        ("code", obj.is_instance_of::<PyCode>()),
        ("range", obj.is_instance_of::<PyRange>()),
        ("super", obj.is_instance_of::<PySuper>()),
        ("mappingproxy", obj.is_instance_of::<PyMappingProxy>()),
    ];
    kinds.extend(checks.iter().filter(|(_, yes)| *yes).map(|(name, _)| *name));
    // The dict views are absent on PyPy, as in PyO3.
    #[cfg(not(PyPy))]
    {
        use pyo3::types::{PyDictItems, PyDictKeys, PyDictValues};
        let views = [
            ("dict_keys", obj.is_instance_of::<PyDictKeys>()),
            ("dict_values", obj.is_instance_of::<PyDictValues>()),
            ("dict_items", obj.is_instance_of::<PyDictItems>()),
        ];
        kinds.extend(views.iter().filter(|(_, yes)| *yes).map(|(name, _)| *name));
    }
    let weak = [
        ("weakref", obj.cast::<PyWeakref>().is_ok()),
        ("ref", obj.is_instance_of::<PyWeakrefReference>()),
        ("proxy", obj.cast::<PyWeakrefProxy>().is_ok()),
    ];
    kinds.extend(weak.iter().filter(|(_, yes)| *yes).map(|(name, _)| *name));
    if obj.is_instance_of::<PyGenericAlias>() {
        kinds.push("alias");
    }
    #[cfg(not(any(Py_LIMITED_API, PyPy)))]
    if obj.is_instance_of::<pyo3::types::PyFrame>() {
        kinds.push("frame");
    }
    kinds
}

/// `range(start, stop, step)` and its parts read back, with `{:?}`/`{}` of it.
#[pyfunction]
fn make_range(py: Python<'_>, start: isize, stop: isize, step: isize) -> PyResult<(Bound<'_, PyRange>, String, String)> {
    let range = PyRange::new_with_step(py, start, stop, step)?;
    Ok((range.clone(), format!("{range:?}"), format!("{range}")))
}

#[pyfunction]
fn range_parts(range: &Bound<'_, PyRange>) -> PyResult<(isize, isize, isize)> {
    Ok((range.start()?, range.stop()?, range.step()?))
}

#[pyfunction]
fn weak_ref<'py>(obj: &Bound<'py, PyAny>, callback: Option<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyWeakrefReference>> {
    match callback {
        Some(callback) => PyWeakrefReference::new_with(obj, callback),
        None => PyWeakrefReference::new(obj),
    }
}

#[pyfunction]
fn weak_proxy<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyWeakrefProxy>> {
    PyWeakrefProxy::new(obj)
}

/// The referent of any weak reference or proxy, if alive.
#[pyfunction]
fn upgrade<'py>(weak: &Bound<'py, PyWeakref>) -> Option<Bound<'py, PyAny>> {
    weak.upgrade()
}

/// The referent as a dict (its length), `None` once dead, `TypeError` for another type.
#[pyfunction]
fn upgraded_dict_len(weak: &Bound<'_, PyWeakrefReference>) -> PyResult<Option<usize>> {
    Ok(weak.upgrade_as::<PyDict>()?.map(|d| d.len()))
}

/// Compiles `statements` as a module, runs them in a fresh namespace, then evaluates `expression` there.
#[pyfunction]
fn compile_and_run<'py>(py: Python<'py>, statements: std::ffi::CString, expression: std::ffi::CString) -> PyResult<(Bound<'py, PyCode>, Bound<'py, PyAny>)> {
    let globals = PyDict::new(py);
    let code = PyCode::compile(py, &statements, c"<fe_stdtypes>", PyCodeInput::File)?;
    code.run(Some(&globals), None)?;
    let value = PyCode::compile(py, &expression, c"<fe_stdtypes>", PyCodeInput::Eval)?.run(Some(&globals), None)?;
    Ok((code, value))
}

/// `super(cls, obj).name`.
#[pyfunction]
fn super_attr<'py>(cls: &Bound<'py, PyType>, obj: &Bound<'py, PyAny>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    PySuper::new(cls, obj)?.getattr(name)
}

#[pyfunction]
fn read_only<'py>(py: Python<'py>, d: &Bound<'py, PyDict>) -> Bound<'py, PyMappingProxy> {
    PyMappingProxy::new(py, d.as_mapping())
}

/// A proxy's items through its iterator, and its length checks.
#[pyfunction]
fn proxy_items(proxy: &Bound<'_, PyMappingProxy>) -> PyResult<(Vec<(String, i64)>, bool, usize)> {
    let items = proxy.try_iter()?.map(|kv| kv.and_then(|(k, v)| Ok((k.extract()?, v.extract()?)))).collect::<PyResult<_>>()?;
    Ok((items, proxy.is_empty()?, proxy.keys()?.len()))
}

#[pyfunction]
fn generic_alias<'py>(py: Python<'py>, origin: &Bound<'py, PyAny>, args: &Bound<'py, PyTuple>) -> PyResult<Bound<'py, PyGenericAlias>> {
    PyGenericAlias::new(py, origin, args.as_any())
}

/// A frame for Rust code (full API only) and what it reports.
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
#[pyfunction]
fn rust_frame(py: Python<'_>, line: i32) -> PyResult<(Bound<'_, pyo3::types::PyFrame>, i32, Bound<'_, PyCode>)> {
    use pyo3::types::PyFrameMethods;
    let frame = pyo3::types::PyFrame::new(py, c"lib.rs", c"rust_fn", line)?;
    let (number, code) = (frame.line_number(), frame.code());
    Ok((frame, number, code))
}

/// `marshal.dumps(obj, 4)` and that loaded again (full API only).
#[cfg(not(Py_LIMITED_API))]
#[pyfunction]
fn marshal_round_trip<'py>(obj: &Bound<'py, PyAny>) -> PyResult<(Bound<'py, pyo3::types::PyBytes>, Bound<'py, PyAny>)> {
    use pyo3::types::PyBytesMethods;
    let bytes = pyo3::marshal::dumps(obj, pyo3::marshal::VERSION)?;
    let back = pyo3::marshal::loads(obj.py(), bytes.as_bytes())?;
    Ok((bytes, back))
}

#[cfg(not(Py_LIMITED_API))]
#[pyfunction]
fn marshal_load<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    pyo3::marshal::loads(py, data)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(capsule_of, m)?)?;
    m.add_function(wrap_pyfunction!(capsule_with_destructor, m)?)?;
    m.add_function(wrap_pyfunction!(capsule_drops, m)?)?;
    m.add_function(wrap_pyfunction!(capsule_value, m)?)?;
    m.add_function(wrap_pyfunction!(import_capsule, m)?)?;
    m.add_function(wrap_pyfunction!(running_total, m)?)?;
    m.add_function(wrap_pyfunction!(closure_drops, m)?)?;
    m.add_function(wrap_pyfunction!(kinds_of, m)?)?;
    m.add_function(wrap_pyfunction!(make_range, m)?)?;
    m.add_function(wrap_pyfunction!(range_parts, m)?)?;
    m.add_function(wrap_pyfunction!(weak_ref, m)?)?;
    m.add_function(wrap_pyfunction!(weak_proxy, m)?)?;
    m.add_function(wrap_pyfunction!(upgrade, m)?)?;
    m.add_function(wrap_pyfunction!(upgraded_dict_len, m)?)?;
    m.add_function(wrap_pyfunction!(compile_and_run, m)?)?;
    m.add_function(wrap_pyfunction!(super_attr, m)?)?;
    m.add_function(wrap_pyfunction!(read_only, m)?)?;
    m.add_function(wrap_pyfunction!(proxy_items, m)?)?;
    m.add_function(wrap_pyfunction!(generic_alias, m)?)?;
    #[cfg(not(any(Py_LIMITED_API, PyPy)))]
    m.add_function(wrap_pyfunction!(rust_frame, m)?)?;
    #[cfg(not(Py_LIMITED_API))]
    m.add_function(wrap_pyfunction!(marshal_round_trip, m)?)?;
    #[cfg(not(Py_LIMITED_API))]
    m.add_function(wrap_pyfunction!(marshal_load, m)?)?;
    Ok(())
}

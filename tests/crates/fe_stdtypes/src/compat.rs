//! `pyo3::ffi::compat` called as C code calls it, beside `pyo3::ffi::*` (both globs reach the
//! real functions where the interpreter has them, so neither name is ambiguous). Each function
//! hands back what the C function reported: its return code, the strong reference it gave
//! (taken over here), and the exception it left pending.
use std::ffi::c_int;
use std::ptr::null_mut;

use pyo3::ffi::compat::*;
use pyo3::ffi::*;
use pyo3::prelude::{pyfunction, wrap_pyfunction, Bound, Py, PyAny, PyModule, PyModuleMethods, PyResult, Python};
use pyo3::types::PyString;
use pyo3::PyErr;

pub(crate) type Held = Option<Py<PyAny>>;

/// (return code, result, exception): the result and the pending exception are taken over.
type Outcome = (i32, Held, Held);

unsafe fn outcome(py: Python<'_>, rc: c_int, result: *mut pyo3::ffi::PyObject) -> Outcome {
    let (result, error) = taken(py, result);
    (rc, result, error)
}

/// A strong reference (or NULL) and the pending exception.
pub(crate) unsafe fn taken(py: Python<'_>, result: *mut pyo3::ffi::PyObject) -> (Held, Held) {
    let error = PyErr::take(py).map(|e| e.into_value(py).into_any());
    (Py::from_owned_ptr_or_opt(py, result), error)
}

fn ptr_or_null(obj: Option<&Bound<'_, PyAny>>) -> *mut pyo3::ffi::PyObject {
    obj.map_or(null_mut(), |o| o.as_ptr())
}

#[pyfunction]
fn compat_call_no_args(f: &Bound<'_, PyAny>) -> (Held, Held) {
    unsafe { taken(f.py(), PyObject_CallNoArgs(f.as_ptr())) }
}

#[pyfunction]
fn compat_call_method_no_args(obj: &Bound<'_, PyAny>, name: &Bound<'_, PyString>) -> (Held, Held) {
    unsafe { taken(obj.py(), PyObject_CallMethodNoArgs(obj.as_ptr(), name.as_ptr())) }
}

/// (Py_NewRef returned obj, its refcount change, Py_XNewRef's change, Py_XNewRef(NULL) is NULL)
#[pyfunction]
fn compat_new_refs(obj: &Bound<'_, PyAny>) -> (bool, isize, isize, bool) {
    unsafe {
        let p = obj.as_ptr();
        let before = Py_REFCNT(p);
        let strong = Py_NewRef(p);
        let after_new = Py_REFCNT(p);
        let x = Py_XNewRef(p);
        let after_x = Py_REFCNT(p);
        Py_DECREF(strong);
        Py_DECREF(x);
        (strong == p, after_new - before, after_x - after_new, Py_XNewRef(null_mut()).is_null())
    }
}

/// `PyModule_AddObjectRef(target, "attr", value)`, or `PyModule_Add` with a reference of its
/// own when `steal`; `value=None` passes NULL, `pending` raises ValueError first.
#[pyfunction]
#[pyo3(signature = (target, value, steal = false, pending = false))]
fn compat_module_add(target: &Bound<'_, PyAny>, value: Option<&Bound<'_, PyAny>>, steal: bool, pending: bool) -> Outcome {
    unsafe {
        if pending {
            PyErr_SetString(PyExc_ValueError, c"pending".as_ptr());
        }
        let value = ptr_or_null(value);
        let rc = if steal {
            PyModule_Add(target.as_ptr(), c"attr".as_ptr(), Py_XNewRef(value))
        } else {
            PyModule_AddObjectRef(target.as_ptr(), c"attr".as_ptr(), value)
        };
        outcome(target.py(), rc, null_mut())
    }
}

#[pyfunction]
fn compat_dict_get_item_ref(dict: &Bound<'_, PyAny>, key: &Bound<'_, PyAny>) -> Outcome {
    unsafe {
        let mut result = 0x1 as *mut pyo3::ffi::PyObject; // must be overwritten, also with NULL
        let rc = PyDict_GetItemRef(dict.as_ptr(), key.as_ptr(), &mut result);
        outcome(dict.py(), rc, result)
    }
}

/// `PyDict_SetDefaultRef`; with `want_result=False` the result pointer is NULL.
#[pyfunction]
fn compat_dict_set_default_ref(
    dict: &Bound<'_, PyAny>,
    key: &Bound<'_, PyAny>,
    default: &Bound<'_, PyAny>,
    want_result: bool,
) -> Outcome {
    unsafe {
        let mut result = 0x1 as *mut pyo3::ffi::PyObject;
        let out = if want_result { &mut result as *mut _ } else { null_mut() };
        let rc = PyDict_SetDefaultRef(dict.as_ptr(), key.as_ptr(), default.as_ptr(), out);
        outcome(dict.py(), rc, if want_result { result } else { null_mut() })
    }
}

#[pyfunction]
fn compat_list_get_item_ref(list: &Bound<'_, PyAny>, index: isize) -> (Held, Held) {
    unsafe { taken(list.py(), PyList_GetItemRef(list.as_ptr(), index)) }
}

#[pyfunction]
fn compat_list_extend(list: &Bound<'_, PyAny>, iterable: &Bound<'_, PyAny>) -> Outcome {
    unsafe { outcome(list.py(), PyList_Extend(list.as_ptr(), iterable.as_ptr()), null_mut()) }
}

#[pyfunction]
fn compat_list_clear(list: &Bound<'_, PyAny>) -> Outcome {
    unsafe { outcome(list.py(), PyList_Clear(list.as_ptr()), null_mut()) }
}

#[pyfunction]
fn compat_import_add_module_ref(py: Python<'_>, name: &str) -> PyResult<(Held, Held)> {
    let name = std::ffi::CString::new(name)?;
    Ok(unsafe { taken(py, PyImport_AddModuleRef(name.as_ptr())) })
}

#[pyfunction]
fn compat_weakref_get_ref(reference: &Bound<'_, PyAny>) -> Outcome {
    unsafe {
        let mut result = 0x1 as *mut pyo3::ffi::PyObject;
        let rc = PyWeakref_GetRef(reference.as_ptr(), &mut result);
        outcome(reference.py(), rc, result)
    }
}

#[pyfunction]
fn compat_get_optional_attr(obj: &Bound<'_, PyAny>, name: &Bound<'_, PyAny>) -> Outcome {
    unsafe {
        let mut result = 0x1 as *mut pyo3::ffi::PyObject;
        let rc = PyObject_GetOptionalAttr(obj.as_ptr(), name.as_ptr(), &mut result);
        outcome(obj.py(), rc, result)
    }
}

#[pyfunction]
fn compat_has_attr_with_error(obj: &Bound<'_, PyAny>, name: &Bound<'_, PyAny>) -> Outcome {
    unsafe { outcome(obj.py(), PyObject_HasAttrWithError(obj.as_ptr(), name.as_ptr()), null_mut()) }
}

/// Steps `iter` with `PyIter_NextItem` until it stops reporting 1: (items, last code, exception).
#[pyfunction]
fn compat_iter_drain(iter: &Bound<'_, PyAny>) -> (Vec<Py<PyAny>>, i32, Held) {
    let py = iter.py();
    let mut items = Vec::new();
    loop {
        let mut item = 0x1 as *mut pyo3::ffi::PyObject;
        let (rc, item, error) = unsafe { outcome(py, PyIter_NextItem(iter.as_ptr(), &mut item), item) };
        match item {
            Some(item) if rc == 1 => items.push(item),
            // A code other than 1 must come with NULL.
            Some(_) => return (items, -100, error),
            None => return (items, rc, error),
        }
    }
}

#[pyfunction]
fn compat_hash_buffer(data: &[u8]) -> isize {
    unsafe { Py_HashBuffer(data.as_ptr().cast(), data.len() as isize) }
}

/// ormsgpack's use: `Py_HashBuffer` over a str's code units gives the str's hash (CPython).
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
#[pyfunction]
fn compat_hash_str_data(s: &Bound<'_, PyString>) -> isize {
    unsafe {
        let op = s.as_ptr();
        // ormsgpack's form: the header's length (on 3.14 too) times the code unit's width.
        let len = PyUnicode_GET_LENGTH(op) * PyUnicode_KIND(op) as isize;
        Py_HashBuffer(PyUnicode_DATA(op), len)
    }
}

/// (attached: equals PyThreadState_Get(), detached: NULL)
#[cfg(not(Py_LIMITED_API))]
#[pyfunction]
fn compat_thread_state_unchecked(py: Python<'_>) -> (bool, bool) {
    unsafe {
        let attached = PyThreadState_GetUnchecked() == PyThreadState_Get();
        let detached = py.detach(|| PyThreadState_GetUnchecked().is_null());
        (attached, detached)
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(compat_call_no_args, m)?)?;
    m.add_function(wrap_pyfunction!(compat_call_method_no_args, m)?)?;
    m.add_function(wrap_pyfunction!(compat_new_refs, m)?)?;
    m.add_function(wrap_pyfunction!(compat_module_add, m)?)?;
    m.add_function(wrap_pyfunction!(compat_dict_get_item_ref, m)?)?;
    m.add_function(wrap_pyfunction!(compat_dict_set_default_ref, m)?)?;
    m.add_function(wrap_pyfunction!(compat_list_get_item_ref, m)?)?;
    m.add_function(wrap_pyfunction!(compat_list_extend, m)?)?;
    m.add_function(wrap_pyfunction!(compat_list_clear, m)?)?;
    m.add_function(wrap_pyfunction!(compat_import_add_module_ref, m)?)?;
    m.add_function(wrap_pyfunction!(compat_weakref_get_ref, m)?)?;
    m.add_function(wrap_pyfunction!(compat_get_optional_attr, m)?)?;
    m.add_function(wrap_pyfunction!(compat_has_attr_with_error, m)?)?;
    m.add_function(wrap_pyfunction!(compat_iter_drain, m)?)?;
    m.add_function(wrap_pyfunction!(compat_hash_buffer, m)?)?;
    #[cfg(not(any(Py_LIMITED_API, PyPy)))]
    m.add_function(wrap_pyfunction!(compat_hash_str_data, m)?)?;
    #[cfg(not(Py_LIMITED_API))]
    m.add_function(wrap_pyfunction!(compat_thread_state_unchecked, m)?)?;
    super::compat_writer::register(m)
}

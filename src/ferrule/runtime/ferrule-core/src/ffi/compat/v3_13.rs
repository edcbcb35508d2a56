//! CPython 3.13's strong-reference lookups, list helpers and error-reporting attribute calls.

// Unused where every function here is the real one.
#[allow(unused_imports)]
use core::ffi::{c_char, c_int};
#[allow(unused_imports)]
use core::ptr::null_mut;

#[allow(unused_imports)]
use crate::ffi::{PyErr_Occurred, PyErr_SetString, PyExc_TypeError, PyObject, Py_ssize_t, Py_XDECREF};

shim! {
    #[real(Py_3_13)]
    /// `dict[key]` as a strong reference in `*result`: 1 when found, 0 (and NULL) when missing,
    /// -1 (and NULL) with an exception, e.g. `TypeError` for an unhashable key or
    /// `SystemError` when `dict` is not a dict (CPython 3.13). Built on `PyDict_GetItemWithError`.
    pub unsafe fn PyDict_GetItemRef(dict: *mut PyObject, key: *mut PyObject, result: *mut *mut PyObject) -> c_int {
        let item = crate::ffi::PyDict_GetItemWithError(dict, key);
        if !item.is_null() {
            *result = super::Py_NewRef(item);
            return 1;
        }
        *result = null_mut();
        if PyErr_Occurred().is_null() { 0 } else { -1 }
    }

    #[real(Py_3_13)]
    /// `list[index]` as a strong reference, or NULL with an exception (CPython 3.13; negative
    /// indexes are out of range). The real one raises `TypeError` for a non-list; this shim, as
    /// PyO3's, is `PyList_GetItem`'s, which raises `SystemError` there.
    pub unsafe fn PyList_GetItemRef(list: *mut PyObject, index: Py_ssize_t) -> *mut PyObject {
        super::Py_XNewRef(crate::ffi::PyList_GetItem(list, index))
    }

    #[real(Py_3_13)]
    /// `sys.modules[name]`, created empty when missing, as a strong reference; NULL with an
    /// exception on failure (CPython 3.13; `PyImport_AddModule` lends the same module).
    pub unsafe fn PyImport_AddModuleRef(name: *const c_char) -> *mut PyObject {
        super::Py_XNewRef(crate::ffi::PyImport_AddModule(name))
    }

    #[real(Py_3_13)]
    /// The referent of a weak reference (or proxy) as a strong reference in `*pobj`: 1 when it
    /// is alive, 0 (and NULL) when it is dead, -1 (and NULL) with `TypeError` when `reference` is
    /// not a weak reference (CPython 3.13). `PyWeakref_GetObject`'s dead referent is `None`.
    /// On PyPy a proxy is a `TypeError`: cpyext's `PyWeakref_GetObject` calls the reference,
    /// which for a callable proxy calls the referent.
    pub unsafe fn PyWeakref_GetRef(reference: *mut PyObject, pobj: *mut *mut PyObject) -> c_int {
        *pobj = null_mut();
        // NULL goes on to PyWeakref_GetObject, whose SystemError PyO3's shim gives too.
        if !reference.is_null() && crate::ffi::PyWeakref_Check(reference) == 0 {
            PyErr_SetString(PyExc_TypeError, c"expected a weakref".as_ptr());
            return -1;
        }
        #[cfg(PyPy)]
        if crate::ffi::PyWeakref_CheckProxy(reference) != 0 {
            PyErr_SetString(PyExc_TypeError, c"PyPy's C API cannot give the referent of a weakref.proxy".as_ptr());
            return -1;
        }
        let target = crate::ffi::PyWeakref_GetObject(reference);
        if target.is_null() {
            return -1;
        }
        // None cannot be weakly referenced, so None means dead.
        if target == crate::ffi::Py_None() {
            return 0;
        }
        *pobj = super::Py_NewRef(target);
        1
    }

    #[real(Py_3_13)]
    /// `list.extend(iterable)`: 0, or -1 with an exception (`SystemError` when `list` is not a
    /// list, `TypeError` when `iterable` is not iterable) (CPython 3.13). Assigns to the slice
    /// `list[len:]`, which also handles `iterable is list`. PyPy's `PyList_SetSlice` assigns
    /// the slice of any object, so a non-list is its `TypeError` there.
    pub unsafe fn PyList_Extend(list: *mut PyObject, iterable: *mut PyObject) -> c_int {
        let end = crate::ffi::PY_SSIZE_T_MAX;
        crate::ffi::PyList_SetSlice(list, end, end, iterable)
    }

    #[real(Py_3_13)]
    /// `list.clear()`: 0, or -1 with `SystemError` when `list` is not a list (CPython 3.13;
    /// on PyPy a `TypeError`, as for `PyList_Extend`). Deletes the slice `list[0:]`.
    pub unsafe fn PyList_Clear(list: *mut PyObject) -> c_int {
        crate::ffi::PyList_SetSlice(list, 0, crate::ffi::PY_SSIZE_T_MAX, null_mut())
    }

    #[real(Py_3_13)]
    /// `PyModule_AddObjectRef` that always steals `value`, even on error (CPython 3.13).
    pub unsafe fn PyModule_Add(module: *mut PyObject, name: *const c_char, value: *mut PyObject) -> c_int {
        let rc = super::PyModule_AddObjectRef(module, name, value);
        Py_XDECREF(value);
        rc
    }

    #[real(all(Py_3_13, not(Py_LIMITED_API)))]
    /// `dict.setdefault(key, default_value)`: 1 when `key` was present (its value in `*result`),
    /// 0 when `default_value` was inserted (it is in `*result`), -1 with an exception (NULL in
    /// `*result`). `*result` is a strong reference; `result` may be NULL to skip it. CPython 3.13
    /// outside the limited API (whose 3.15 adds it); this shim looks up, then inserts, so the
    /// key is hashed twice.
    pub unsafe fn PyDict_SetDefaultRef(
        dict: *mut PyObject,
        key: *mut PyObject,
        default_value: *mut PyObject,
        result: *mut *mut PyObject,
    ) -> c_int {
        let mut value = null_mut();
        let mut rc = super::PyDict_GetItemRef(dict, key, &mut value);
        if rc == 0 {
            rc = if crate::ffi::PyDict_SetItem(dict, key, default_value) < 0 { -1 } else { 0 };
            if rc == 0 {
                value = super::Py_NewRef(default_value);
            }
        }
        if result.is_null() {
            Py_XDECREF(value);
        } else {
            *result = value;
        }
        rc
    }

    #[real(Py_3_13)]
    /// `getattr(obj, name)` as a strong reference in `*result`: 1 when found, 0 (and NULL, no
    /// exception) on `AttributeError`, -1 (and NULL) with any other exception (CPython 3.13).
    pub unsafe fn PyObject_GetOptionalAttr(obj: *mut PyObject, name: *mut PyObject, result: *mut *mut PyObject) -> c_int {
        *result = crate::ffi::PyObject_GetAttr(obj, name);
        if !(*result).is_null() {
            return 1;
        }
        if crate::ffi::PyErr_ExceptionMatches(crate::ffi::PyExc_AttributeError) != 0 {
            crate::ffi::PyErr_Clear();
            return 0;
        }
        -1
    }

    #[real(Py_3_13)]
    /// `hasattr(obj, name)` that reports errors: 1, 0 (only `AttributeError` means absent), or -1
    /// with the exception (CPython 3.13; `PyObject_HasAttr` swallows every exception).
    pub unsafe fn PyObject_HasAttrWithError(obj: *mut PyObject, name: *mut PyObject) -> c_int {
        let mut value = null_mut();
        let rc = super::PyObject_GetOptionalAttr(obj, name, &mut value);
        Py_XDECREF(value);
        rc
    }
}

// Not in the limited API of any version, so none there (as in PyO3).
#[cfg(not(Py_LIMITED_API))]
shim! {
    #[real(all(Py_3_13, not(Py_LIMITED_API)))]
    /// The calling thread's attached thread state, or NULL when it has none; unlike
    /// `PyThreadState_Get` it never aborts, and it may be called without the GIL (CPython 3.13,
    /// which renamed the older `_PyThreadState_UncheckedGet` this shim calls). PyPy's is never
    /// NULL: cpyext keeps the thread's state while it is detached. (PyO3's shim links the
    /// unprefixed name, which PyPy does not export.)
    #[inline]
    pub unsafe fn PyThreadState_GetUnchecked() -> *mut crate::ffi::PyThreadState {
        _PyThreadState_UncheckedGet()
    }
}

#[cfg(all(not(Py_LIMITED_API), not(Py_3_13)))]
extern "C" {
    #[cfg_attr(PyPy, link_name = "_PyPyThreadState_UncheckedGet")]
    fn _PyThreadState_UncheckedGet() -> *mut crate::ffi::PyThreadState;
}

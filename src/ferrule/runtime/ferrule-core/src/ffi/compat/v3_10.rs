//! Calls without arguments (CPython 3.9) and the strong-reference helpers of 3.10.

// Unused where every function here is the real one.
#[allow(unused_imports)]
use core::ffi::{c_char, c_int};
#[allow(unused_imports)]
use crate::ffi::{PyObject, Py_XDECREF, Py_XINCREF};

/// Real on every supported interpreter (CPython 3.9 exports it, abi3-py39 included, and cpyext
/// has it); listed here because PyO3's `compat` lists it.
pub use crate::ffi::PyObject_CallNoArgs;

shim! {
    #[real(any(not(Py_LIMITED_API), Py_3_12))]
    /// `obj.name()`: new reference, or NULL with an exception. Added in CPython 3.9 outside the
    /// limited API; `ffi` has it there and from abi3-py312 (through `PyObject_VectorcallMethod`),
    /// this older-stable-ABI shim goes through `PyObject_CallMethodObjArgs`.
    #[inline]
    pub unsafe fn PyObject_CallMethodNoArgs(obj: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
        crate::ffi::PyObject_CallMethodObjArgs(obj, name, core::ptr::null_mut::<PyObject>())
    }

    #[real(all(Py_3_10, not(PyPy)))]
    /// A new strong reference to `obj` (non-NULL), which is returned (CPython 3.10). cpyext
    /// defines it as a header macro, so on PyPy it is always this shim.
    #[inline]
    pub unsafe fn Py_NewRef(obj: *mut PyObject) -> *mut PyObject {
        crate::ffi::Py_INCREF(obj);
        obj
    }

    #[real(all(Py_3_10, not(PyPy)))]
    /// As `Py_NewRef`, and NULL stays NULL (CPython 3.10).
    #[inline]
    pub unsafe fn Py_XNewRef(obj: *mut PyObject) -> *mut PyObject {
        Py_XINCREF(obj);
        obj
    }

    #[real(all(Py_3_10, any(not(PyPy), Py_3_11)))]
    /// `module.name = value` without stealing `value`: 0, or -1 with an exception (CPython 3.10).
    /// A NULL `value` is an error: the pending exception if there is one, else `SystemError`.
    /// Built on `PyModule_AddObject`, which steals only on success.
    pub unsafe fn PyModule_AddObjectRef(module: *mut PyObject, name: *const c_char, value: *mut PyObject) -> c_int {
        use crate::ffi::{PyErr_Occurred, PyErr_SetString, PyExc_SystemError, PyExc_TypeError};
        // 3.10's own checks, so the errors do not depend on what the older function checks.
        if crate::ffi::PyModule_Check(module) == 0 {
            PyErr_SetString(PyExc_TypeError, c"PyModule_AddObjectRef() first argument must be a module".as_ptr());
            return -1;
        }
        if value.is_null() {
            if PyErr_Occurred().is_null() {
                PyErr_SetString(
                    PyExc_SystemError,
                    c"PyModule_AddObjectRef() must be called with an exception raised if value is NULL".as_ptr(),
                );
            }
            return -1;
        }
        Py_XINCREF(value);
        let rc = crate::ffi::PyModule_AddObject(module, name, value);
        if rc < 0 {
            Py_XDECREF(value);
        }
        rc
    }
}

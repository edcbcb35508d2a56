//! Module creation helpers (`modsupport.h`).

use core::ffi::{c_char, c_int, c_long};

use super::methodobject::PyMethodDef;
use super::moduleobject::PyModuleDef;
use super::object::PyObject;
use super::pyport::Py_ssize_t;

pub const PYTHON_API_VERSION: c_int = 1013;
pub const PYTHON_ABI_VERSION: c_int = 3;
pub const Py_CLEANUP_SUPPORTED: c_int = 0x20000;

extern "C" {
    /// C-variadic: each format unit's out-pointer follows.
    #[cfg_attr(PyPy, link_name = "PyPyArg_ParseTuple")]
    pub fn PyArg_ParseTuple(args: *mut PyObject, format: *const c_char, ...) -> c_int;
    /// The keyword list's type became `const` in 3.13, as in PyO3's ffi.
    #[cfg(not(Py_3_13))]
    #[cfg_attr(PyPy, link_name = "PyPyArg_ParseTupleAndKeywords")]
    pub fn PyArg_ParseTupleAndKeywords(
        args: *mut PyObject,
        kw: *mut PyObject,
        format: *const c_char,
        keywords: *mut *mut c_char,
        ...
    ) -> c_int;
    #[cfg(Py_3_13)]
    #[cfg_attr(PyPy, link_name = "PyPyArg_ParseTupleAndKeywords")]
    pub fn PyArg_ParseTupleAndKeywords(
        args: *mut PyObject,
        kw: *mut PyObject,
        format: *const c_char,
        keywords: *const *const c_char,
        ...
    ) -> c_int;

    // Py_TRACE_REFS builds rename these (`...TraceRefs`); such builds are unsupported.
    #[cfg_attr(PyPy, link_name = "PyPyModule_Create2")]
    pub fn PyModule_Create2(def: *mut PyModuleDef, apiver: c_int) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyModule_FromDefAndSpec2")]
    #[cfg(any(not(PyPy), Py_3_11))]
    pub fn PyModule_FromDefAndSpec2(
        def: *mut PyModuleDef,
        spec: *mut PyObject,
        module_api_version: c_int,
    ) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyModule_ExecDef")]
    pub fn PyModule_ExecDef(module: *mut PyObject, def: *mut PyModuleDef) -> c_int;

    /// Steals a reference to `value` on success only.
    #[cfg_attr(PyPy, link_name = "PyPyModule_AddObject")]
    pub fn PyModule_AddObject(module: *mut PyObject, name: *const c_char, value: *mut PyObject)
        -> c_int;
    #[cfg(Py_3_10)]
    #[cfg_attr(PyPy, link_name = "PyPyModule_AddObjectRef")]
    #[cfg(any(not(PyPy), Py_3_11))]
    pub fn PyModule_AddObjectRef(
        module: *mut PyObject,
        name: *const c_char,
        value: *mut PyObject,
    ) -> c_int;
    /// Always steals a reference to `value`.
    #[cfg(Py_3_13)]
    pub fn PyModule_Add(module: *mut PyObject, name: *const c_char, value: *mut PyObject)
        -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyModule_AddIntConstant")]
    pub fn PyModule_AddIntConstant(module: *mut PyObject, name: *const c_char, value: c_long)
        -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyModule_AddStringConstant")]
    pub fn PyModule_AddStringConstant(
        module: *mut PyObject,
        name: *const c_char,
        value: *const c_char,
    ) -> c_int;
    #[cfg(any(not(Py_LIMITED_API), Py_3_10))]
    pub fn PyModule_AddType(module: *mut PyObject, tp: *mut super::object::PyTypeObject) -> c_int;
    #[cfg(not(PyPy))]
    pub fn PyModule_SetDocString(module: *mut PyObject, doc: *const c_char) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyModule_AddFunctions")]
    pub fn PyModule_AddFunctions(module: *mut PyObject, functions: *mut PyMethodDef) -> c_int;

    pub fn PyArg_ValidateKeywordArguments(kwargs: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyArg_UnpackTuple")]
    pub fn PyArg_UnpackTuple(
        args: *mut PyObject,
        name: *const c_char,
        min: Py_ssize_t,
        max: Py_ssize_t,
        ...
    ) -> c_int;
    /// Bound to the `PY_SSIZE_T_CLEAN` variant before 3.13 (`#` formats take Py_ssize_t).
    #[cfg_attr(all(not(PyPy), not(Py_3_13)), link_name = "_Py_BuildValue_SizeT")]
    #[cfg_attr(PyPy, link_name = "_PyPy_BuildValue_SizeT")]
    pub fn Py_BuildValue(format: *const c_char, ...) -> *mut PyObject;
}

#[inline]
pub unsafe fn PyModule_Create(def: *mut PyModuleDef) -> *mut PyObject {
    #[cfg(Py_LIMITED_API)]
    return PyModule_Create2(def, PYTHON_ABI_VERSION);
    #[cfg(not(Py_LIMITED_API))]
    return PyModule_Create2(def, PYTHON_API_VERSION);
}

#[cfg(any(not(PyPy), Py_3_11))]
#[inline]
pub unsafe fn PyModule_FromDefAndSpec(def: *mut PyModuleDef, spec: *mut PyObject) -> *mut PyObject {
    #[cfg(Py_LIMITED_API)]
    return PyModule_FromDefAndSpec2(def, spec, PYTHON_ABI_VERSION);
    #[cfg(not(Py_LIMITED_API))]
    return PyModule_FromDefAndSpec2(def, spec, PYTHON_API_VERSION);
}

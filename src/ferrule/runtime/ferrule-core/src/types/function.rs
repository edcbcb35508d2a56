//! Builtin functions (`PyCFunction`, also made from Rust closures) and Python functions.
use std::cell::UnsafeCell;
use std::ffi::CStr;
use std::ptr::NonNull;

use crate::err::PyResult;
use crate::ffi;
use crate::impl_::wrap::IntoPyCallbackOutput;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::{native_type, PyAny, PyCapsule, PyCapsuleMethods, PyDict, PyModule, PyTuple};

native_type!(PyCFunction, "builtin_function_or_method", ffi::PyCFunction_Type, ffi::PyCFunction_Check);

#[cfg(not(Py_LIMITED_API))]
native_type!(PyFunction, "function", ffi::PyFunction_Type, ffi::PyFunction_Check);
#[cfg(Py_LIMITED_API)]
crate::types::imported_type!(PyFunction, "builtins", "function", "types", "FunctionType");

/// Makes a function object of a method definition that lives forever (leaked, as in PyO3:
/// CPython keeps pointing at it).
fn leak_def<'py>(
    py: Python<'py>,
    def: ffi::PyMethodDef,
    module: Option<&Bound<'py, PyModule>>,
) -> PyResult<Bound<'py, PyCFunction>> {
    use crate::types::PyModuleMethods;
    let def: &'static mut ffi::PyMethodDef = Box::leak(Box::new(def));
    let (slf, name) = match module {
        Some(m) => (m.as_ptr(), Some(m.name()?)),
        None => (std::ptr::null_mut(), None),
    };
    let name_ptr = name.as_ref().map_or(std::ptr::null_mut(), |n| n.as_ptr());
    unsafe { Bound::<PyAny>::from_owned_ptr_or_err_typed(py, ffi::PyCFunction_NewEx(def, slf, name_ptr)).map(|f| f.cast_into_unchecked()) }
}

impl PyCFunction {
    /// A function taking `*args, **kwargs`, calling the C function `fun`.
    pub fn new_with_keywords<'py>(
        py: Python<'py>,
        fun: ffi::PyCFunctionWithKeywords,
        name: &'static CStr,
        doc: &'static CStr,
        module: Option<&Bound<'py, PyModule>>,
    ) -> PyResult<Bound<'py, Self>> {
        let def = ffi::PyMethodDef {
            ml_name: name.as_ptr(),
            ml_meth: ffi::PyMethodDefPointer { PyCFunctionWithKeywords: fun },
            ml_flags: ffi::METH_VARARGS | ffi::METH_KEYWORDS,
            ml_doc: doc.as_ptr(),
        };
        leak_def(py, def, module)
    }

    /// A function taking no arguments, calling the C function `fun`.
    pub fn new<'py>(
        py: Python<'py>,
        fun: ffi::PyCFunction,
        name: &'static CStr,
        doc: &'static CStr,
        module: Option<&Bound<'py, PyModule>>,
    ) -> PyResult<Bound<'py, Self>> {
        let def = ffi::PyMethodDef {
            ml_name: name.as_ptr(),
            ml_meth: ffi::PyMethodDefPointer { PyCFunction: fun },
            ml_flags: ffi::METH_NOARGS,
            ml_doc: doc.as_ptr(),
        };
        leak_def(py, def, module)
    }

    /// A function calling `closure(args, kwargs)`. The closure and its method
    /// definition live in a capsule that is the function's `self`, so they are
    /// freed with the function.
    pub fn new_closure<'py, F, R>(
        py: Python<'py>,
        name: Option<&'static CStr>,
        doc: Option<&'static CStr>,
        closure: F,
    ) -> PyResult<Bound<'py, Self>>
    where
        F: Fn(&Bound<'_, PyTuple>, Option<&Bound<'_, PyDict>>) -> R + Send + Sync + 'static,
        for<'p> R: IntoPyCallbackOutput<'p>,
    {
        let def = ffi::PyMethodDef {
            ml_name: name.unwrap_or(c"pyo3-closure").as_ptr(),
            ml_meth: ffi::PyMethodDefPointer { PyCFunctionWithKeywords: run_closure::<F, R> },
            ml_flags: ffi::METH_VARARGS | ffi::METH_KEYWORDS,
            ml_doc: doc.unwrap_or(c"").as_ptr(),
        };
        let capsule = PyCapsule::new_with_value(py, Closure { closure, def: UnsafeCell::new(def) }, CLOSURE_NAME)?;
        let data: NonNull<Closure<F>> = capsule.pointer_checked(Some(CLOSURE_NAME))?.cast();
        // The capsule (the function's `self`) keeps the definition alive as long as the function.
        let def = unsafe { data.as_ref().def.get() };
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err_typed(py, ffi::PyCFunction_NewEx(def, capsule.as_ptr(), std::ptr::null_mut()))
                .map(|f| f.cast_into_unchecked())
        }
    }
}

const CLOSURE_NAME: &CStr = c"pyo3-closure";

struct Closure<F> {
    closure: F,
    /// CPython wants a `*mut PyMethodDef`; it never writes through it.
    def: UnsafeCell<ffi::PyMethodDef>,
}

// The definition's pointers are to 'static strings and a fn; `F` is `Send`.
unsafe impl<F: Send> Send for Closure<F> {}

unsafe extern "C" fn run_closure<F, R>(
    capsule: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject
where
    F: Fn(&Bound<'_, PyTuple>, Option<&Bound<'_, PyDict>>) -> R + Send + Sync + 'static,
    for<'p> R: IntoPyCallbackOutput<'p>,
{
    crate::impl_::trampoline::trampoline(|py| {
        let data = &*(ffi::PyCapsule_GetPointer(capsule, CLOSURE_NAME.as_ptr()) as *const Closure<F>);
        let args = Bound::<PyAny>::ref_from_ptr(py, &args).cast_unchecked::<PyTuple>();
        let kwargs = if kwargs.is_null() {
            None
        } else {
            Some(Bound::<PyAny>::ref_from_ptr(py, &kwargs).cast_unchecked::<PyDict>())
        };
        (data.closure)(args, kwargs).convert(py)
    })
}

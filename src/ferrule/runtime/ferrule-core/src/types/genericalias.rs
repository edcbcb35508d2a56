//! `types.GenericAlias` (`list[int]`).
use crate::err::PyResult;
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::PyAny;

#[cfg(any(not(PyPy), Py_3_11))]
crate::types::native_type!(PyGenericAlias, "types", "GenericAlias", ffi::Py_GenericAliasType, is_generic_alias);
#[cfg(all(PyPy, not(Py_3_11)))]
crate::types::imported_type!(PyGenericAlias, "types", "GenericAlias", "types", "GenericAlias");

#[cfg(any(not(PyPy), Py_3_11))]
unsafe fn is_generic_alias(op: *mut ffi::PyObject) -> std::ffi::c_int {
    ffi::PyObject_TypeCheck(op, std::ptr::addr_of_mut!(ffi::Py_GenericAliasType))
}

impl PyGenericAlias {
    /// `origin[args]` as `types.GenericAlias(origin, args)` builds it.
    pub fn new<'py>(
        py: Python<'py>,
        origin: &Bound<'py, PyAny>,
        args: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyGenericAlias>> {
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err_typed(py, ffi::Py_GenericAlias(origin.as_ptr(), args.as_ptr()))
                .map(|a| a.cast_into_unchecked())
        }
    }
}

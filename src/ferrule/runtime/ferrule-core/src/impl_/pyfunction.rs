//! Method tables written by the generator, and `wrap_pyfunction!`.
use crate::err::PyResult;
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::{PyCFunction, PyModule, PyModuleMethods};

/// A `PyMethodDef` that may live in a `static` (CPython never writes to it).
#[repr(transparent)]
pub struct MethodDef(pub ffi::PyMethodDef);

unsafe impl Sync for MethodDef {}

impl MethodDef {
    #[inline]
    pub fn as_ptr(&'static self) -> *mut ffi::PyMethodDef {
        &self.0 as *const ffi::PyMethodDef as *mut ffi::PyMethodDef
    }

    /// A function object bound to `module` (its `self`, and `__module__`).
    pub fn wrap<'py>(&'static self, module: &Bound<'py, PyModule>) -> PyResult<Bound<'py, PyCFunction>> {
        let py = module.py();
        let name = module.name()?;
        unsafe {
            Bound::<crate::types::PyAny>::from_owned_ptr_or_err_typed(py, ffi::PyCFunction_NewEx(self.as_ptr(), module.as_ptr(), name.as_ptr()))
                .map(|f| f.cast_into_unchecked())
        }
    }

    /// A function object with no module (`wrap_pyfunction!(f, py)`).
    pub fn wrap_unbound<'py>(&'static self, py: Python<'py>) -> PyResult<Bound<'py, PyCFunction>> {
        unsafe {
            Bound::<crate::types::PyAny>::from_owned_ptr_or_err_typed(py, ffi::PyCFunction_NewEx(self.as_ptr(), std::ptr::null_mut(), std::ptr::null_mut()))
                .map(|f| f.cast_into_unchecked())
        }
    }
}

/// What `wrap_pyfunction!` finds beside a function: the generated `MethodDef`,
/// or `()` when the crate was compiled without glue (a plain `cargo check`).
pub trait FunctionDef: Sync + 'static {
    fn method_def(&'static self) -> PyResult<&'static MethodDef>;
}

impl FunctionDef for MethodDef {
    #[inline]
    fn method_def(&'static self) -> PyResult<&'static MethodDef> {
        Ok(self)
    }
}

impl FunctionDef for () {
    fn method_def(&'static self) -> PyResult<&'static MethodDef> {
        Err(crate::exceptions::PyRuntimeError::new_err(
            "this module was compiled without ferrule's generated glue; build it with `ferrule develop`",
        ))
    }
}

/// What `wrap_pyfunction!` accepts as its second argument.
pub trait WrapTarget<'py> {
    fn wrap_def<D: FunctionDef>(self, def: &'static D) -> PyResult<Bound<'py, PyCFunction>>;
}

impl<'py> WrapTarget<'py> for &Bound<'py, PyModule> {
    fn wrap_def<D: FunctionDef>(self, def: &'static D) -> PyResult<Bound<'py, PyCFunction>> {
        def.method_def()?.wrap(self)
    }
}

impl<'py> WrapTarget<'py> for &&Bound<'py, PyModule> {
    fn wrap_def<D: FunctionDef>(self, def: &'static D) -> PyResult<Bound<'py, PyCFunction>> {
        def.method_def()?.wrap(self)
    }
}

impl<'py> WrapTarget<'py> for Python<'py> {
    fn wrap_def<D: FunctionDef>(self, def: &'static D) -> PyResult<Bound<'py, PyCFunction>> {
        def.method_def()?.wrap_unbound(self)
    }
}

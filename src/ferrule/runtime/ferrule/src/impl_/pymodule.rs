//! `PyInit_<name>`: creating the module object and running the user's
//! `#[pymodule]` body on it.
use std::cell::UnsafeCell;
use std::ffi::CStr;

use crate::err::PyResult;
use crate::ffi;
use crate::instance::{Bound, Py};
use crate::marker::Python;
use crate::types::PyModule;

pub type ModuleInitializer = for<'py> fn(&Bound<'py, PyModule>) -> PyResult<()>;

/// A module's `PyModuleDef` plus the user function that fills it in.
pub struct ModuleDef {
    ffi_def: UnsafeCell<ffi::PyModuleDef>,
    initializer: ModuleInitializer,
}

// CPython owns the def after creation; we only hand out pointers while attached.
unsafe impl Sync for ModuleDef {}

impl ModuleDef {
    pub const fn new(name: &'static CStr, doc: &'static CStr, methods: *mut ffi::PyMethodDef, initializer: ModuleInitializer) -> Self {
        ModuleDef {
            ffi_def: UnsafeCell::new(ffi::PyModuleDef {
                m_base: ffi::PyModuleDef_HEAD_INIT,
                m_name: name.as_ptr(),
                m_doc: doc.as_ptr(),
                // No per-module state: single-phase init, like most C extensions.
                m_size: -1,
                m_methods: methods,
                m_slots: std::ptr::null_mut(),
                m_traverse: None,
                m_clear: None,
                m_free: None,
            }),
            initializer,
        }
    }

    /// Creates the module and runs its initializer.
    pub fn make_module(&'static self, py: Python<'_>) -> PyResult<Py<PyModule>> {
        let module: Bound<'_, PyModule> = unsafe {
            Bound::<crate::types::PyAny>::from_owned_ptr_or_err(py, ffi::PyModule_Create2(self.ffi_def.get(), ffi::PYTHON_API_VERSION))?
                .cast_into_unchecked()
        };
        (self.initializer)(&module)?;
        Ok(module.unbind())
    }

    /// A submodule created during the parent's initialisation. It is named by
    /// its full dotted name (`pkg.sub`, for reprs and pickling) and registered
    /// in `sys.modules`, so `import pkg.sub` works as the stub promises.
    pub fn make_submodule<'py>(&'static self, parent: &Bound<'py, PyModule>, qualified: &str) -> PyResult<Bound<'py, PyModule>> {
        use crate::types::PyAnyMethods;
        let py = parent.py();
        let module = self.make_module(py)?.into_bound(py);
        module.setattr(crate::intern!(py, "__name__"), qualified)?;
        py.import("sys")?.getattr("modules")?.set_item(qualified, &module)?;
        Ok(module)
    }
}

/// The body of a generated `PyInit_<name>`.
pub unsafe fn module_init(def: &'static ModuleDef) -> *mut ffi::PyObject {
    crate::impl_::trampoline::trampoline(|py| {
        crate::gil::shutdown::register_exit_hook(py);
        def.make_module(py).map(Py::into_ptr)
    })
}

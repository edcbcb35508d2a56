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
                // Single-phase init without state. 0, not -1: with -1 CPython copies the
                // first module's dict into a subinterpreter without calling `PyInit_*`,
                // so `check_interpreter` could never refuse it (PyO3 uses 0 too).
                m_size: 0,
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
            Bound::<crate::types::PyAny>::from_owned_ptr_or_err_typed(py, ffi::PyModule_Create2(self.ffi_def.get(), ffi::PYTHON_API_VERSION))?
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
        check_interpreter(py, def)?;
        crate::gil::shutdown::register_exit_hook(py);
        def.make_module(py).map(Py::into_ptr)
    })
}

/// Refuses a second interpreter: type objects and other statics of this
/// library belong to the interpreter that first imported it, and objects must
/// not cross interpreters. (CPython 3.12+ refuses isolated ones itself; this
/// also covers legacy subinterpreters and 3.9-3.11.)
fn check_interpreter(py: Python<'_>, def: &'static ModuleDef) -> PyResult<()> {
    #[cfg(not(PyPy))]
    {
        use std::sync::atomic::{AtomicI64, Ordering};
        static OWNER: AtomicI64 = AtomicI64::new(-1);
        let id = unsafe { ffi::PyInterpreterState_GetID(ffi::PyInterpreterState_Get()) };
        if id == -1 {
            return Err(crate::err::PyErr::fetch(py));
        }
        if let Err(owner) = OWNER.compare_exchange(-1, id, Ordering::SeqCst, Ordering::SeqCst) {
            if owner != id {
                let name = unsafe { CStr::from_ptr((*def.ffi_def.get()).m_name) }.to_string_lossy();
                return Err(crate::exceptions::PyImportError::new_err(format!(
                    "ferrule extension modules do not support subinterpreters yet: \
                     `{name}` is already loaded in interpreter {owner}, cannot load it in interpreter {id}"
                )));
            }
        }
    }
    let _ = (py, def);
    Ok(())
}

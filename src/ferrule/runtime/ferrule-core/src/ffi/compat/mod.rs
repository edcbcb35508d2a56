//! `pyo3::ffi::compat`: C API functions of newer CPython versions, callable on every
//! interpreter ferrule builds for.
//!
//! Where the target interpreter (or stable-ABI minimum) has the function, the name here is
//! a re-export of the `ffi` declaration itself, so `use pyo3::ffi::*; use pyo3::ffi::compat::*;`
//! reaches one item through both globs and is not ambiguous. Elsewhere it is an `unsafe fn`
//! written on the older API with the documented semantics of the real one (the approach of
//! the pythoncapi-compat project); each says which CPython version added the function.
//! Like the C functions, all of them need an attached thread state (the GIL) unless their
//! documentation says otherwise.
//!
//! Files by the CPython version that added the functions: `v3_10` (3.9 and 3.10), `v3_13`,
//! `v3_14`, and `bytes_writer` (3.15's `PyBytesWriter`, which no supported interpreter has).

/// `shim! { #[real(CFG)] <attributes> pub unsafe fn NAME(...) -> T { body } }`: where CFG
/// holds, `pub use crate::ffi::NAME` (the declaration's cfg must be exactly CFG, or the two
/// globs clash); elsewhere the function as written.
macro_rules! shim {
    ($(
        #[real($cfg:meta)]
        $(#[$attr:meta])*
        pub unsafe fn $name:ident($($args:tt)*) $(-> $ret:ty)? $body:block
    )*) => {$(
        #[cfg($cfg)]
        pub use crate::ffi::$name;
        #[cfg(not($cfg))]
        $(#[$attr])*
        pub unsafe fn $name($($args)*) $(-> $ret)? $body
    )*};
}

mod bytes_writer;
mod v3_10;
mod v3_13;
mod v3_14;

pub use self::bytes_writer::*;
pub use self::v3_10::*;
pub use self::v3_13::*;
pub use self::v3_14::*;

/// Every name through both globs, in every build of the runtime: a shim whose cfg
/// disagrees with its `ffi` declaration makes this an ambiguity error (E0659) here,
/// not in a user's crate.
#[allow(unused_imports, dead_code)]
mod both_globs {
    use crate::ffi::compat::*;
    use crate::ffi::*;

    fn names() {
        let _ = (PyObject_CallNoArgs, PyObject_CallMethodNoArgs, Py_NewRef, Py_XNewRef, PyModule_AddObjectRef);
        let _ = (PyDict_GetItemRef, PyList_GetItemRef, PyImport_AddModuleRef, PyWeakref_GetRef);
        let _ = (PyList_Extend, PyList_Clear, PyModule_Add, PyDict_SetDefaultRef);
        let _ = (PyObject_GetOptionalAttr, PyObject_HasAttrWithError, Py_HashBuffer, PyIter_NextItem);
        #[cfg(not(Py_LIMITED_API))]
        let _ = PyThreadState_GetUnchecked;
        let _ = (PyBytesWriter_Create, PyBytesWriter_Discard, PyBytesWriter_Finish);
        let _ = (PyBytesWriter_FinishWithSize, PyBytesWriter_GetData, PyBytesWriter_GetSize, PyBytesWriter_Resize);
        let _: *mut PyBytesWriter = core::ptr::null_mut();
    }
}

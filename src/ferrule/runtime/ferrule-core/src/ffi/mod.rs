//! Hand-written declarations of the CPython C API.
//!
//! One submodule per CPython `Include/` header (`cpython/` holds layouts that
//! only exist outside the limited API); everything is re-exported here, so
//! items are reached as `ffi::Name`; `compat` (not glob-exported, as in PyO3) holds the newer
//! functions made callable everywhere. Symbols resolve against libpython when
//! the extension module is loaded, so nothing here carries `#[link]`.
//!
//! Configuration cfgs (set by the runtime's build script): `Py_3_9` ..
//! `Py_3_14` (target version at least), `Py_LIMITED_API` (stable ABI; then the
//! version cfgs give the abi3 minimum), `Py_GIL_DISABLED` (free-threaded),
//! `Py_DEBUG`/`Py_REF_DEBUG` (debug interpreter), `PyPy` (cpyext; then the
//! version cfgs give PyPy's Python version). `Py_TRACE_REFS` builds are not
//! supported.
//!
//! PyPy, as in PyO3: cpyext exports most of the API under a `PyPy` prefix, so
//! every extern item that PyPy has carries
//! `#[cfg_attr(PyPy, link_name = "PyPyX_Y")]` (`_Py…` becomes `_PyPy…`); one
//! that cpyext lacks is `#[cfg(not(PyPy))]`, or `#[cfg(any(not(PyPy), Py_3_11))]`
//! when only PyPy 3.11 has it. What cpyext's headers define as macros
//! (`PyCFunction_NewEx`, GC tracking) gets a `#[cfg(PyPy)]` inline function
//! here. Every new declaration follows the same pattern; checked against
//! PyPy's exported symbols by `ferrule doctor -i pypy3`.
#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals, dead_code)]
#![allow(clippy::missing_safety_doc)]
// Some imports serve only declarations that cpyext lacks.
#![cfg_attr(PyPy, allow(unused_imports))]

pub mod r#abstract;
pub mod bltinmodule;
pub mod boolobject;
pub mod bytearrayobject;
pub mod bytesobject;
pub mod ceval;
pub mod compat;
pub mod compile;
pub mod complexobject;
pub mod cpython;
pub mod datetime;
pub mod descrobject;
pub mod dictobject;
pub mod enumobject;
pub mod fileobject;
pub mod floatobject;
pub mod genericaliasobject;
pub mod import;
pub mod iterobject;
pub mod listobject;
pub mod longobject;
pub mod memoryobject;
pub mod methodobject;
pub mod modsupport;
pub mod moduleobject;
pub mod object;
pub mod objimpl;
pub mod osmodule;
#[cfg(any(not(Py_LIMITED_API), Py_3_11))]
pub mod pybuffer;
pub mod pycapsule;
pub mod pyerrors;
pub mod pyframe;
#[cfg(all(Py_3_13, not(Py_LIMITED_API)))]
pub mod pyhash;
pub mod pylifecycle;
pub mod pymem;
pub mod pyport;
pub mod pystate;
pub mod pythonrun;
pub mod rangeobject;
pub mod refcount;
pub mod setobject;
pub mod sliceobject;
pub mod structmember;
pub mod sysmodule;
pub mod traceback;
pub mod tupleobject;
pub mod typeslots;
pub mod unicodeobject;
pub mod warnings;
pub mod weakrefobject;

pub use self::r#abstract::*;
pub use self::bltinmodule::*;
pub use self::boolobject::*;
pub use self::bytearrayobject::*;
pub use self::bytesobject::*;
pub use self::ceval::*;
pub use self::compile::*;
pub use self::complexobject::*;
#[cfg(not(Py_LIMITED_API))]
pub use self::datetime::*;
#[cfg(not(Py_LIMITED_API))]
pub use self::cpython::object::*;
#[cfg(not(Py_LIMITED_API))]
pub use self::cpython::code::*;
#[cfg(not(Py_LIMITED_API))]
pub use self::cpython::unicodeobject::*;
pub use self::descrobject::*;
pub use self::dictobject::*;
pub use self::enumobject::*;
pub use self::fileobject::*;
pub use self::floatobject::*;
pub use self::genericaliasobject::*;
pub use self::import::*;
pub use self::iterobject::*;
pub use self::listobject::*;
pub use self::longobject::*;
pub use self::memoryobject::*;
pub use self::methodobject::*;
pub use self::modsupport::*;
pub use self::moduleobject::*;
pub use self::object::*;
pub use self::objimpl::*;
pub use self::osmodule::*;
#[cfg(any(not(Py_LIMITED_API), Py_3_11))]
pub use self::pybuffer::*;
pub use self::pycapsule::*;
pub use self::pyerrors::*;
pub use self::pyframe::*;
#[cfg(all(Py_3_13, not(Py_LIMITED_API)))]
pub use self::pyhash::*;
pub use self::pylifecycle::*;
pub use self::pymem::*;
pub use self::pyport::*;
pub use self::pystate::*;
pub use self::pythonrun::*;
pub use self::rangeobject::*;
pub use self::refcount::*;
pub use self::setobject::*;
pub use self::sliceobject::*;
pub use self::structmember::*;
pub use self::sysmodule::*;
pub use self::traceback::*;
pub use self::tupleobject::*;
pub use self::typeslots::*;
pub use self::unicodeobject::*;
pub use self::warnings::*;
pub use self::weakrefobject::*;

/// `c_str!("text")`: a `&'static CStr` from a string literal, as `pyo3::ffi::c_str!`, in every edition
/// (`c"..."` literals need 2021). The glue writes its names and docs with it, so an edition-2018 crate builds.
#[doc(hidden)]
#[macro_export]
macro_rules! __ferrule_c_str {
    ($s:expr) => {{
        const __FERRULE_C_STR: &'static ::core::ffi::CStr =
            $crate::ffi::_cstr_from_utf8_with_nul_checked(::core::concat!($s, "\0"));
        __FERRULE_C_STR
    }};
}
pub use crate::__ferrule_c_str as c_str;

/// `glue_c_str!("text")`: as `c_str!` without the check for interior NULs, which
/// const evaluation runs byte by byte; ferrule's generator writes names and docs
/// with no NUL in them, and their check cost a debug build about a tenth of its time.
#[doc(hidden)]
#[macro_export]
macro_rules! __ferrule_glue_c_str {
    // The cast `CStr::from_bytes_with_nul_unchecked` makes, without its checks, and no `const`
    // item: each item is one more body for rustc to check and evaluate.
    ($s:expr) => {
        unsafe { &*(::core::concat!($s, "\0").as_bytes() as *const [u8] as *const ::core::ffi::CStr) }
    };
}
#[doc(hidden)]
pub use crate::__ferrule_glue_c_str as glue_c_str;

#[doc(hidden)]
pub const fn _cstr_from_utf8_with_nul_checked(s: &str) -> &core::ffi::CStr {
    match core::ffi::CStr::from_bytes_with_nul(s.as_bytes()) {
        Ok(cstr) => cstr,
        Err(_) => panic!("string contains nul bytes"),
    }
}

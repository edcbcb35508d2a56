//! Start symbols for the compiler (`compile.h`).

use core::ffi::c_int;

pub const Py_single_input: c_int = 256;
pub const Py_file_input: c_int = 257;
pub const Py_eval_input: c_int = 258;
pub const Py_func_type_input: c_int = 345;

/// Compiler flags (`cpython/compile.h`).
#[cfg(not(Py_LIMITED_API))]
#[repr(C)]
#[derive(Copy, Clone, Debug)]
pub struct PyCompilerFlags {
    pub cf_flags: c_int,
    pub cf_feature_version: c_int,
}

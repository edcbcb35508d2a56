//! Builtin functions (`PyCFunction`) and Python functions.
use crate::ffi;
use crate::types::native_type;

native_type!(PyCFunction, "builtin_function_or_method", ffi::PyCFunction_Type, ffi::PyCFunction_Check);


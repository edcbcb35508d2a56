//! `int`.
use crate::ffi;
use crate::types::native_type;

native_type!(PyInt, "int", ffi::PyLong_Type, ffi::PyLong_Check);

/// Older name of [`PyInt`].
pub type PyLong = PyInt;

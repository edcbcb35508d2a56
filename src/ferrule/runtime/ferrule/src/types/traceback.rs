//! Traceback objects.
use crate::ffi;
use crate::types::native_type;

native_type!(PyTraceback, "traceback", ffi::PyTraceBack_Type, ffi::PyTraceBack_Check);

//! Used only by generated glue. Not a public API: names and signatures change
//! whenever the generator changes.
#[cfg(feature = "experimental-async")]
pub mod coroutine;
pub mod call;
pub mod call_method;
pub mod exceptions;
pub mod extract_argument;
pub mod extract_value;
pub mod extract_with;
pub mod extract_pyclass;
pub mod frompyobject;
pub mod pyclass;
pub mod pyfunction;
pub mod plain_check;
pub mod py_run;
pub mod pymodule;
pub mod slots;
pub mod trampoline;
pub mod wrap;

pub use crate::ffi;

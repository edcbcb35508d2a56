//! Basic integer types from `pyport.h`.

pub type Py_ssize_t = isize;
pub type Py_hash_t = Py_ssize_t;
/// C's `intptr_t` (`pyport.h`), as pyo3-ffi names it.
pub type Py_intptr_t = isize;
/// C's `uintptr_t`.
pub type Py_uintptr_t = usize;
pub type Py_uhash_t = usize;

pub const PY_SSIZE_T_MIN: Py_ssize_t = isize::MIN;
pub const PY_SSIZE_T_MAX: Py_ssize_t = isize::MAX;

//! Layouts that only exist outside the limited API (`Include/cpython/`).
//! Smaller non-limited items sit in the top-level modules behind
//! `#[cfg(not(Py_LIMITED_API))]`.

#[cfg(not(Py_LIMITED_API))]
pub mod object;

// PyPy's strings have another layout; only `PyUnicode_New` is shared.
#[cfg(not(Py_LIMITED_API))]
pub mod unicodeobject;

#[cfg(not(Py_LIMITED_API))]
pub mod code;

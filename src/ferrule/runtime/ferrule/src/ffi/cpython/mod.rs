//! Layouts that only exist outside the limited API (`Include/cpython/`).
//! Smaller non-limited items sit in the top-level modules behind
//! `#[cfg(not(Py_LIMITED_API))]`.

#[cfg(not(Py_LIMITED_API))]
pub mod object;

#[cfg(not(Py_LIMITED_API))]
pub mod unicodeobject;

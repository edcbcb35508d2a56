//! The runtime borrow flag of a class instance (absent for `frozen` classes).
use std::cell::Cell;
use std::fmt;

use crate::err::PyErr;
use crate::exceptions::PyRuntimeError;

/// A shared borrow failed because a mutable borrow is live.
pub struct PyBorrowError(());
/// A mutable borrow failed because another borrow is live.
pub struct PyBorrowMutError(());

impl fmt::Display for PyBorrowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Already mutably borrowed")
    }
}
impl fmt::Display for PyBorrowMutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Already borrowed")
    }
}
impl fmt::Debug for PyBorrowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
impl fmt::Debug for PyBorrowMutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
impl std::error::Error for PyBorrowError {}
impl std::error::Error for PyBorrowMutError {}

impl From<PyBorrowError> for PyErr {
    fn from(e: PyBorrowError) -> PyErr {
        PyRuntimeError::new_err(e.to_string())
    }
}
impl From<PyBorrowMutError> for PyErr {
    fn from(e: PyBorrowMutError) -> PyErr {
        PyRuntimeError::new_err(e.to_string())
    }
}

pub trait BorrowChecker: Default {
    fn try_borrow(&self) -> Result<(), PyBorrowError>;
    fn release_borrow(&self);
    fn try_borrow_mut(&self) -> Result<(), PyBorrowMutError>;
    fn release_borrow_mut(&self);
    /// Whether a mutable borrow is live (the GC must not look at the value then).
    fn is_mutably_borrowed(&self) -> bool;
}

/// Count of shared borrows, or `EXCLUSIVE` while mutably borrowed. Only touched
/// while attached to the interpreter, which serialises access.
#[derive(Default)]
pub struct BorrowFlag(Cell<isize>);

const EXCLUSIVE: isize = -1;

impl BorrowChecker for BorrowFlag {
    #[inline]
    fn try_borrow(&self) -> Result<(), PyBorrowError> {
        let n = self.0.get();
        if n == EXCLUSIVE {
            return Err(PyBorrowError(()));
        }
        self.0.set(n + 1);
        Ok(())
    }
    #[inline]
    fn release_borrow(&self) {
        self.0.set(self.0.get() - 1);
    }
    #[inline]
    fn try_borrow_mut(&self) -> Result<(), PyBorrowMutError> {
        if self.0.get() != 0 {
            return Err(PyBorrowMutError(()));
        }
        self.0.set(EXCLUSIVE);
        Ok(())
    }
    #[inline]
    fn release_borrow_mut(&self) {
        self.0.set(0);
    }
    #[inline]
    fn is_mutably_borrowed(&self) -> bool {
        self.0.get() == EXCLUSIVE
    }
}

/// A `frozen` class: shared borrows always succeed, mutable ones never.
#[derive(Default)]
pub struct NoBorrow;

impl BorrowChecker for NoBorrow {
    #[inline]
    fn try_borrow(&self) -> Result<(), PyBorrowError> {
        Ok(())
    }
    #[inline]
    fn release_borrow(&self) {}
    #[inline]
    fn try_borrow_mut(&self) -> Result<(), PyBorrowMutError> {
        Err(PyBorrowMutError(()))
    }
    #[inline]
    fn release_borrow_mut(&self) {}
    #[inline]
    fn is_mutably_borrowed(&self) -> bool {
        false
    }
}

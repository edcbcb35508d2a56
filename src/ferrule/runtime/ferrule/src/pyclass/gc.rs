//! Garbage-collector support: `__traverse__` gets a `PyVisit`, `__clear__`
//! drops references, and the wrappers `tp_traverse`/`tp_clear` call them.
use std::ffi::{c_int, c_void};
use std::marker::PhantomData;

use super::borrow::BorrowChecker;
use super::layout::{checker, contents};
use super::PyClass;
use crate::ffi;
use crate::instance::{Bound, Py};
use crate::marker::Python;

/// A visit returned non-zero: stop traversing and report it.
#[derive(Debug)]
pub struct PyTraverseError(c_int);

/// Passed to `__traverse__`: call it on every Python reference the value holds.
pub struct PyVisit<'a> {
    visit: ffi::visitproc,
    arg: *mut c_void,
    _guard: PhantomData<&'a ()>,
}

/// What `PyVisit::call` accepts: a `Py`, an optional `Py`, or a `Bound`.
pub trait VisitTarget {
    fn visit_ptr(&self) -> *mut ffi::PyObject;
}

impl<T> VisitTarget for &Py<T> {
    fn visit_ptr(&self) -> *mut ffi::PyObject {
        self.as_ptr()
    }
}
impl<T> VisitTarget for &Option<Py<T>> {
    fn visit_ptr(&self) -> *mut ffi::PyObject {
        self.as_ref().map_or(std::ptr::null_mut(), Py::as_ptr)
    }
}
impl<T> VisitTarget for Option<&Py<T>> {
    fn visit_ptr(&self) -> *mut ffi::PyObject {
        self.map_or(std::ptr::null_mut(), Py::as_ptr)
    }
}
impl<T> VisitTarget for &Bound<'_, T> {
    fn visit_ptr(&self) -> *mut ffi::PyObject {
        self.as_ptr()
    }
}

impl PyVisit<'_> {
    pub fn call<V: VisitTarget>(&self, target: V) -> Result<(), PyTraverseError> {
        let ptr = target.visit_ptr();
        if ptr.is_null() {
            return Ok(());
        }
        match unsafe { (self.visit)(ptr, self.arg) } {
            0 => Ok(()),
            r => Err(PyTraverseError(r)),
        }
    }
}

/// Body of a generated `tp_traverse`. The type is visited (heap types own a
/// reference to it); the value is skipped while mutably borrowed, and a panic
/// in `__traverse__` is swallowed (no Python code may run here).
pub unsafe fn traverse<T: PyClass>(
    obj: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
    body: fn(&T, PyVisit<'_>) -> Result<(), PyTraverseError>,
) -> c_int {
    let ty = ffi::Py_TYPE(obj) as *mut ffi::PyObject;
    let r = visit(ty, arg);
    if r != 0 {
        return r;
    }
    let flag = checker::<T>(obj);
    if flag.is_mutably_borrowed() {
        return 0;
    }
    let _ = flag.try_borrow();
    let value = &*(*contents::<T>(obj)).get_ptr();
    let visitor = PyVisit { visit, arg, _guard: PhantomData };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| body(value, visitor)));
    flag.release_borrow();
    match result {
        Ok(Ok(())) => 0,
        Ok(Err(PyTraverseError(r))) => r,
        Err(_) => 0,
    }
}

/// Body of a generated `tp_clear`.
pub unsafe fn clear<T: PyClass>(obj: *mut ffi::PyObject, body: fn(&mut T)) -> c_int {
    crate::impl_::trampoline::trampoline(|_py: Python<'_>| {
        let flag = checker::<T>(obj);
        flag.try_borrow_mut()?;
        body(&mut *(*contents::<T>(obj)).get_ptr());
        flag.release_borrow_mut();
        Ok(0)
    })
}

//! Garbage-collector support: `__traverse__` gets a `PyVisit`, `__clear__`
//! drops references, and the wrappers `tp_traverse`/`tp_clear` call them for
//! every level of an `extends` chain (base levels first), plus each level's
//! `__dict__`.
use std::ffi::{c_int, c_void};
use std::marker::PhantomData;

use super::borrow::BorrowChecker;
use super::layout::{checker, contents, SlotPtr, ThreadCheck};
use super::{PyClass, PyClassBaseType};
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

type TraverseBody<T> = fn(&T, PyVisit<'_>) -> Result<(), PyTraverseError>;

/// Body of a generated `tp_traverse` (a class with `__traverse__`).
pub unsafe fn traverse<T: PyClass>(obj: *mut ffi::PyObject, visit: ffi::visitproc, arg: *mut c_void, body: TraverseBody<T>) -> c_int {
    traverse_level::<T>(obj, visit, arg, Some(body))
}

/// `tp_traverse` of a GC class without `__traverse__` (it has a `__dict__`, or a GC base).
pub(crate) unsafe extern "C" fn tp_traverse_default<T: PyClass>(obj: *mut ffi::PyObject, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
    traverse_level::<T>(obj, visit, arg, None)
}

/// `tp_clear` of a GC class without `__clear__`.
pub(crate) unsafe extern "C" fn tp_clear_default<T: PyClass>(obj: *mut ffi::PyObject) -> c_int {
    clear_level::<T>(obj, None)
}

unsafe fn type_slot(ty: *mut ffi::PyTypeObject, slot: c_int) -> *mut c_void {
    super::slots::type_slot(ty, slot)
}

/// Visits the base levels, the type (once, at the lowest level that is a
/// ferrule class, as CPython's `subtype_traverse` expects), this level's
/// `__dict__` and value. No Python code runs and no object is freed here:
/// attaching panics and `Py<T>` drops are deferred until the next attach.
unsafe fn traverse_level<T: PyClass>(obj: *mut ffi::PyObject, visit: ffi::visitproc, arg: *mut c_void, body: Option<TraverseBody<T>>) -> c_int {
    let _forbid = crate::gil::ForbidAttach::during_traverse();
    let py = Python::assume_attached();
    let base = <T::BaseType as crate::PyTypeInfo>::type_object_raw(py);
    let base_traverse = type_slot(base, ffi::Py_tp_traverse);
    if !(<T::BaseType as PyClassBaseType>::IS_PYCLASS && !base_traverse.is_null()) {
        let r = visit(ffi::Py_TYPE(obj) as *mut ffi::PyObject, arg);
        if r != 0 {
            return r;
        }
    }
    if !base_traverse.is_null() {
        let base_traverse: ffi::traverseproc = std::mem::transmute(base_traverse);
        let r = base_traverse(obj, visit, arg);
        if r != 0 {
            return r;
        }
    }
    let c = contents::<T>(obj);
    if T::Dict::PRESENT {
        let dict = *(&(*c).dict as *const T::Dict as *const *mut ffi::PyObject);
        if !dict.is_null() {
            let r = visit(dict, arg);
            if r != 0 {
                return r;
            }
        }
    }
    let Some(body) = body else { return 0 };
    // A value being mutated (or owned by another thread) cannot be read.
    if !(*c).thread.is_owner() {
        return 0;
    }
    let flag = checker::<T>(obj);
    if flag.try_borrow().is_err() {
        return 0;
    }
    let _release = ReleaseShared(flag);
    let value = &*(*c).get_ptr();
    let visitor = PyVisit { visit, arg, _guard: PhantomData };
    // The panic message is printed by the panic hook; the collector only needs a number: -1, as
    // PyO3 returns (CPython's collector ignores it; a direct caller sees the traversal failed).
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| body(value, visitor))) {
        Ok(Ok(())) => 0,
        Ok(Err(PyTraverseError(r))) => r,
        Err(_) => -1,
    }
}

struct ReleaseShared<'a, C: BorrowChecker>(&'a C);
impl<C: BorrowChecker> Drop for ReleaseShared<'_, C> {
    fn drop(&mut self) {
        self.0.release_borrow()
    }
}

struct ReleaseMut<'a, C: BorrowChecker>(&'a C);
impl<C: BorrowChecker> Drop for ReleaseMut<'_, C> {
    fn drop(&mut self) {
        self.0.release_borrow_mut()
    }
}

/// Body of a generated `tp_clear`.
pub unsafe fn clear<T: PyClass>(obj: *mut ffi::PyObject, body: fn(&mut T)) -> c_int {
    clear_level::<T>(obj, Some(body))
}

/// `fn __clear__(slf: &Bound<'_, Self>)`: the base levels and `__dict__` are cleared as for
/// [`clear`], then the method gets the object and borrows it as it likes (`slf.borrow_mut()`).
pub unsafe fn clear_bound<T: PyClass>(obj: *mut ffi::PyObject, body: fn(&crate::Bound<'_, T>)) -> c_int {
    if clear_level::<T>(obj, None) != 0 {
        return -1;
    }
    crate::impl_::trampoline::trampoline(|py: Python<'_>| {
        (*contents::<T>(obj)).thread.ensure(std::any::type_name::<T>());
        body(crate::Bound::<T>::ref_from_ptr(py, &obj));
        Ok(0)
    })
}

/// Clears the base levels, then this level's value (through `__clear__`, with
/// the borrow released on every exit, panics included) and `__dict__`.
unsafe fn clear_level<T: PyClass>(obj: *mut ffi::PyObject, body: Option<fn(&mut T)>) -> c_int {
    crate::impl_::trampoline::trampoline(|py: Python<'_>| {
        let base = <T::BaseType as crate::PyTypeInfo>::type_object_raw(py);
        let base_clear = type_slot(base, ffi::Py_tp_clear);
        if !base_clear.is_null() {
            let base_clear: ffi::inquiry = std::mem::transmute(base_clear);
            if base_clear(obj) != 0 && !ffi::PyErr_Occurred().is_null() {
                return Err(crate::PyErr::fetch(py));
            }
        }
        let c = contents::<T>(obj);
        if T::Dict::PRESENT {
            ffi::Py_CLEAR(&mut (*c).dict as *mut T::Dict as *mut *mut ffi::PyObject);
        }
        if let Some(body) = body {
            (*c).thread.ensure(std::any::type_name::<T>());
            let flag = checker::<T>(obj);
            flag.try_borrow_mut()?;
            let _release = ReleaseMut(flag);
            body(&mut *(*c).get_ptr());
        }
        Ok(0)
    })
}

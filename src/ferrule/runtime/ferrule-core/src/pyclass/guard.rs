//! `PyClassGuard`/`PyClassGuardMut` (PyO3 0.29): borrows of an instance's Rust
//! value that hold no reference count, only the borrow, for as long as the
//! object they were made from is borrowed (`'a`).
//!
//! Unlike PyO3's they are not `Send`: ferrule's borrow flag is a plain counter
//! that only attached threads touch, so a guard cannot be released in
//! `py.detach` on another thread.
use std::fmt;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};
use std::ptr::NonNull;

use super::borrow::{BorrowChecker, PyBorrowError, PyBorrowMutError};
use super::layout::{checker, contents, ensure_thread};
use super::{boolean, PyClass};
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::PyErr;
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::PyAny;

/// A shared borrow of a `T` instance, released on drop.
pub struct PyClassGuard<'a, T: PyClass> {
    obj: NonNull<ffi::PyObject>,
    _marker: PhantomData<(&'a T, *mut ())>, // `*mut ()`: stays on the attached thread
}

/// An exclusive borrow of a `T` instance, released on drop.
pub struct PyClassGuardMut<'a, T: PyClass<Frozen = boolean::False>> {
    obj: NonNull<ffi::PyObject>,
    _marker: PhantomData<(&'a mut T, *mut ())>,
}

impl<'a, T: PyClass> PyClassGuard<'a, T> {
    /// # Safety
    /// `obj` must be a `T` instance that stays alive for `'a`.
    unsafe fn try_new(obj: *mut ffi::PyObject) -> Result<Self, PyBorrowError> {
        ensure_thread::<T>(obj);
        checker::<T>(obj).try_borrow()?;
        Ok(PyClassGuard { obj: NonNull::new_unchecked(obj), _marker: PhantomData })
    }

    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.obj.as_ptr()
    }

    /// A guard over a part of the value (the borrow moves into it).
    pub fn map<F, U: ?Sized>(self, f: F) -> PyClassGuardMap<'a, U>
    where
        F: FnOnce(&T) -> &U,
    {
        let value = NonNull::from(f(&self));
        let obj = self.obj;
        std::mem::forget(self);
        PyClassGuardMap { value, obj, release: release_shared::<T>, _marker: PhantomData }
    }

    /// The base class's view; the borrow covers every level of the object.
    pub fn as_super(&self) -> &PyClassGuard<'a, T::BaseType>
    where
        T::BaseType: PyClass,
    {
        // Same layout (one pointer); the flag released on drop is the root's either way.
        unsafe { &*(self as *const PyClassGuard<'a, T> as *const PyClassGuard<'a, T::BaseType>) }
    }

    pub fn into_super(self) -> PyClassGuard<'a, T::BaseType>
    where
        T::BaseType: PyClass,
    {
        let obj = self.obj;
        std::mem::forget(self);
        unsafe {
            let mine = checker::<T>(obj.as_ptr()) as *const _ as *const u8;
            let base = checker::<T::BaseType>(obj.as_ptr()) as *const _ as *const u8;
            if mine != base {
                // A mutable class over a frozen base: the base's view needs no flag.
                checker::<T>(obj.as_ptr()).release_borrow();
            }
        }
        PyClassGuard { obj, _marker: PhantomData }
    }
}

unsafe fn release_shared<T: PyClass>(obj: *mut ffi::PyObject) {
    checker::<T>(obj).release_borrow();
}

unsafe fn release_exclusive<T: PyClass>(obj: *mut ffi::PyObject) {
    checker::<T>(obj).release_borrow_mut();
}

impl<'a, T: PyClass<Frozen = boolean::False>> PyClassGuardMut<'a, T> {
    /// The base class's view while this guard lives, as [`PyRefMut::as_super`](crate::PyRefMut::as_super)
    /// gives it (a [`SuperMut`](crate::pyclass::SuperMut), which cannot be swapped out).
    pub fn as_super(&mut self) -> &mut super::SuperMut<'a, T::BaseType>
    where
        T::BaseType: PyClass<Frozen = boolean::False>,
    {
        unsafe { super::SuperMut::from_ptr(self.obj.as_ptr()) }
    }

    /// # Safety
    /// `obj` must be a `T` instance that stays alive for `'a`.
    unsafe fn try_new(obj: *mut ffi::PyObject) -> Result<Self, PyBorrowMutError> {
        ensure_thread::<T>(obj);
        checker::<T>(obj).try_borrow_mut()?;
        Ok(PyClassGuardMut { obj: NonNull::new_unchecked(obj), _marker: PhantomData })
    }

    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.obj.as_ptr()
    }

    /// A guard over a part of the value (the exclusive borrow moves into it).
    pub fn map<F, U: ?Sized>(mut self, f: F) -> PyClassGuardMapMut<'a, U>
    where
        F: FnOnce(&mut T) -> &mut U,
    {
        let value = NonNull::from(f(&mut self));
        let obj = self.obj;
        std::mem::forget(self);
        PyClassGuardMapMut { value, obj, release: release_exclusive::<T>, _marker: PhantomData }
    }
}

impl<T: PyClass> Deref for PyClassGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        unsafe { &*(*contents::<T>(self.obj.as_ptr())).value.get() }
    }
}

impl<T: PyClass<Frozen = boolean::False>> Deref for PyClassGuardMut<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        unsafe { &*(*contents::<T>(self.obj.as_ptr())).value.get() }
    }
}

impl<T: PyClass<Frozen = boolean::False>> DerefMut for PyClassGuardMut<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        unsafe { &mut *(*contents::<T>(self.obj.as_ptr())).value.get() }
    }
}

impl<T: PyClass> Drop for PyClassGuard<'_, T> {
    fn drop(&mut self) {
        unsafe { release_shared::<T>(self.obj.as_ptr()) }
    }
}

impl<T: PyClass<Frozen = boolean::False>> Drop for PyClassGuardMut<'_, T> {
    fn drop(&mut self) {
        unsafe { release_exclusive::<T>(self.obj.as_ptr()) }
    }
}

impl<T: PyClass + fmt::Debug> fmt::Debug for PyClassGuard<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: PyClass<Frozen = boolean::False> + fmt::Debug> fmt::Debug for PyClassGuardMut<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<'a, 'py, T: PyClass> FromPyObject<'a, 'py> for PyClassGuard<'a, T> {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> Result<Self, PyErr> {
        let obj = obj.cast::<T>()?;
        Ok(unsafe { Self::try_new(obj.as_ptr()) }?)
    }
}

impl<'a, 'py, T: PyClass<Frozen = boolean::False>> FromPyObject<'a, 'py> for PyClassGuardMut<'a, T> {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> Result<Self, PyErr> {
        let obj = obj.cast::<T>()?;
        Ok(unsafe { Self::try_new(obj.as_ptr()) }?)
    }
}

impl<'a, 'py, T: PyClass> TryFrom<&'a Bound<'py, T>> for PyClassGuard<'a, T> {
    type Error = PyBorrowError;
    fn try_from(value: &'a Bound<'py, T>) -> Result<Self, Self::Error> {
        unsafe { Self::try_new(value.as_ptr()) }
    }
}

impl<'a, 'py, T: PyClass<Frozen = boolean::False>> TryFrom<&'a Bound<'py, T>> for PyClassGuardMut<'a, T> {
    type Error = PyBorrowMutError;
    fn try_from(value: &'a Bound<'py, T>) -> Result<Self, Self::Error> {
        unsafe { Self::try_new(value.as_ptr()) }
    }
}

impl<'a, 'py, T: PyClass> IntoPyObject<'py> for PyClassGuard<'a, T> {
    type Target = T;
    type Output = Bound<'py, T>;
    type Error = std::convert::Infallible;
    fn into_pyobject(self, py: Python<'py>) -> Result<Bound<'py, T>, Self::Error> {
        Ok(unsafe { Bound::<PyAny>::from_borrowed_ptr_typed(py, self.obj.as_ptr()).cast_into_unchecked() })
    }
}

impl<'a, 'py, T: PyClass<Frozen = boolean::False>> IntoPyObject<'py> for PyClassGuardMut<'a, T> {
    type Target = T;
    type Output = Bound<'py, T>;
    type Error = std::convert::Infallible;
    fn into_pyobject(self, py: Python<'py>) -> Result<Bound<'py, T>, Self::Error> {
        Ok(unsafe { Bound::<PyAny>::from_borrowed_ptr_typed(py, self.obj.as_ptr()).cast_into_unchecked() })
    }
}

/// What `PyClassGuard::map` returns: a part of the value, still borrowed.
pub struct PyClassGuardMap<'a, U: ?Sized> {
    value: NonNull<U>,
    obj: NonNull<ffi::PyObject>,
    release: unsafe fn(*mut ffi::PyObject),
    _marker: PhantomData<(&'a U, *mut ())>,
}

/// What `PyClassGuardMut::map` returns.
pub struct PyClassGuardMapMut<'a, U: ?Sized> {
    value: NonNull<U>,
    obj: NonNull<ffi::PyObject>,
    release: unsafe fn(*mut ffi::PyObject),
    _marker: PhantomData<(&'a mut U, *mut ())>,
}

impl<U: ?Sized> Deref for PyClassGuardMap<'_, U> {
    type Target = U;
    fn deref(&self) -> &U {
        unsafe { self.value.as_ref() }
    }
}

impl<U: ?Sized> Deref for PyClassGuardMapMut<'_, U> {
    type Target = U;
    fn deref(&self) -> &U {
        unsafe { self.value.as_ref() }
    }
}

impl<U: ?Sized> DerefMut for PyClassGuardMapMut<'_, U> {
    fn deref_mut(&mut self) -> &mut U {
        unsafe { self.value.as_mut() }
    }
}

impl<U: ?Sized> Drop for PyClassGuardMap<'_, U> {
    fn drop(&mut self) {
        unsafe { (self.release)(self.obj.as_ptr()) }
    }
}

impl<U: ?Sized> Drop for PyClassGuardMapMut<'_, U> {
    fn drop(&mut self) {
        unsafe { (self.release)(self.obj.as_ptr()) }
    }
}

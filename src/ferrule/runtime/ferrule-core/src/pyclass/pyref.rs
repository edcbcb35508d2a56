//! `PyRef`/`PyRefMut`: runtime-checked borrows of an instance's Rust value,
//! and the `borrow*` methods on `Bound`/`Py`.
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

use super::borrow::{BorrowChecker, PyBorrowError, PyBorrowMutError};
use super::layout::{checker, contents, ensure_thread};
use super::{boolean, PyClass};
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::PyErr;
use crate::instance::{Borrowed, Bound, Py};
use crate::marker::Python;
use crate::types::PyAny;

/// A shared borrow of a `T` instance, released on drop.
pub struct PyRef<'py, T: PyClass> {
    inner: Bound<'py, T>,
}

/// An exclusive borrow of a `T` instance, released on drop.
pub struct PyRefMut<'py, T: PyClass> {
    inner: Bound<'py, T>,
}

impl<'py, T: PyClass> PyRef<'py, T> {
    pub fn py(&self) -> Python<'py> {
        self.inner.py()
    }
    pub fn as_ptr(&self) -> *mut crate::ffi::PyObject {
        self.inner.as_ptr()
    }
    pub fn into_ptr(self) -> *mut crate::ffi::PyObject {
        self.inner.clone().into_ptr()
    }
    pub fn as_bound(&self) -> &Bound<'py, T> {
        &self.inner
    }
    pub fn into_bound(self) -> Bound<'py, T> {
        self.inner.clone()
    }

    /// The base class's view; the borrow covers every level of the object.
    pub fn as_super(&self) -> &PyRef<'py, T::BaseType>
    where
        T::BaseType: PyClass,
    {
        unsafe { &*(self as *const PyRef<'py, T> as *const PyRef<'py, T::BaseType>) }
    }

    pub fn into_super(self) -> PyRef<'py, T::BaseType>
    where
        T::BaseType: PyClass,
    {
        let this = std::mem::ManuallyDrop::new(self);
        let ptr = this.inner.as_ptr();
        unsafe {
            let mine = checker::<T>(ptr) as *const _ as *const u8;
            let base = checker::<T::BaseType>(ptr) as *const _ as *const u8;
            if mine != base {
                // A mutable class over a frozen base has a flag of its own; the
                // base's view needs none (its values are never mutated).
                checker::<T>(ptr).release_borrow();
            }
        }
        PyRef { inner: unsafe { std::ptr::read(&this.inner).cast_into_unchecked() } }
    }

    /// The object, with the borrow left held: for a guard that releases it itself.
    #[cfg(feature = "experimental-async")]
    pub(crate) fn keep_borrow(self) -> Py<T> {
        let this = std::mem::ManuallyDrop::new(self);
        unsafe { std::ptr::read(&this.inner) }.unbind()
    }

    pub(crate) fn try_borrow(obj: &Bound<'py, T>) -> Result<Self, PyBorrowError> {
        unsafe { ensure_thread::<T>(obj.as_ptr()) };
        unsafe { checker::<T>(obj.as_ptr()) }.try_borrow()?;
        Ok(PyRef { inner: obj.clone() })
    }
}

impl<'py, T: PyClass> PyRefMut<'py, T> {
    pub fn py(&self) -> Python<'py> {
        self.inner.py()
    }
    pub fn as_ptr(&self) -> *mut crate::ffi::PyObject {
        self.inner.as_ptr()
    }
    pub fn into_ptr(self) -> *mut crate::ffi::PyObject {
        self.inner.clone().into_ptr()
    }
    pub fn as_bound(&self) -> &Bound<'py, T> {
        &self.inner
    }
    pub fn into_bound(self) -> Bound<'py, T> {
        self.inner.clone()
    }

    /// The base class's view, for as long as this borrow lives. It is a
    /// [`SuperMut`], not a `&mut PyRefMut<Base>` as in PyO3: a `&mut` to a
    /// movable reference would let `mem::swap` put another object behind this one.
    pub fn as_super(&mut self) -> &mut SuperMut<'py, T::BaseType>
    where
        T::BaseType: PyClass<Frozen = boolean::False>,
    {
        unsafe { SuperMut::from_ptr(self.inner.as_ptr()) }
    }

    pub fn into_super(self) -> PyRefMut<'py, T::BaseType>
    where
        T::BaseType: PyClass<Frozen = boolean::False>,
    {
        let this = std::mem::ManuallyDrop::new(self);
        PyRefMut { inner: unsafe { std::ptr::read(&this.inner).cast_into_unchecked() } }
    }

    /// As [`PyRef::keep_borrow`].
    #[cfg(feature = "experimental-async")]
    pub(crate) fn keep_borrow(self) -> Py<T> {
        let this = std::mem::ManuallyDrop::new(self);
        unsafe { std::ptr::read(&this.inner) }.unbind()
    }

    pub(crate) fn try_borrow_mut(obj: &Bound<'py, T>) -> Result<Self, PyBorrowMutError> {
        unsafe { ensure_thread::<T>(obj.as_ptr()) };
        unsafe { checker::<T>(obj.as_ptr()) }.try_borrow_mut()?;
        Ok(PyRefMut { inner: obj.clone() })
    }
}

/// A subclass's borrow read as its `#[pyclass]` base (`let base: &Base = slf.as_ref();`), as PyO3's.
impl<T, U> AsRef<U> for PyRef<'_, T>
where
    T: PyClass<BaseType = U>,
    U: PyClass,
{
    fn as_ref(&self) -> &U {
        self.as_super()
    }
}

impl<T: PyClass> Deref for PyRef<'_, T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        unsafe { &*(*contents::<T>(self.inner.as_ptr())).get_ptr() }
    }
}

impl<T: PyClass> Deref for PyRefMut<'_, T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        unsafe { &*(*contents::<T>(self.inner.as_ptr())).get_ptr() }
    }
}

impl<T: PyClass<Frozen = boolean::False>> DerefMut for PyRefMut<'_, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        unsafe { &mut *(*contents::<T>(self.inner.as_ptr())).get_ptr() }
    }
}

impl<T: PyClass> Drop for PyRef<'_, T> {
    fn drop(&mut self) {
        unsafe { checker::<T>(self.inner.as_ptr()) }.release_borrow()
    }
}

impl<T: PyClass> Drop for PyRefMut<'_, T> {
    fn drop(&mut self) {
        unsafe { checker::<T>(self.inner.as_ptr()) }.release_borrow_mut()
    }
}

impl<'py, T: PyClass> Bound<'py, T> {
    /// Borrows the value; panics when it is mutably borrowed (see `try_borrow`).
    pub fn borrow(&self) -> PyRef<'py, T> {
        self.try_borrow().expect("Already mutably borrowed")
    }
    pub fn borrow_mut(&self) -> PyRefMut<'py, T>
    where
        T: PyClass<Frozen = boolean::False>,
    {
        self.try_borrow_mut().expect("Already borrowed")
    }
    pub fn try_borrow(&self) -> Result<PyRef<'py, T>, PyBorrowError> {
        PyRef::try_borrow(self)
    }
    pub fn try_borrow_mut(&self) -> Result<PyRefMut<'py, T>, PyBorrowMutError>
    where
        T: PyClass<Frozen = boolean::False>,
    {
        PyRefMut::try_borrow_mut(self)
    }
    /// The value of a `frozen` class, with no borrow.
    pub fn get(&self) -> &T
    where
        T: PyClass<Frozen = boolean::True> + Sync,
    {
        unsafe { ensure_thread::<T>(self.as_ptr()) };
        unsafe { &*(*contents::<T>(self.as_ptr())).get_ptr() }
    }
    /// The same object as an instance of its base (a `#[pyclass]` or a native type).
    #[inline]
    pub fn as_super(&self) -> &Bound<'py, T::BaseType> {
        // An instance of T is an instance of its base; `Bound` layouts do not depend on T.
        unsafe { self.cast_unchecked() }
    }
    /// As [`Bound::as_super`], by value.
    #[inline]
    pub fn into_super(self) -> Bound<'py, T::BaseType> {
        unsafe { self.cast_into_unchecked() }
    }
}

impl<'a, T: PyClass> Borrowed<'a, '_, T> {
    /// The value of a `frozen` class, for as long as the borrow lives.
    pub fn get(self) -> &'a T
    where
        T: PyClass<Frozen = boolean::True> + Sync,
    {
        unsafe { ensure_thread::<T>(self.as_ptr()) };
        unsafe { &*(*contents::<T>(self.as_ptr())).get_ptr() }
    }
}

impl<T: PyClass> Py<T> {
    pub fn borrow<'py>(&'py self, py: Python<'py>) -> PyRef<'py, T> {
        self.bind(py).borrow()
    }
    pub fn borrow_mut<'py>(&'py self, py: Python<'py>) -> PyRefMut<'py, T>
    where
        T: PyClass<Frozen = boolean::False>,
    {
        self.bind(py).borrow_mut()
    }
    pub fn try_borrow<'py>(&'py self, py: Python<'py>) -> Result<PyRef<'py, T>, PyBorrowError> {
        self.bind(py).try_borrow()
    }
    pub fn try_borrow_mut<'py>(&'py self, py: Python<'py>) -> Result<PyRefMut<'py, T>, PyBorrowMutError>
    where
        T: PyClass<Frozen = boolean::False>,
    {
        self.bind(py).try_borrow_mut()
    }
    pub fn get(&self) -> &T
    where
        T: PyClass<Frozen = boolean::True> + Sync,
    {
        unsafe { ensure_thread::<T>(self.as_ptr()) };
        unsafe { &*(*contents::<T>(self.as_ptr())).get_ptr() }
    }
}

impl<'a, 'py, T: PyClass> FromPyObject<'a, 'py> for PyRef<'py, T> {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> Result<Self, PyErr> {
        Ok(obj.cast::<T>()?.try_borrow()?)
    }
}

impl<'a, 'py, T: PyClass<Frozen = boolean::False>> FromPyObject<'a, 'py> for PyRefMut<'py, T> {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> Result<Self, PyErr> {
        Ok(obj.cast::<T>()?.try_borrow_mut()?)
    }
}

impl<'py, T: PyClass> IntoPyObject<'py> for PyRef<'py, T> {
    type Target = T;
    type Output = Bound<'py, T>;
    type Error = std::convert::Infallible;
    fn into_pyobject(self, _py: Python<'py>) -> Result<Bound<'py, T>, Self::Error> {
        Ok(self.inner.clone())
    }
}

impl<'py, T: PyClass> IntoPyObject<'py> for PyRefMut<'py, T> {
    type Target = T;
    type Output = Bound<'py, T>;
    type Error = std::convert::Infallible;
    fn into_pyobject(self, _py: Python<'py>) -> Result<Bound<'py, T>, Self::Error> {
        Ok(self.inner.clone())
    }
}

/// Glue helper for `T: Clone` extraction: the bound mentions a lifetime of the
/// impl, so it is checked where used instead of at the impl.
pub struct CloneCheck<'a, T>(std::marker::PhantomData<&'a T>);
pub trait IsClone<T> {
    fn clone_value(value: &T) -> T;
}
impl<'a, T: Clone> IsClone<T> for CloneCheck<'a, T> {
    #[inline]
    fn clone_value(value: &T) -> T {
        value.clone()
    }
}

impl<T: PyClass + std::fmt::Debug> std::fmt::Debug for PyRef<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

/// What `PyRefMut::as_super` lends: the base levels of an exclusively
/// borrowed object. It is unsized (a zero-length view at the object's
/// address), so it cannot be moved, swapped or replaced; it derefs to the base
/// value and chains with its own `as_super`.
#[repr(transparent)]
pub struct SuperMut<'py, T: PyClass> {
    _marker: PhantomData<(Python<'py>, *mut T)>,
    at: [u8],
}

impl<'py, T: PyClass> SuperMut<'py, T> {
    /// `obj` is a `T` (or a subclass) held exclusively for the returned lifetime.
    pub(crate) unsafe fn from_ptr<'a>(obj: *mut crate::ffi::PyObject) -> &'a mut Self {
        &mut *(std::ptr::slice_from_raw_parts_mut(obj as *mut u8, 0) as *mut Self)
    }
    fn obj(&self) -> *mut crate::ffi::PyObject {
        self as *const Self as *const u8 as *mut crate::ffi::PyObject
    }
    pub fn py(&self) -> Python<'py> {
        unsafe { Python::assume_attached() }
    }
    pub fn as_ptr(&self) -> *mut crate::ffi::PyObject {
        self.obj()
    }
    pub fn as_super(&mut self) -> &mut SuperMut<'py, T::BaseType>
    where
        T::BaseType: PyClass<Frozen = boolean::False>,
    {
        unsafe { SuperMut::from_ptr(self.obj()) }
    }
}

impl<T: PyClass> Deref for SuperMut<'_, T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        unsafe { &*(*contents::<T>(self.obj())).get_ptr() }
    }
}

impl<T: PyClass<Frozen = boolean::False>> DerefMut for SuperMut<'_, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        unsafe { &mut *(*contents::<T>(self.obj())).get_ptr() }
    }
}

/// The object a borrow is of, as an owned reference (the borrow ends with it).
impl<T: PyClass> From<PyRef<'_, T>> for crate::Py<T> {
    fn from(r: PyRef<'_, T>) -> Self {
        r.into_bound().unbind()
    }
}

impl<T: PyClass> From<PyRefMut<'_, T>> for crate::Py<T> {
    fn from(r: PyRefMut<'_, T>) -> Self {
        r.into_bound().unbind()
    }
}

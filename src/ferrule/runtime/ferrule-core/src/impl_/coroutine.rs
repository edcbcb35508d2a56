//! What the glue of an `async fn` binding uses: the call's arguments are
//! taken as owned references when Python calls, converted to Rust values on
//! the coroutine's first poll, and the whole future is stored in a
//! [`Coroutine`]. Every poll and the drop of that future happen while
//! attached (inside `send`/`throw`/`__next__` or the coroutine's dealloc).
use std::future::Future;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

use crate::conversion::FromPyObject;
use crate::coroutine::{Coroutine, ThrowCallback};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::{Borrowed, Bound, Py};
use crate::marker::Python;
use crate::pyclass::layout::{checker, contents};
use crate::pyclass::{boolean, BorrowChecker, PyClass, PyRef, PyRefMut};
use crate::types::{PyAny, PyString};

type Ptr = *mut ffi::PyObject;

/// Wraps the future in a new coroutine object, named after the function
/// (`qualname_prefix` is the class of a method).
pub fn new_coroutine<F>(
    py: Python<'_>,
    name: &'static str,
    qualname_prefix: Option<&'static str>,
    throw_callback: Option<ThrowCallback>,
    future: F,
) -> PyResult<Ptr>
where
    F: Future<Output = PyResult<Py<PyAny>>> + Send + 'static,
{
    let name = PyString::intern(py, name).unbind();
    Bound::new(py, Coroutine::new(Some(name), qualname_prefix, throw_callback, future)).map(Bound::into_ptr)
}

/// A `Python` token for code inside the future. Unlike `Python`, it is `Send`,
/// so the future stays `Send`; tokens made from it must not live across `.await`.
pub struct AssumeAttached(());

impl AssumeAttached {
    /// # Safety
    /// Only inside a future given to [`new_coroutine`], which is polled attached.
    pub unsafe fn new() -> Self {
        AssumeAttached(())
    }

    #[inline]
    pub fn py(&self) -> Python<'_> {
        unsafe { Python::assume_attached() }
    }
}

// `Option<Py<_>>` is one pointer, NULL for `None`: an array of them reads as the
// argument slots the extraction functions take.
const _: () = assert!(std::mem::size_of::<Option<Py<PyAny>>>() == std::mem::size_of::<Ptr>());

/// New references to the argument slots (NULL stays `None`), for the future to own.
pub unsafe fn own_args<const N: usize>(py: Python<'_>, slots: &[Ptr; N]) -> [Option<Py<PyAny>>; N] {
    slots.map(|p| if p.is_null() { None } else { Some(Py::from_borrowed_ptr(py, p)) })
}

/// The owned arguments viewed as slots, borrowed for as long as the future owns them.
#[inline]
pub fn arg_slots<const N: usize>(owned: &[Option<Py<PyAny>>; N]) -> &[Ptr; N] {
    unsafe { &*(owned as *const [Option<Py<PyAny>>; N] as *const [Ptr; N]) }
}

/// A new reference to the receiver (or class) the future will use.
pub unsafe fn own_ptr(py: Python<'_>, p: Ptr) -> Py<PyAny> {
    Py::from_borrowed_ptr(py, p)
}

/// A shared borrow of a `#[pyclass]` value held by a coroutine across
/// `.await` (`&self`, or a `&T` argument). `Send` only when `T: Sync`, so a
/// future holding it is `Send` exactly when sharing `&T` with another thread is.
pub struct RefGuard<T: PyClass>(Py<T>, PhantomData<*const T>);

/// As [`RefGuard`], exclusive (`&mut self`, `&mut T`); `Send` when `T: Send + Sync`.
pub struct RefMutGuard<T: PyClass<Frozen = boolean::False>>(Py<T>, PhantomData<*mut T>);

unsafe impl<T: PyClass + Sync> Send for RefGuard<T> {}
unsafe impl<T: PyClass + Sync> Sync for RefGuard<T> {}
unsafe impl<T: PyClass<Frozen = boolean::False> + Send + Sync> Send for RefMutGuard<T> {}
unsafe impl<T: PyClass<Frozen = boolean::False> + Sync> Sync for RefMutGuard<T> {}

impl<T: PyClass> RefGuard<T> {
    /// Borrows the receiver `slf` (type-checked, as a `&self` method does).
    pub unsafe fn receiver(py: Python<'_>, slf: &Py<PyAny>) -> PyResult<Self> {
        let bound = crate::impl_::pyclass::self_bound::<T>(py, &slf.as_ptr())?.clone();
        Ok(Self::from_ref(bound.try_borrow()?))
    }

    fn from_ref(r: PyRef<'_, T>) -> Self {
        RefGuard(r.keep_borrow(), PhantomData)
    }
}

impl<T: PyClass<Frozen = boolean::False>> RefMutGuard<T> {
    pub unsafe fn receiver(py: Python<'_>, slf: &Py<PyAny>) -> PyResult<Self> {
        let bound = crate::impl_::pyclass::self_bound::<T>(py, &slf.as_ptr())?.clone();
        Ok(Self::from_mut(bound.try_borrow_mut()?))
    }

    fn from_mut(r: PyRefMut<'_, T>) -> Self {
        RefMutGuard(r.keep_borrow(), PhantomData)
    }
}

impl<T: PyClass> Deref for RefGuard<T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        unsafe { &*(*contents::<T>(self.0.as_ptr())).get_ptr() }
    }
}

impl<T: PyClass<Frozen = boolean::False>> Deref for RefMutGuard<T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        unsafe { &*(*contents::<T>(self.0.as_ptr())).get_ptr() }
    }
}

impl<T: PyClass<Frozen = boolean::False>> DerefMut for RefMutGuard<T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        unsafe { &mut *(*contents::<T>(self.0.as_ptr())).get_ptr() }
    }
}

impl<T: PyClass> Drop for RefGuard<T> {
    fn drop(&mut self) {
        debug_assert!(crate::gil::is_attached());
        unsafe { checker::<T>(self.0.as_ptr()) }.release_borrow()
    }
}

impl<T: PyClass<Frozen = boolean::False>> Drop for RefMutGuard<T> {
    fn drop(&mut self) {
        debug_assert!(crate::gil::is_attached());
        unsafe { checker::<T>(self.0.as_ptr()) }.release_borrow_mut()
    }
}

impl<'a, 'py, T: PyClass> FromPyObject<'a, 'py> for RefGuard<T> {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(Self::from_ref(obj.extract::<PyRef<'py, T>>()?))
    }
}

impl<'a, 'py, T: PyClass<Frozen = boolean::False>> FromPyObject<'a, 'py> for RefMutGuard<T> {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(Self::from_mut(obj.extract::<PyRefMut<'py, T>>()?))
    }
}

//! Owned and borrowed references to Python objects: `Py<T>` (no lifetime,
//! storable anywhere), `Bound<'py, T>` (owned, tied to an attached thread) and
//! `Borrowed<'a, 'py, T>` (a copyable borrow of someone else's reference).
//! All three are one pointer wide, so `&Bound` can point into an argument array.
use std::fmt;
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::ptr::NonNull;

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::gil;
use crate::marker::Python;
use crate::types::{DerefToPyAny, PyAny};

/// A strong reference that outlives any `Python<'py>` scope.
#[repr(transparent)]
pub struct Py<T>(NonNull<ffi::PyObject>, PhantomData<T>);

// Reference counts are only touched while attached (see `Drop`).
unsafe impl<T> Send for Py<T> {}
unsafe impl<T> Sync for Py<T> {}

/// PyO3's name for `Py<PyAny>`.
pub type PyObject = Py<PyAny>;

impl<T> Py<T> {
    #[inline]
    pub unsafe fn from_owned_ptr(_py: Python<'_>, ptr: *mut ffi::PyObject) -> Py<T> {
        match NonNull::new(ptr) {
            Some(p) => Py(p, PhantomData),
            None => crate::err::panic_after_error(_py),
        }
    }

    #[inline]
    pub unsafe fn from_borrowed_ptr(py: Python<'_>, ptr: *mut ffi::PyObject) -> Py<T> {
        ffi::Py_INCREF(ptr);
        Self::from_owned_ptr(py, ptr)
    }

    #[inline]
    pub unsafe fn from_owned_ptr_or_err(py: Python<'_>, ptr: *mut ffi::PyObject) -> PyResult<Py<T>> {
        match NonNull::new(ptr) {
            Some(p) => Ok(Py(p, PhantomData)),
            None => Err(PyErr::fetch(py)),
        }
    }

    #[inline]
    pub unsafe fn from_owned_ptr_or_opt(_py: Python<'_>, ptr: *mut ffi::PyObject) -> Option<Py<T>> {
        NonNull::new(ptr).map(|p| Py(p, PhantomData))
    }

    #[inline]
    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.0.as_ptr()
    }

    #[inline]
    pub fn into_ptr(self) -> *mut ffi::PyObject {
        ManuallyDrop::new(self).0.as_ptr()
    }

    #[inline]
    pub fn bind<'py>(&self, _py: Python<'py>) -> &Bound<'py, T> {
        unsafe { &*(self as *const Py<T> as *const Bound<'py, T>) }
    }

    #[inline]
    pub fn into_bound<'py>(self, py: Python<'py>) -> Bound<'py, T> {
        Bound(py, ManuallyDrop::new(self))
    }

    #[inline]
    pub fn bind_borrowed<'a, 'py>(&'a self, py: Python<'py>) -> Borrowed<'a, 'py, T> {
        Borrowed(self.0, PhantomData, py)
    }

    #[inline]
    pub fn clone_ref(&self, _py: Python<'_>) -> Py<T> {
        unsafe { ffi::Py_INCREF(self.as_ptr()) };
        Py(self.0, PhantomData)
    }

    #[inline]
    pub fn as_any(&self) -> &Py<PyAny> {
        unsafe { &*(self as *const Py<T> as *const Py<PyAny>) }
    }

    #[inline]
    pub fn into_any(self) -> Py<PyAny> {
        unsafe { Py::from_non_null(ManuallyDrop::new(self).0) }
    }

    #[inline]
    pub(crate) unsafe fn from_non_null(ptr: NonNull<ffi::PyObject>) -> Self {
        Py(ptr, PhantomData)
    }

    pub fn is_none(&self, _py: Python<'_>) -> bool {
        unsafe { self.as_ptr() == ffi::Py_None() }
    }

    /// Same object (Python's `is`): takes a `Py`, `Bound` or `Borrowed`, or a reference to one.
    pub fn is<U: AsRef<Py<PyAny>>>(&self, other: U) -> bool {
        self.as_ptr() == other.as_ref().as_ptr()
    }

    pub fn get_refcnt(&self, _py: Python<'_>) -> isize {
        unsafe { ffi::Py_REFCNT(self.as_ptr()) as isize }
    }

    pub fn extract<'a, 'py, D>(&'a self, py: Python<'py>) -> Result<D, D::Error>
    where
        D: crate::FromPyObject<'a, 'py>,
    {
        D::extract(Borrowed::<PyAny>(self.0, PhantomData, py))
    }
}

impl<T> Drop for Py<T> {
    fn drop(&mut self) {
        gil::release(self.0);
    }
}

impl<T> Clone for Py<T> {
    /// Needs an attached thread, like PyO3 with its `py-clone` feature.
    fn clone(&self) -> Self {
        assert!(gil::is_attached(), "Py<T>::clone needs an attached thread; use clone_ref(py)");
        unsafe { ffi::Py_INCREF(self.as_ptr()) };
        Py(self.0, PhantomData)
    }
}

impl<T> fmt::Debug for Py<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Py").field(&self.0.as_ptr()).finish()
    }
}

// As in PyO3, a pointer becomes a `Bound<PyAny>` (cast it with `cast_into`), so
// `Bound::from_owned_ptr(py, p)` needs no type annotation.
impl<'py> Bound<'py, PyAny> {
    #[inline]
    pub unsafe fn from_owned_ptr(py: Python<'py>, ptr: *mut ffi::PyObject) -> Self {
        Self::from_owned_ptr_typed(py, ptr)
    }

    #[inline]
    pub unsafe fn from_owned_ptr_or_err(py: Python<'py>, ptr: *mut ffi::PyObject) -> PyResult<Self> {
        Self::from_owned_ptr_or_err_typed(py, ptr)
    }

    #[inline]
    pub unsafe fn from_owned_ptr_or_opt(py: Python<'py>, ptr: *mut ffi::PyObject) -> Option<Self> {
        Self::from_owned_ptr_or_opt_typed(py, ptr)
    }

    #[inline]
    pub unsafe fn from_borrowed_ptr(py: Python<'py>, ptr: *mut ffi::PyObject) -> Self {
        Self::from_borrowed_ptr_typed(py, ptr)
    }

    #[inline]
    pub unsafe fn from_borrowed_ptr_or_err(py: Python<'py>, ptr: *mut ffi::PyObject) -> PyResult<Self> {
        Self::from_borrowed_ptr_or_err_typed(py, ptr)
    }

    #[inline]
    pub unsafe fn from_borrowed_ptr_or_opt(py: Python<'py>, ptr: *mut ffi::PyObject) -> Option<Self> {
        if ptr.is_null() { None } else { Some(Self::from_borrowed_ptr_typed(py, ptr)) }
    }
}

/// A strong reference usable while the thread is attached.
#[repr(transparent)]
pub struct Bound<'py, T>(Python<'py>, ManuallyDrop<Py<T>>);

impl<'py, T> Bound<'py, T> {
    #[inline]
    pub fn py(&self) -> Python<'py> {
        self.0
    }

    // The runtime's own casts: any `T`, unchecked (PyO3's public ones below give `Bound<PyAny>`).
    #[inline]
    pub(crate) unsafe fn from_owned_ptr_typed(py: Python<'py>, ptr: *mut ffi::PyObject) -> Self {
        Bound(py, ManuallyDrop::new(Py::from_owned_ptr(py, ptr)))
    }

    #[inline]
    pub(crate) unsafe fn from_owned_ptr_or_err_typed(py: Python<'py>, ptr: *mut ffi::PyObject) -> PyResult<Self> {
        Py::from_owned_ptr_or_err(py, ptr).map(|p| Bound(py, ManuallyDrop::new(p)))
    }

    #[inline]
    pub(crate) unsafe fn from_owned_ptr_or_opt_typed(py: Python<'py>, ptr: *mut ffi::PyObject) -> Option<Self> {
        Py::from_owned_ptr_or_opt(py, ptr).map(|p| Bound(py, ManuallyDrop::new(p)))
    }

    #[inline]
    pub(crate) unsafe fn from_borrowed_ptr_typed(py: Python<'py>, ptr: *mut ffi::PyObject) -> Self {
        Bound(py, ManuallyDrop::new(Py::from_borrowed_ptr(py, ptr)))
    }

    #[inline]
    pub(crate) unsafe fn from_borrowed_ptr_or_err_typed(py: Python<'py>, ptr: *mut ffi::PyObject) -> PyResult<Self> {
        if ptr.is_null() {
            Err(PyErr::fetch(py))
        } else {
            Ok(Self::from_borrowed_ptr_typed(py, ptr))
        }
    }

    /// Views a pointer slot as a `&Bound` without touching the reference count.
    #[inline(always)]
    pub unsafe fn ref_from_ptr<'a>(_py: Python<'py>, ptr: &'a *mut ffi::PyObject) -> &'a Self {
        &*(ptr as *const *mut ffi::PyObject as *const Self)
    }

    #[inline]
    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.1.as_ptr()
    }

    #[inline]
    pub fn into_ptr(self) -> *mut ffi::PyObject {
        ManuallyDrop::new(self).as_ptr()
    }

    #[inline]
    pub fn as_any(&self) -> &Bound<'py, PyAny> {
        unsafe { &*(self as *const Self as *const Bound<'py, PyAny>) }
    }

    #[inline]
    pub fn into_any(self) -> Bound<'py, PyAny> {
        unsafe { self.cast_into_unchecked() }
    }

    #[inline]
    pub fn unbind(self) -> Py<T> {
        let this = ManuallyDrop::new(self);
        unsafe { Py::from_non_null(this.1 .0) }
    }

    #[inline]
    pub fn as_unbound(&self) -> &Py<T> {
        &self.1
    }

    #[inline]
    pub fn as_borrowed<'a>(&'a self) -> Borrowed<'a, 'py, T> {
        Borrowed(self.1 .0, PhantomData, self.0)
    }

    #[inline]
    pub unsafe fn cast_unchecked<U>(&self) -> &Bound<'py, U> {
        &*(self as *const Self as *const Bound<'py, U>)
    }

    #[inline]
    pub unsafe fn cast_into_unchecked<U>(self) -> Bound<'py, U> {
        let this = ManuallyDrop::new(self);
        Bound(this.0, ManuallyDrop::new(Py::from_non_null(this.1 .0)))
    }

    /// Older name of [`Bound::cast_unchecked`].
    #[inline]
    pub unsafe fn downcast_unchecked<U>(&self) -> &Bound<'py, U> {
        self.cast_unchecked()
    }

    #[inline]
    pub unsafe fn downcast_into_unchecked<U>(self) -> Bound<'py, U> {
        self.cast_into_unchecked()
    }

    pub fn get_refcnt(&self) -> isize {
        unsafe { ffi::Py_REFCNT(self.as_ptr()) as isize }
    }
}

impl<T> Drop for Bound<'_, T> {
    #[inline]
    fn drop(&mut self) {
        unsafe { ffi::Py_DECREF(self.as_ptr()) }
    }
}

impl<T> Clone for Bound<'_, T> {
    #[inline]
    fn clone(&self) -> Self {
        unsafe { ffi::Py_INCREF(self.as_ptr()) };
        Bound(self.0, ManuallyDrop::new(unsafe { Py::from_non_null(self.1 .0) }))
    }
}

impl<'py, T: DerefToPyAny> Deref for Bound<'py, T> {
    type Target = Bound<'py, PyAny>;
    #[inline]
    fn deref(&self) -> &Bound<'py, PyAny> {
        self.as_any()
    }
}

impl<T> AsRef<Py<PyAny>> for Py<T> {
    fn as_ref(&self) -> &Py<PyAny> {
        self.as_any()
    }
}

impl<T> AsRef<Py<PyAny>> for Bound<'_, T> {
    fn as_ref(&self) -> &Py<PyAny> {
        self.as_any().as_unbound()
    }
}

impl<T> AsRef<Py<PyAny>> for Borrowed<'_, '_, T> {
    fn as_ref(&self) -> &Py<PyAny> {
        (**self).as_any().as_unbound()
    }
}

impl<'py, T> AsRef<Bound<'py, PyAny>> for Bound<'py, T> {
    fn as_ref(&self) -> &Bound<'py, PyAny> {
        self.as_any()
    }
}

impl<T> fmt::Debug for Bound<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::types::PyAnyMethods;
        write_python_text(self.as_any(), self.as_any().repr(), f)
    }
}

impl<T> fmt::Display for Bound<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::types::PyAnyMethods;
        write_python_text(self.as_any(), self.as_any().str(), f)
    }
}

/// `{:?}`/`{}` of a Python object: its `repr()`/`str()`. When that raises, the
/// error goes to `sys.unraisablehook` and a placeholder naming the type is written.
fn write_python_text(
    obj: &Bound<'_, PyAny>,
    text: PyResult<Bound<'_, crate::types::PyString>>,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    use crate::types::{PyAnyMethods, PyStringMethods, PyTypeMethods};
    match text {
        Ok(s) => return f.write_str(&s.to_string_lossy()),
        // cpyext's PyErr_WriteUnraisable takes repr() of the object it is given and
        // aborts the process when that raises, as it just did: PyPy gets no object.
        Err(err) => err.write_unraisable(obj.py(), if cfg!(PyPy) { None } else { Some(obj) }),
    }
    match obj.get_type().name() {
        Ok(name) => write!(f, "<unprintable {} object>", name.to_string_lossy()),
        Err(_) => f.write_str("<unprintable object>"),
    }
}

/// `{}` of a `Py<T>` attaches to the interpreter to call `str()`.
impl<T: crate::PyTypeInfo> fmt::Display for Py<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::Python::attach(|py| fmt::Display::fmt(self.bind(py), f))
    }
}

impl<'py, T> From<Bound<'py, T>> for Py<T> {
    fn from(b: Bound<'py, T>) -> Py<T> {
        b.unbind()
    }
}

// PyO3's conversions between the handles: a typed handle widens to `Py<PyAny>` (`bound.into()` where a
// `PyResult<Py<PyAny>>` is returned); `DerefToPyAny` keeps `T = PyAny` from overlapping the impl above.
impl<T: crate::types::DerefToPyAny> From<Py<T>> for Py<PyAny> {
    fn from(p: Py<T>) -> Py<PyAny> {
        p.into_any()
    }
}

impl<T: crate::types::DerefToPyAny> From<Bound<'_, T>> for Py<PyAny> {
    fn from(b: Bound<'_, T>) -> Py<PyAny> {
        b.into_any().unbind()
    }
}

impl<'py, T> From<&Bound<'py, T>> for Bound<'py, T> {
    fn from(b: &Bound<'py, T>) -> Bound<'py, T> {
        b.clone()
    }
}

impl<T> From<&Bound<'_, T>> for Py<T> {
    fn from(b: &Bound<'_, T>) -> Py<T> {
        b.clone().unbind()
    }
}

impl<T> From<Borrowed<'_, '_, T>> for Py<T> {
    fn from(b: Borrowed<'_, '_, T>) -> Py<T> {
        b.to_owned().unbind()
    }
}

/// A borrowed reference: copyable, never touches the reference count.
#[repr(C)]
pub struct Borrowed<'a, 'py, T>(NonNull<ffi::PyObject>, PhantomData<&'a Py<T>>, Python<'py>);

// Untyped, as PyO3's: `Borrowed::from_ptr(py, p)` needs no annotation; `.cast_unchecked()` types it.
impl<'a, 'py> Borrowed<'a, 'py, PyAny> {
    /// Borrows `ptr` for `'a`; a null pointer panics with the Python error set (or a note that none is).
    #[inline]
    pub unsafe fn from_ptr(py: Python<'py>, ptr: *mut ffi::PyObject) -> Self {
        match NonNull::new(ptr) {
            Some(p) => Borrowed(p, PhantomData, py),
            None => crate::err::panic_after_error(py),
        }
    }

    /// `None` for a null pointer.
    #[inline]
    pub unsafe fn from_ptr_or_opt(py: Python<'py>, ptr: *mut ffi::PyObject) -> Option<Self> {
        NonNull::new(ptr).map(|p| Borrowed(p, PhantomData, py))
    }

    /// The Python error set for a null pointer (`SystemError` if none is).
    #[inline]
    pub unsafe fn from_ptr_or_err(py: Python<'py>, ptr: *mut ffi::PyObject) -> PyResult<Self> {
        Self::from_ptr_or_opt(py, ptr).ok_or_else(|| PyErr::fetch(py))
    }
}

impl<'a, 'py, T> Borrowed<'a, 'py, T> {

    #[inline]
    pub fn to_owned(self) -> Bound<'py, T> {
        (*self).clone()
    }

    #[inline]
    pub fn as_ptr(self) -> *mut ffi::PyObject {
        self.0.as_ptr()
    }

    #[inline]
    pub fn py(self) -> Python<'py> {
        self.2
    }

    #[inline]
    pub fn to_any(self) -> Borrowed<'a, 'py, PyAny> {
        Borrowed(self.0, PhantomData, self.2)
    }

    #[inline]
    pub unsafe fn cast_unchecked<U>(self) -> Borrowed<'a, 'py, U> {
        Borrowed(self.0, PhantomData, self.2)
    }
}

impl<'py, T> Deref for Borrowed<'_, 'py, T> {
    type Target = Bound<'py, T>;
    #[inline]
    fn deref(&self) -> &Bound<'py, T> {
        unsafe { &*(&self.0 as *const NonNull<ffi::PyObject> as *const Bound<'py, T>) }
    }
}

impl<T> Clone for Borrowed<'_, '_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Borrowed<'_, '_, T> {}

impl<'a, 'py, T> From<&'a Bound<'py, T>> for Borrowed<'a, 'py, T> {
    fn from(b: &'a Bound<'py, T>) -> Self {
        b.as_borrowed()
    }
}

impl<T> fmt::Debug for Borrowed<'_, '_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

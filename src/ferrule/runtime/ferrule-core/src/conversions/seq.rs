//! `Vec<T>`, `VecDeque<T>`, `Box<[T]>`, `[T; N]` ↔ `list` / any sequence.
//! A `str` is a sequence of 1-char strings, almost never what a `Vec` means,
//! so it is refused outright (as PyO3 does).
//! `Vec<T>`, `[T; N]`, `&[T]` and `Cow<[T]>` go through the element type's
//! sequence hooks on `IntoPyObject`, so a sequence of `u8` becomes `bytes`
//! (as in PyO3 since 0.23); `VecDeque` and `Box<[T]>` always make a list.
use std::borrow::Cow;
use std::collections::VecDeque;

use crate::conversion::private::Token;
use crate::conversion::{FromPyObject, FromPyObjectOwned, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyTypeError, PyValueError};
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{PyAny, PyList, PySequence};

/// Builds a `list` from exactly `len` convertible items.
fn list_from<'py, T, I>(py: Python<'py>, items: I) -> PyResult<Bound<'py, PyAny>>
where
    T: IntoPyObject<'py>,
    I: ExactSizeIterator<Item = T>,
{
    PyList::new(py, items).map(Bound::into_any)
}

/// `PySequence_Check`, as PyO3's `Vec`/array extraction does: numpy arrays and
/// other types with `__len__`/`__getitem__` pass without being registered as a
/// `collections.abc.Sequence` (which `cast::<PySequence>()` requires).
fn as_sequence<'a, 'py>(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Borrowed<'a, 'py, PyAny>> {
    if unsafe { ffi::PySequence_Check(obj.as_ptr()) } == 0 {
        let to = <PySequence as crate::type_object::PyTypeCheck>::classinfo_object(obj.py());
        return Err(crate::err::CastError::new(obj, to).into());
    }
    Ok(obj)
}

pub(crate) fn refuse_str(obj: Borrowed<'_, '_, PyAny>, rust: &str) -> PyResult<()> {
    if unsafe { ffi::PyUnicode_Check(obj.as_ptr()) } != 0 {
        return Err(PyTypeError::new_err(format!("Can't extract `str` to `{rust}`")));
    }
    Ok(())
}

/// Extracts every item of a sequence, in iteration order.
pub(crate) fn extract_items<'py, T, C>(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<C>
where
    T: FromPyObjectOwned<'py>,
    C: Default + Extend<T> + WithCapacity,
{
    let py = obj.py();
    #[cfg(not(Py_LIMITED_API))]
    unsafe {
        // Exact lists and tuples by index: no iterator object, no calls per item.
        let p = obj.as_ptr();
        if ffi::PyList_CheckExact(p) != 0 {
            let len = ffi::PyList_GET_SIZE(p);
            let mut out = C::with_capacity(len as usize);
            let mut i = 0;
            // Extracting an item may run Python code that resizes the list:
            // raise then, rather than return items it never held together.
            while i < len {
                let item = Bound::<PyAny>::from_borrowed_ptr_typed(py, ffi::PyList_GET_ITEM(p, i));
                out.extend(Some(T::extract(item.as_borrowed()).map_err(Into::into)?));
                if ffi::PyList_GET_SIZE(p) != len {
                    return Err(sequence_changed());
                }
                i += 1;
            }
            return Ok(out);
        }
        if ffi::PyTuple_CheckExact(p) != 0 {
            let len = ffi::PyTuple_GET_SIZE(p);
            let mut out = C::with_capacity(len as usize);
            for i in 0..len {
                let item = Borrowed::<PyAny>::from_ptr(py, ffi::PyTuple_GET_ITEM(p, i));
                out.extend(Some(T::extract(item).map_err(Into::into)?));
            }
            return Ok(out);
        }
    }
    let seq = as_sequence(obj)?;
    // The length is only a capacity hint; a failing `__len__` is not fatal.
    let hint = unsafe { ffi::PySequence_Size(seq.as_ptr()) };
    let mut out = if hint < 0 {
        drop(PyErr::take(py));
        C::default()
    } else {
        C::with_capacity(hint as usize)
    };
    let iter = unsafe { Bound::<PyAny>::from_owned_ptr_or_err_typed(py, ffi::PyObject_GetIter(seq.as_ptr()))? };
    // Lists (subclasses, or any list under the limited API) are checked as above,
    // by their real size: a subclass's `__len__` may say anything.
    let list_len = real_list_size(seq);
    loop {
        let item = unsafe { ffi::PyIter_Next(iter.as_ptr()) };
        if item.is_null() {
            return match PyErr::take(py) {
                Some(e) => Err(e),
                None => Ok(out),
            };
        }
        let item = unsafe { Bound::<PyAny>::from_owned_ptr_typed(py, item) };
        out.extend(Some(T::extract(item.as_borrowed()).map_err(Into::into)?));
        if list_len >= 0 && real_list_size(seq) != list_len {
            return Err(sequence_changed());
        }
    }
}

/// The list's own item count (never `__len__`), or -1 for a non-list.
fn real_list_size(obj: Borrowed<'_, '_, PyAny>) -> ffi::Py_ssize_t {
    if unsafe { ffi::PyList_Check(obj.as_ptr()) } == 0 {
        return -1;
    }
    unsafe { ffi::PyList_Size(obj.as_ptr()) }
}

/// CPython's message for a sequence resized while it is being consumed.
#[cold]
fn sequence_changed() -> PyErr {
    crate::exceptions::PyRuntimeError::new_err("sequence changed size during iteration")
}

pub(crate) trait WithCapacity {
    fn with_capacity(n: usize) -> Self;
}
impl<T> WithCapacity for Vec<T> {
    fn with_capacity(n: usize) -> Self {
        Vec::with_capacity(n)
    }
}
impl<T> WithCapacity for VecDeque<T> {
    fn with_capacity(n: usize) -> Self {
        VecDeque::with_capacity(n)
    }
}

/// Owned and borrowed sequences become a `list`; `$owned_iter` turns the owned
/// value into an iterator of its elements.
macro_rules! into_list {
    ($container:ident<T>, $owned_iter:expr) => {
        impl<'py, T: IntoPyObject<'py>> IntoPyObject<'py> for $container<T> {
            type Target = PyAny;
            type Output = Bound<'py, PyAny>;
            type Error = PyErr;
            #[inline]
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
                let into_iter: fn($container<T>) -> _ = $owned_iter;
                list_from(py, into_iter(self))
            }
        }

        impl<'a, 'py, T> IntoPyObject<'py> for &'a $container<T>
        where
            &'a T: IntoPyObject<'py>,
        {
            type Target = PyAny;
            type Output = Bound<'py, PyAny>;
            type Error = PyErr;
            #[inline]
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
                list_from(py, self.iter())
            }
        }
    };
}

type BoxedSlice<T> = Box<[T]>;

into_list!(VecDeque<T>, |v| v.into_iter());
into_list!(BoxedSlice<T>, |v| v.into_vec().into_iter());

impl<'py, T: IntoPyObject<'py>> IntoPyObject<'py> for Vec<T> {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        T::owned_sequence_into_pyobject(self, py, Token)
    }
}

impl<'py, T: IntoPyObject<'py>, const N: usize> IntoPyObject<'py> for [T; N] {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        T::owned_sequence_into_pyobject(self, py, Token)
    }
}

impl<'a, 'py, T> IntoPyObject<'py> for &'a [T]
where
    &'a T: IntoPyObject<'py>,
{
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        <&T>::borrowed_sequence_into_pyobject(self, py, Token)
    }
}

macro_rules! via_slice {
    ($($ty:ty => [$($gen:tt)*]),*) => {$(
        impl<'a, 'py, T $($gen)*> IntoPyObject<'py> for $ty
        where
            for<'b> &'b T: IntoPyObject<'py>,
        {
            type Target = PyAny;
            type Output = Bound<'py, PyAny>;
            type Error = PyErr;
            #[inline]
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
                let slice: &[T] = self.as_ref();
                slice.into_pyobject(py)
            }
        }
    )*};
}

// An owned `Cow` lends its slice only inside the call: any lifetime must do (PyO3's bound too).
via_slice!(Cow<'a, [T]> => [: Clone]);

// A borrowed one lends it for `'a`, so `&'a T` converting is enough, as PyO3 asks: a derived
// `IntoPyObjectRef` of a generic struct has only that bound for its `Vec<T>` field.
macro_rules! borrowed_via_slice {
    ($($ty:ty => [$($gen:tt)*]),*) => {$(
        impl<'a, 'py, T $($gen)*> IntoPyObject<'py> for $ty
        where
            &'a T: IntoPyObject<'py>,
        {
            type Target = PyAny;
            type Output = Bound<'py, PyAny>;
            type Error = PyErr;
            #[inline]
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
                let slice: &'a [T] = self.as_ref();
                slice.into_pyobject(py)
            }
        }
    )*};
}

borrowed_via_slice!(&'a Vec<T> => [], &'a Cow<'a, [T]> => [: Clone]);

impl<'a, 'py, T, const N: usize> IntoPyObject<'py> for &'a [T; N]
where
    &'a T: IntoPyObject<'py>,
{
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        self.as_slice().into_pyobject(py)
    }
}

impl<'a, 'py, T: FromPyObjectOwned<'py>> FromPyObject<'a, 'py> for Vec<T> {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        refuse_str(obj, "Vec")?;
        extract_items(obj)
    }
}

impl<'a, 'py, T: FromPyObjectOwned<'py>> FromPyObject<'a, 'py> for VecDeque<T> {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        refuse_str(obj, "VecDeque")?;
        extract_items(obj)
    }
}

impl<'a, 'py, T: FromPyObjectOwned<'py>> FromPyObject<'a, 'py> for Box<[T]> {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        refuse_str(obj, "Vec")?;
        extract_items::<T, Vec<T>>(obj).map(Vec::into_boxed_slice)
    }
}

impl<'a, 'py, T: FromPyObjectOwned<'py>, const N: usize> FromPyObject<'a, 'py> for [T; N] {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        let seq = as_sequence(obj)?;
        let len = unsafe { ffi::PySequence_Size(seq.as_ptr()) };
        if len < 0 {
            return Err(PyErr::fetch(py));
        }
        if len as usize != N {
            return Err(PyValueError::new_err(format!("expected a sequence of length {N} (got {len})")));
        }
        // Reading by index, a list resized by an item's conversion would give
        // an item twice or skip one: raise instead, as the `Vec` path does.
        let list_len = real_list_size(seq);
        let mut items = Vec::with_capacity(N);
        for i in 0..N {
            let item = unsafe { Bound::<PyAny>::from_owned_ptr_or_err_typed(py, ffi::PySequence_GetItem(seq.as_ptr(), i as ffi::Py_ssize_t))? };
            items.push(T::extract(item.as_borrowed()).map_err(Into::into)?);
            if list_len >= 0 && real_list_size(seq) != list_len {
                return Err(sequence_changed());
            }
        }
        match items.try_into() {
            Ok(array) => Ok(array),
            Err(_) => unreachable!("exactly N items were pushed"),
        }
    }
}

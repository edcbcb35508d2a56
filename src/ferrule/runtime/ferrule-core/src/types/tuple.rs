//! `tuple`.
use crate::conversion::{BoundObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::list::to_ssize;
use crate::types::{native_type, PyAny, PyList, PySequence};

native_type!(PyTuple, "tuple", ffi::PyTuple_Type, ffi::PyTuple_Check);

impl PyTuple {
    /// A tuple of the converted `elements`.
    pub fn new<'py, T, U>(py: Python<'py>, elements: impl IntoIterator<Item = T, IntoIter = U>) -> PyResult<Bound<'py, PyTuple>>
    where
        T: IntoPyObject<'py>,
        U: ExactSizeIterator<Item = T>,
    {
        let iter = elements.into_iter();
        let len = iter.len();
        unsafe {
            let tuple: Bound<'py, PyTuple> = Bound::<PyAny>::from_owned_ptr_typed(py, ffi::PyTuple_New(len as ffi::Py_ssize_t)).cast_into_unchecked();
            let mut count = 0;
            for (i, item) in iter.enumerate() {
                assert!(i < len, "iterator yielded more items than its len()");
                let obj = item.into_pyobject(py).map_err(Into::into)?.into_any().into_ptr();
                ffi::PyTuple_SetItem(tuple.as_ptr(), i as ffi::Py_ssize_t, obj);
                count += 1;
            }
            assert_eq!(count, len, "iterator yielded fewer items than its len()");
            Ok(tuple)
        }
    }

    pub fn empty(py: Python<'_>) -> Bound<'_, PyTuple> {
        unsafe { Bound::<PyAny>::from_owned_ptr_typed(py, ffi::PyTuple_New(0)).cast_into_unchecked() }
    }
}

/// A tuple filled in order, each element converted and stored at once: an error or a panic part-way
/// drops the tuple, which releases what was stored (a tuple's slots not yet filled are NULL, which
/// its deallocation skips). The per-arity conversions call `push` once per element with no `?` in
/// between: each `?` made rustc check a drop path for every element before it.
pub(crate) struct TupleBuilder<'py> {
    tuple: Bound<'py, PyTuple>,
    filled: usize,
    err: Option<PyErr>,
}

impl<'py> TupleBuilder<'py> {
    pub(crate) fn new(py: Python<'py>, len: usize) -> PyResult<Self> {
        unsafe {
            let tuple = Bound::<PyAny>::from_owned_ptr_or_err_typed(py, ffi::PyTuple_New(len as ffi::Py_ssize_t))?;
            Ok(TupleBuilder { tuple: tuple.cast_into_unchecked(), filled: 0, err: None })
        }
    }

    /// Converts and stores `value`; once a conversion has failed, later values are dropped unconverted.
    #[inline]
    pub(crate) fn push<T: IntoPyObject<'py>>(&mut self, value: T) {
        if self.err.is_some() {
            return;
        }
        match value.into_pyobject(self.tuple.py()) {
            Ok(obj) => {
                // Steals the new reference; the tuple is fresh (one reference), so this cannot fail.
                unsafe { ffi::PyTuple_SetItem(self.tuple.as_ptr(), self.filled as ffi::Py_ssize_t, obj.into_ptr()) };
                self.filled += 1;
            }
            Err(e) => self.err = Some(e.into()),
        }
    }

    /// The tuple, or the first conversion error (the tuple and what it held released).
    pub(crate) fn finish(self) -> PyResult<Bound<'py, PyTuple>> {
        match self.err {
            None => Ok(self.tuple),
            Some(err) => Err(err),
        }
    }
}

pub trait PyTupleMethods<'py> {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool;
    fn as_sequence(&self) -> &Bound<'py, PySequence>;
    fn into_sequence(self) -> Bound<'py, PySequence>;
    /// `self[low:high]`.
    fn get_slice(&self, low: usize, high: usize) -> Bound<'py, PyTuple>;
    /// `self[index]`; an `IndexError` when out of range.
    fn get_item(&self, index: usize) -> PyResult<Bound<'py, PyAny>>;
    /// Like `get_item` without touching the reference count.
    fn get_borrowed_item<'a>(&'a self, index: usize) -> PyResult<Borrowed<'a, 'py, PyAny>>;
    /// # Safety
    /// `index` must be less than `len()`.
    #[cfg(not(Py_LIMITED_API))]
    unsafe fn get_item_unchecked(&self, index: usize) -> Bound<'py, PyAny>;
    /// # Safety
    /// `index` must be less than `len()`.
    #[cfg(not(Py_LIMITED_API))]
    unsafe fn get_borrowed_item_unchecked<'a>(&'a self, index: usize) -> Borrowed<'a, 'py, PyAny>;
    /// The items as a slice of `Bound`, pointing into the tuple's own storage.
    #[cfg(not(Py_LIMITED_API))]
    fn as_slice(&self) -> &[Bound<'py, PyAny>];
    fn contains<V: IntoPyObject<'py>>(&self, value: V) -> PyResult<bool>;
    fn index<V: IntoPyObject<'py>>(&self, value: V) -> PyResult<usize>;
    fn iter(&self) -> BoundTupleIterator<'py>;
    fn iter_borrowed<'a>(&'a self) -> BorrowedTupleIterator<'a, 'py>;
    fn to_list(&self) -> Bound<'py, PyList>;
}

impl<'py> PyTupleMethods<'py> for Bound<'py, PyTuple> {
    #[inline]
    fn len(&self) -> usize {
        #[cfg(not(Py_LIMITED_API))]
        unsafe {
            ffi::PyTuple_GET_SIZE(self.as_ptr()) as usize
        }
        #[cfg(Py_LIMITED_API)]
        unsafe {
            ffi::PyTuple_Size(self.as_ptr()) as usize
        }
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn as_sequence(&self) -> &Bound<'py, PySequence> {
        unsafe { self.cast_unchecked() }
    }

    fn into_sequence(self) -> Bound<'py, PySequence> {
        unsafe { self.cast_into_unchecked() }
    }

    fn get_slice(&self, low: usize, high: usize) -> Bound<'py, PyTuple> {
        unsafe {
            Bound::<PyAny>::from_owned_ptr_typed(self.py(), ffi::PyTuple_GetSlice(self.as_ptr(), to_ssize(low), to_ssize(high)))
                .cast_into_unchecked()
        }
    }

    fn get_item(&self, index: usize) -> PyResult<Bound<'py, PyAny>> {
        self.get_borrowed_item(index).map(Borrowed::to_owned)
    }

    fn get_borrowed_item<'a>(&'a self, index: usize) -> PyResult<Borrowed<'a, 'py, PyAny>> {
        self.as_borrowed().borrowed_item_at(index)
    }

    #[cfg(not(Py_LIMITED_API))]
    unsafe fn get_item_unchecked(&self, index: usize) -> Bound<'py, PyAny> {
        self.get_borrowed_item_unchecked(index).to_owned()
    }

    #[cfg(not(Py_LIMITED_API))]
    unsafe fn get_borrowed_item_unchecked<'a>(&'a self, index: usize) -> Borrowed<'a, 'py, PyAny> {
        Borrowed::from_ptr(self.py(), ffi::PyTuple_GET_ITEM(self.as_ptr(), index as ffi::Py_ssize_t))
    }

    #[cfg(not(Py_LIMITED_API))]
    fn as_slice(&self) -> &[Bound<'py, PyAny>] {
        // Sound because `Bound` is one pointer wide and the tuple (kept alive
        // by `self`) never changes its items.
        unsafe {
            let items = (*(self.as_ptr() as *mut ffi::PyTupleObject)).ob_item.as_ptr();
            std::slice::from_raw_parts(items as *const Bound<'py, PyAny>, self.len())
        }
    }

    fn contains<V: IntoPyObject<'py>>(&self, value: V) -> PyResult<bool> {
        crate::types::sequence::contains(self.as_any(), value)
    }

    fn index<V: IntoPyObject<'py>>(&self, value: V) -> PyResult<usize> {
        crate::types::sequence::index(self.as_any(), value)
    }

    fn iter(&self) -> BoundTupleIterator<'py> {
        BoundTupleIterator::new(self.clone())
    }

    fn iter_borrowed<'a>(&'a self) -> BorrowedTupleIterator<'a, 'py> {
        BorrowedTupleIterator { tuple: self.as_borrowed(), index: 0, end: self.len() }
    }

    fn to_list(&self) -> Bound<'py, PyList> {
        unsafe { Bound::<PyAny>::from_owned_ptr_typed(self.py(), ffi::PySequence_List(self.as_ptr())).cast_into_unchecked() }
    }
}

impl<'a, 'py> Borrowed<'a, 'py, PyTuple> {
    fn borrowed_item_at(self, index: usize) -> PyResult<Borrowed<'a, 'py, PyAny>> {
        unsafe {
            let item = ffi::PyTuple_GetItem(self.as_ptr(), to_ssize(index));
            Borrowed::from_ptr_or_opt(self.py(), item).ok_or_else(|| PyErr::fetch(self.py()))
        }
    }

    /// Item `index`, known to be in range (tuples never change length).
    #[inline]
    fn item_in_range(self, index: usize) -> Borrowed<'a, 'py, PyAny> {
        #[cfg(not(Py_LIMITED_API))]
        unsafe {
            Borrowed::from_ptr(self.py(), ffi::PyTuple_GET_ITEM(self.as_ptr(), index as ffi::Py_ssize_t))
        }
        #[cfg(Py_LIMITED_API)]
        self.borrowed_item_at(index).expect("tuple item in range")
    }
}

/// Owning iterator over a tuple's items; works under both APIs because it
/// reads items by index instead of through the (non-limited) item array.
pub struct BoundTupleIterator<'py> {
    tuple: Bound<'py, PyTuple>,
    index: usize,
    end: usize,
}

impl<'py> BoundTupleIterator<'py> {
    fn new(tuple: Bound<'py, PyTuple>) -> Self {
        let end = tuple.len();
        BoundTupleIterator { tuple, index: 0, end }
    }
}

impl<'py> Iterator for BoundTupleIterator<'py> {
    type Item = Bound<'py, PyAny>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.index < self.end {
            let item = self.tuple.as_borrowed().item_in_range(self.index).to_owned();
            self.index += 1;
            Some(item)
        } else {
            None
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.end - self.index;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for BoundTupleIterator<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.index < self.end {
            self.end -= 1;
            Some(self.tuple.as_borrowed().item_in_range(self.end).to_owned())
        } else {
            None
        }
    }
}

impl ExactSizeIterator for BoundTupleIterator<'_> {}
impl std::iter::FusedIterator for BoundTupleIterator<'_> {}

/// Iterator of borrowed items, tied to the tuple's borrow.
pub struct BorrowedTupleIterator<'a, 'py> {
    tuple: Borrowed<'a, 'py, PyTuple>,
    index: usize,
    end: usize,
}

impl<'a, 'py> Iterator for BorrowedTupleIterator<'a, 'py> {
    type Item = Borrowed<'a, 'py, PyAny>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.index < self.end {
            let item = self.tuple.item_in_range(self.index);
            self.index += 1;
            Some(item)
        } else {
            None
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.end - self.index;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for BorrowedTupleIterator<'_, '_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.index < self.end {
            self.end -= 1;
            Some(self.tuple.item_in_range(self.end))
        } else {
            None
        }
    }
}

impl ExactSizeIterator for BorrowedTupleIterator<'_, '_> {}

impl<'py> IntoIterator for Bound<'py, PyTuple> {
    type Item = Bound<'py, PyAny>;
    type IntoIter = BoundTupleIterator<'py>;
    fn into_iter(self) -> Self::IntoIter {
        BoundTupleIterator::new(self)
    }
}

impl<'py> IntoIterator for &Bound<'py, PyTuple> {
    type Item = Bound<'py, PyAny>;
    type IntoIter = BoundTupleIterator<'py>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

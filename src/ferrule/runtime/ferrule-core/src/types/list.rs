//! `list`.
use crate::conversion::{BoundObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::{native_type, PyAny, PySequence, PyTuple};

native_type!(PyList, "list", ffi::PyList_Type, ffi::PyList_Check);

#[inline]
fn check(py: Python<'_>, rc: std::os::raw::c_int) -> PyResult<()> {
    if rc == -1 { Err(PyErr::fetch(py)) } else { Ok(()) }
}

/// Python indexes are `Py_ssize_t`; anything larger is clamped so CPython
/// reports an ordinary out-of-range error instead of seeing a negative index.
#[inline]
pub(crate) fn to_ssize(index: usize) -> ffi::Py_ssize_t {
    index.min(ffi::Py_ssize_t::MAX as usize) as ffi::Py_ssize_t
}

impl PyList {
    pub fn empty(py: Python<'_>) -> Bound<'_, PyList> {
        unsafe { Bound::<PyAny>::from_owned_ptr_typed(py, ffi::PyList_New(0)).cast_into_unchecked() }
    }

    /// A list of the converted `elements`; the iterator must report its exact length.
    pub fn new<'py, T, U>(py: Python<'py>, elements: impl IntoIterator<Item = T, IntoIter = U>) -> PyResult<Bound<'py, PyList>>
    where
        T: IntoPyObject<'py>,
        U: ExactSizeIterator<Item = T>,
    {
        let iter = elements.into_iter();
        let len = iter.len();
        unsafe {
            // Slots not yet filled are NULL, which list deallocation tolerates,
            // so an early `?` return leaks nothing.
            let list: Bound<'py, PyList> = Bound::<PyAny>::from_owned_ptr_typed(py, ffi::PyList_New(len as ffi::Py_ssize_t)).cast_into_unchecked();
            let mut count = 0;
            for (i, item) in iter.enumerate() {
                assert!(i < len, "iterator yielded more items than its len()");
                let obj = item.into_pyobject(py).map_err(Into::into)?.into_any().into_ptr();
                #[cfg(not(Py_LIMITED_API))]
                ffi::PyList_SET_ITEM(list.as_ptr(), i as ffi::Py_ssize_t, obj);
                #[cfg(Py_LIMITED_API)]
                ffi::PyList_SetItem(list.as_ptr(), i as ffi::Py_ssize_t, obj);
                count += 1;
            }
            assert_eq!(count, len, "iterator yielded fewer items than its len()");
            Ok(list)
        }
    }
}

pub trait PyListMethods<'py> {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool;
    fn as_sequence(&self) -> &Bound<'py, PySequence>;
    fn into_sequence(self) -> Bound<'py, PySequence>;
    /// `self[index]`; an `IndexError` when out of range.
    fn get_item(&self, index: usize) -> PyResult<Bound<'py, PyAny>>;
    /// `self[index]` without a bounds check.
    ///
    /// # Safety
    /// `index` must be less than `len()`.
    #[cfg(not(Py_LIMITED_API))]
    unsafe fn get_item_unchecked(&self, index: usize) -> Bound<'py, PyAny>;
    /// `self[low:high]`.
    fn get_slice(&self, low: usize, high: usize) -> Bound<'py, PyList>;
    fn set_item<I: IntoPyObject<'py>>(&self, index: usize, item: I) -> PyResult<()>;
    fn del_item(&self, index: usize) -> PyResult<()>;
    fn set_slice(&self, low: usize, high: usize, seq: &Bound<'_, PyAny>) -> PyResult<()>;
    fn del_slice(&self, low: usize, high: usize) -> PyResult<()>;
    fn append<I: IntoPyObject<'py>>(&self, item: I) -> PyResult<()>;
    fn insert<I: IntoPyObject<'py>>(&self, index: usize, item: I) -> PyResult<()>;
    fn contains<V: IntoPyObject<'py>>(&self, value: V) -> PyResult<bool>;
    /// `self.index(value)`.
    fn index<V: IntoPyObject<'py>>(&self, value: V) -> PyResult<usize>;
    fn iter(&self) -> BoundListIterator<'py>;
    fn sort(&self) -> PyResult<()>;
    fn reverse(&self) -> PyResult<()>;
    fn to_tuple(&self) -> Bound<'py, PyTuple>;
}

impl<'py> PyListMethods<'py> for Bound<'py, PyList> {
    #[inline]
    fn len(&self) -> usize {
        #[cfg(not(Py_LIMITED_API))]
        unsafe {
            ffi::PyList_GET_SIZE(self.as_ptr()) as usize
        }
        #[cfg(Py_LIMITED_API)]
        unsafe {
            ffi::PyList_Size(self.as_ptr()) as usize
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

    fn get_item(&self, index: usize) -> PyResult<Bound<'py, PyAny>> {
        unsafe {
            let item = ffi::PyList_GetItem(self.as_ptr(), to_ssize(index));
            Bound::from_borrowed_ptr_or_err_typed(self.py(), item)
        }
    }

    #[cfg(not(Py_LIMITED_API))]
    unsafe fn get_item_unchecked(&self, index: usize) -> Bound<'py, PyAny> {
        Bound::from_borrowed_ptr_typed(self.py(), ffi::PyList_GET_ITEM(self.as_ptr(), index as ffi::Py_ssize_t))
    }

    fn get_slice(&self, low: usize, high: usize) -> Bound<'py, PyList> {
        unsafe {
            Bound::<PyAny>::from_owned_ptr_typed(self.py(), ffi::PyList_GetSlice(self.as_ptr(), to_ssize(low), to_ssize(high)))
                .cast_into_unchecked()
        }
    }

    fn set_item<I: IntoPyObject<'py>>(&self, index: usize, item: I) -> PyResult<()> {
        let item = item.into_pyobject(self.py()).map_err(Into::into)?.into_any().into_bound();
        // PyList_SetItem steals the reference, even on failure.
        check(self.py(), unsafe { ffi::PyList_SetItem(self.as_ptr(), to_ssize(index), item.into_ptr()) })
    }

    fn del_item(&self, index: usize) -> PyResult<()> {
        check(self.py(), unsafe { ffi::PySequence_DelItem(self.as_ptr(), to_ssize(index)) })
    }

    fn set_slice(&self, low: usize, high: usize, seq: &Bound<'_, PyAny>) -> PyResult<()> {
        check(self.py(), unsafe { ffi::PyList_SetSlice(self.as_ptr(), to_ssize(low), to_ssize(high), seq.as_ptr()) })
    }

    fn del_slice(&self, low: usize, high: usize) -> PyResult<()> {
        check(self.py(), unsafe { ffi::PyList_SetSlice(self.as_ptr(), to_ssize(low), to_ssize(high), std::ptr::null_mut()) })
    }

    fn append<I: IntoPyObject<'py>>(&self, item: I) -> PyResult<()> {
        let item = item.into_pyobject(self.py()).map_err(Into::into)?.into_any().into_bound();
        check(self.py(), unsafe { ffi::PyList_Append(self.as_ptr(), item.as_ptr()) })
    }

    fn insert<I: IntoPyObject<'py>>(&self, index: usize, item: I) -> PyResult<()> {
        let item = item.into_pyobject(self.py()).map_err(Into::into)?.into_any().into_bound();
        check(self.py(), unsafe { ffi::PyList_Insert(self.as_ptr(), to_ssize(index), item.as_ptr()) })
    }

    fn contains<V: IntoPyObject<'py>>(&self, value: V) -> PyResult<bool> {
        crate::types::sequence::contains(self.as_any(), value)
    }

    fn index<V: IntoPyObject<'py>>(&self, value: V) -> PyResult<usize> {
        crate::types::sequence::index(self.as_any(), value)
    }

    fn iter(&self) -> BoundListIterator<'py> {
        BoundListIterator::new(self.clone())
    }

    fn sort(&self) -> PyResult<()> {
        check(self.py(), unsafe { ffi::PyList_Sort(self.as_ptr()) })
    }

    fn reverse(&self) -> PyResult<()> {
        check(self.py(), unsafe { ffi::PyList_Reverse(self.as_ptr()) })
    }

    fn to_tuple(&self) -> Bound<'py, PyTuple> {
        unsafe { Bound::<PyAny>::from_owned_ptr_typed(self.py(), ffi::PyList_AsTuple(self.as_ptr())).cast_into_unchecked() }
    }
}

/// Iterates a list by index. Python code run during iteration may shrink the
/// list, so the length is re-read on every step rather than trusted.
pub struct BoundListIterator<'py> {
    list: Bound<'py, PyList>,
    index: usize,
    /// Exclusive upper bound; lowered when the list shrinks or `next_back` runs.
    end: usize,
}

impl<'py> BoundListIterator<'py> {
    fn new(list: Bound<'py, PyList>) -> Self {
        let end = list.len();
        BoundListIterator { list, index: 0, end }
    }

    fn item(&self, index: usize) -> Bound<'py, PyAny> {
        #[cfg(not(Py_LIMITED_API))]
        unsafe {
            self.list.get_item_unchecked(index)
        }
        #[cfg(Py_LIMITED_API)]
        self.list.get_item(index).expect("list item in range")
    }
}

impl<'py> Iterator for BoundListIterator<'py> {
    type Item = Bound<'py, PyAny>;

    fn next(&mut self) -> Option<Self::Item> {
        self.end = self.end.min(self.list.len());
        if self.index < self.end {
            let item = self.item(self.index);
            self.index += 1;
            Some(item)
        } else {
            None
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.len();
        (n, Some(n))
    }
}

impl DoubleEndedIterator for BoundListIterator<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.end = self.end.min(self.list.len());
        if self.index < self.end {
            self.end -= 1;
            Some(self.item(self.end))
        } else {
            None
        }
    }
}

impl ExactSizeIterator for BoundListIterator<'_> {
    fn len(&self) -> usize {
        self.end.min(self.list.len()).saturating_sub(self.index)
    }
}

impl std::iter::FusedIterator for BoundListIterator<'_> {}

impl<'py> IntoIterator for Bound<'py, PyList> {
    type Item = Bound<'py, PyAny>;
    type IntoIter = BoundListIterator<'py>;
    fn into_iter(self) -> Self::IntoIter {
        BoundListIterator::new(self)
    }
}

impl<'py> IntoIterator for &Bound<'py, PyList> {
    type Item = Bound<'py, PyAny>;
    type IntoIter = BoundListIterator<'py>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

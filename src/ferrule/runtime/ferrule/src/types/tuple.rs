//! `tuple`.
use crate::conversion::{BoundObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{native_type, PyAny, PyList};

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
            let tuple: Bound<'py, PyTuple> = Bound::<PyAny>::from_owned_ptr(py, ffi::PyTuple_New(len as ffi::Py_ssize_t)).cast_into_unchecked();
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

    pub(crate) fn new_from_bounds<'py, const N: usize>(py: Python<'py>, items: [Bound<'py, PyAny>; N]) -> Bound<'py, PyTuple> {
        unsafe {
            let tuple: Bound<'py, PyTuple> = Bound::<PyAny>::from_owned_ptr(py, ffi::PyTuple_New(N as ffi::Py_ssize_t)).cast_into_unchecked();
            for (i, item) in items.into_iter().enumerate() {
                ffi::PyTuple_SetItem(tuple.as_ptr(), i as ffi::Py_ssize_t, item.into_ptr());
            }
            tuple
        }
    }

    pub fn empty(py: Python<'_>) -> Bound<'_, PyTuple> {
        unsafe { Bound::<PyAny>::from_owned_ptr(py, ffi::PyTuple_New(0)).cast_into_unchecked() }
    }
}

pub trait PyTupleMethods<'py> {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool;
    fn get_item(&self, index: usize) -> PyResult<Bound<'py, PyAny>>;
    fn get_borrowed_item<'a>(&'a self, index: usize) -> PyResult<Borrowed<'a, 'py, PyAny>>;
    fn as_slice(&self) -> &[Bound<'py, PyAny>];
    fn iter(&self) -> std::iter::Cloned<std::slice::Iter<'_, Bound<'py, PyAny>>>;
    fn to_list(&self) -> Bound<'py, PyList>;
    fn get_slice(&self, low: usize, high: usize) -> Bound<'py, PyTuple>;
}

impl<'py> PyTupleMethods<'py> for Bound<'py, PyTuple> {
    #[inline]
    fn len(&self) -> usize {
        unsafe { ffi::PyTuple_Size(self.as_ptr()) as usize }
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn get_item(&self, index: usize) -> PyResult<Bound<'py, PyAny>> {
        self.get_borrowed_item(index).map(Borrowed::to_owned)
    }

    fn get_borrowed_item<'a>(&'a self, index: usize) -> PyResult<Borrowed<'a, 'py, PyAny>> {
        unsafe {
            let item = ffi::PyTuple_GetItem(self.as_ptr(), index as ffi::Py_ssize_t);
            Borrowed::from_ptr_or_opt(self.py(), item).ok_or_else(|| PyErr::fetch(self.py()))
        }
    }

    /// The items as a slice of `Bound`, pointing into the tuple's own storage.
    #[cfg(not(Py_LIMITED_API))]
    fn as_slice(&self) -> &[Bound<'py, PyAny>] {
        unsafe {
            let items = (*(self.as_ptr() as *mut ffi::PyTupleObject)).ob_item.as_ptr();
            std::slice::from_raw_parts(items as *const Bound<'py, PyAny>, self.len())
        }
    }

    #[cfg(Py_LIMITED_API)]
    fn as_slice(&self) -> &[Bound<'py, PyAny>] {
        unimplemented!("PyTuple::as_slice is not available under the limited API")
    }

    #[cfg(not(Py_LIMITED_API))]
    fn iter(&self) -> std::iter::Cloned<std::slice::Iter<'_, Bound<'py, PyAny>>> {
        self.as_slice().iter().cloned()
    }

    #[cfg(Py_LIMITED_API)]
    fn iter(&self) -> std::iter::Cloned<std::slice::Iter<'_, Bound<'py, PyAny>>> {
        unimplemented!("PyTuple::iter is not available under the limited API")
    }

    fn to_list(&self) -> Bound<'py, PyList> {
        unsafe { Bound::<PyAny>::from_owned_ptr(self.py(), ffi::PySequence_List(self.as_ptr())).cast_into_unchecked() }
    }

    fn get_slice(&self, low: usize, high: usize) -> Bound<'py, PyTuple> {
        unsafe {
            Bound::<PyAny>::from_owned_ptr(self.py(), ffi::PyTuple_GetSlice(self.as_ptr(), low as ffi::Py_ssize_t, high as ffi::Py_ssize_t))
                .cast_into_unchecked()
        }
    }
}

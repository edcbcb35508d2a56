//! `list`.
use crate::conversion::{BoundObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::{native_type, PyAny};

native_type!(PyList, "list", ffi::PyList_Type, ffi::PyList_Check);

impl PyList {
    pub fn empty(py: Python<'_>) -> Bound<'_, PyList> {
        unsafe { Bound::<PyAny>::from_owned_ptr(py, ffi::PyList_New(0)).cast_into_unchecked() }
    }

    pub fn new<'py, T, U>(py: Python<'py>, elements: impl IntoIterator<Item = T, IntoIter = U>) -> PyResult<Bound<'py, PyList>>
    where
        T: IntoPyObject<'py>,
        U: ExactSizeIterator<Item = T>,
    {
        let iter = elements.into_iter();
        let len = iter.len();
        unsafe {
            let list: Bound<'py, PyList> = Bound::<PyAny>::from_owned_ptr(py, ffi::PyList_New(len as ffi::Py_ssize_t)).cast_into_unchecked();
            let mut count = 0;
            for (i, item) in iter.enumerate() {
                assert!(i < len, "iterator yielded more items than its len()");
                let obj = item.into_pyobject(py).map_err(Into::into)?.into_any().into_ptr();
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
    fn get_item(&self, index: usize) -> PyResult<Bound<'py, PyAny>>;
    fn append<I: IntoPyObject<'py>>(&self, item: I) -> PyResult<()>;
}

impl<'py> PyListMethods<'py> for Bound<'py, PyList> {
    fn len(&self) -> usize {
        unsafe { ffi::PyList_Size(self.as_ptr()) as usize }
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn get_item(&self, index: usize) -> PyResult<Bound<'py, PyAny>> {
        unsafe {
            let item = ffi::PyList_GetItem(self.as_ptr(), index as ffi::Py_ssize_t);
            Bound::from_borrowed_ptr_or_err(self.py(), item)
        }
    }

    fn append<I: IntoPyObject<'py>>(&self, item: I) -> PyResult<()> {
        let item = item.into_pyobject(self.py()).map_err(Into::into)?.into_any().into_bound();
        match unsafe { ffi::PyList_Append(self.as_ptr(), item.as_ptr()) } {
            -1 => Err(PyErr::fetch(self.py())),
            _ => Ok(()),
        }
    }
}

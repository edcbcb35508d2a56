//! `dict`.
use crate::conversion::{BoundObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::{native_type, PyAny};

native_type!(PyDict, "dict", ffi::PyDict_Type, ffi::PyDict_Check);

impl PyDict {
    pub fn new(py: Python<'_>) -> Bound<'_, PyDict> {
        unsafe { Bound::<PyAny>::from_owned_ptr(py, ffi::PyDict_New()).cast_into_unchecked() }
    }
}

pub trait PyDictMethods<'py> {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool;
    fn get_item<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<Option<Bound<'py, PyAny>>>;
    fn set_item<K: IntoPyObject<'py>, V: IntoPyObject<'py>>(&self, key: K, value: V) -> PyResult<()>;
    fn iter(&self) -> PyDictIterator<'py>;
}

impl<'py> PyDictMethods<'py> for Bound<'py, PyDict> {
    fn len(&self) -> usize {
        unsafe { ffi::PyDict_Size(self.as_ptr()) as usize }
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn get_item<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<Option<Bound<'py, PyAny>>> {
        let py = self.py();
        let key = key.into_pyobject(py).map_err(Into::into)?.into_any().into_bound();
        unsafe {
            let item = ffi::PyDict_GetItemWithError(self.as_ptr(), key.as_ptr());
            if item.is_null() {
                match PyErr::take(py) {
                    Some(e) => Err(e),
                    None => Ok(None),
                }
            } else {
                Ok(Some(Bound::from_borrowed_ptr(py, item)))
            }
        }
    }

    fn set_item<K: IntoPyObject<'py>, V: IntoPyObject<'py>>(&self, key: K, value: V) -> PyResult<()> {
        let py = self.py();
        let key = key.into_pyobject(py).map_err(Into::into)?.into_any().into_bound();
        let value = value.into_pyobject(py).map_err(Into::into)?.into_any().into_bound();
        match unsafe { ffi::PyDict_SetItem(self.as_ptr(), key.as_ptr(), value.as_ptr()) } {
            -1 => Err(PyErr::fetch(py)),
            _ => Ok(()),
        }
    }

    fn iter(&self) -> PyDictIterator<'py> {
        PyDictIterator { dict: self.clone(), pos: 0 }
    }
}

/// Iterates `(key, value)` pairs with `PyDict_Next`.
pub struct PyDictIterator<'py> {
    dict: Bound<'py, PyDict>,
    pos: ffi::Py_ssize_t,
}

impl<'py> Iterator for PyDictIterator<'py> {
    type Item = (Bound<'py, PyAny>, Bound<'py, PyAny>);
    fn next(&mut self) -> Option<Self::Item> {
        let (mut key, mut value) = (std::ptr::null_mut(), std::ptr::null_mut());
        unsafe {
            if ffi::PyDict_Next(self.dict.as_ptr(), &mut self.pos, &mut key, &mut value) == 0 {
                return None;
            }
            let py = self.dict.py();
            Some((Bound::from_borrowed_ptr(py, key), Bound::from_borrowed_ptr(py, value)))
        }
    }
}

/// Builds a dict from key/value pairs: `[("a", 1)].into_py_dict(py)`.
pub trait IntoPyDict<'py>: Sized {
    fn into_py_dict(self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>>;
}

impl<'py, I, K, V> IntoPyDict<'py> for I
where
    I: IntoIterator<Item = (K, V)>,
    K: IntoPyObject<'py>,
    V: IntoPyObject<'py>,
{
    fn into_py_dict(self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (k, v) in self {
            dict.set_item(k, v)?;
        }
        Ok(dict)
    }
}

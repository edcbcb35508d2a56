//! `HashMap`/`BTreeMap` ↔ `dict`. Extraction takes a `dict` (or subclass)
//! only; keys and values are extracted as owned values.
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};

use crate::conversion::{BoundObject, FromPyObject, FromPyObjectOwned, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyRuntimeError;
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{PyAny, PyDict};

pub(crate) fn dict_from<'py, K, V>(py: Python<'py>, pairs: impl Iterator<Item = (K, V)>) -> PyResult<Bound<'py, PyDict>>
where
    K: IntoPyObject<'py>,
    V: IntoPyObject<'py>,
{
    let dict = unsafe { Bound::<PyAny>::from_owned_ptr_or_err(py, ffi::PyDict_New())?.cast_into_unchecked::<PyDict>() };
    for (k, v) in pairs {
        let k = k.into_pyobject(py).map_err(Into::into)?.into_any().into_bound();
        let v = v.into_pyobject(py).map_err(Into::into)?.into_any().into_bound();
        if unsafe { ffi::PyDict_SetItem(dict.as_ptr(), k.as_ptr(), v.as_ptr()) } == -1 {
            return Err(PyErr::fetch(py));
        }
    }
    Ok(dict)
}

/// Calls `f` on each pair, holding strong references. Extracting a key or
/// value may run Python code that mutates the dict; as CPython's own dict
/// iterator, a change of size, or more (or fewer) pairs than the dict had,
/// raises `RuntimeError` instead of returning pairs it never held together.
/// Every map extraction (and any added later) goes through here.
pub(crate) fn for_each_item<'py>(
    obj: Borrowed<'_, 'py, PyAny>,
    mut f: impl FnMut(Borrowed<'_, 'py, PyAny>, Borrowed<'_, 'py, PyAny>) -> PyResult<()>,
) -> PyResult<usize> {
    let py = obj.py();
    let dict = obj.cast::<PyDict>()?;
    let len = unsafe { ffi::PyDict_Size(dict.as_ptr()) };
    let mut remaining = len;
    let mut pos: ffi::Py_ssize_t = 0;
    let (mut k, mut v) = (std::ptr::null_mut(), std::ptr::null_mut());
    while unsafe { ffi::PyDict_Next(dict.as_ptr(), &mut pos, &mut k, &mut v) } != 0 {
        if remaining == 0 {
            return Err(PyRuntimeError::new_err("dictionary keys changed during iteration"));
        }
        remaining -= 1;
        let (key, value) = unsafe { (Bound::<PyAny>::from_borrowed_ptr(py, k), Bound::<PyAny>::from_borrowed_ptr(py, v)) };
        f(key.as_borrowed(), value.as_borrowed())?;
        if unsafe { ffi::PyDict_Size(dict.as_ptr()) } != len {
            return Err(PyRuntimeError::new_err("dictionary changed size during iteration"));
        }
    }
    if remaining != 0 {
        return Err(PyRuntimeError::new_err("dictionary keys changed during iteration"));
    }
    Ok(len as usize)
}

impl<'py, K, V, S> IntoPyObject<'py> for HashMap<K, V, S>
where
    K: IntoPyObject<'py>,
    V: IntoPyObject<'py>,
{
    type Target = PyDict;
    type Output = Bound<'py, PyDict>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        dict_from(py, self.into_iter())
    }
}

impl<'a, 'py, K, V, S> IntoPyObject<'py> for &'a HashMap<K, V, S>
where
    &'a K: IntoPyObject<'py>,
    &'a V: IntoPyObject<'py>,
{
    type Target = PyDict;
    type Output = Bound<'py, PyDict>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        dict_from(py, self.iter())
    }
}

impl<'py, K, V> IntoPyObject<'py> for BTreeMap<K, V>
where
    K: IntoPyObject<'py>,
    V: IntoPyObject<'py>,
{
    type Target = PyDict;
    type Output = Bound<'py, PyDict>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        dict_from(py, self.into_iter())
    }
}

impl<'a, 'py, K, V> IntoPyObject<'py> for &'a BTreeMap<K, V>
where
    &'a K: IntoPyObject<'py>,
    &'a V: IntoPyObject<'py>,
{
    type Target = PyDict;
    type Output = Bound<'py, PyDict>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        dict_from(py, self.iter())
    }
}

impl<'a, 'py, K, V, S> FromPyObject<'a, 'py> for HashMap<K, V, S>
where
    K: FromPyObjectOwned<'py> + Eq + Hash,
    V: FromPyObjectOwned<'py>,
    S: BuildHasher + Default,
{
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        // Sized up front: growing would hash every key again on each rehash.
        let len = unsafe { ffi::PyDict_Size(obj.cast::<PyDict>()?.as_ptr()) }.max(0) as usize;
        let mut map = HashMap::with_capacity_and_hasher(len, S::default());
        for_each_item(obj, |k, v| {
            map.insert(K::extract(k).map_err(Into::into)?, V::extract(v).map_err(Into::into)?);
            Ok(())
        })?;
        Ok(map)
    }
}

impl<'a, 'py, K, V> FromPyObject<'a, 'py> for BTreeMap<K, V>
where
    K: FromPyObjectOwned<'py> + Ord,
    V: FromPyObjectOwned<'py>,
{
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let mut map = BTreeMap::new();
        for_each_item(obj, |k, v| {
            map.insert(K::extract(k).map_err(Into::into)?, V::extract(v).map_err(Into::into)?);
            Ok(())
        })?;
        Ok(map)
    }
}

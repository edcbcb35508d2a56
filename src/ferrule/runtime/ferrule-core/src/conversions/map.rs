//! `HashMap`/`BTreeMap` ↔ `dict`. Extraction takes a `dict` (or subclass)
//! only; keys and values are extracted as owned values.
use std::collections::BTreeMap;

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
    let dict = unsafe { Bound::<PyAny>::from_owned_ptr_or_err_typed(py, ffi::PyDict_New())?.cast_into_unchecked::<PyDict>() };
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
        let (key, value) = unsafe { (Bound::<PyAny>::from_borrowed_ptr_typed(py, k), Bound::<PyAny>::from_borrowed_ptr_typed(py, v)) };
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

/// `dict` conversions of a hashed map type `$map<K, V, S>` (std's, hashbrown's and
/// indexmap's share one shape and the helpers above).
macro_rules! hashed_map_conversions {
    ($($map:ident)::+) => {
        impl<'py, K, V, S> $crate::conversion::IntoPyObject<'py> for $($map)::+<K, V, S>
        where
            K: $crate::conversion::IntoPyObject<'py>,
            V: $crate::conversion::IntoPyObject<'py>,
        {
            type Target = $crate::types::PyDict;
            type Output = $crate::instance::Bound<'py, $crate::types::PyDict>;
            type Error = $crate::err::PyErr;
            fn into_pyobject(self, py: $crate::marker::Python<'py>) -> $crate::err::PyResult<Self::Output> {
                $crate::conversions::map::dict_from(py, self.into_iter())
            }
        }

        impl<'a, 'py, K, V, S> $crate::conversion::IntoPyObject<'py> for &'a $($map)::+<K, V, S>
        where
            &'a K: $crate::conversion::IntoPyObject<'py>,
            &'a V: $crate::conversion::IntoPyObject<'py>,
        {
            type Target = $crate::types::PyDict;
            type Output = $crate::instance::Bound<'py, $crate::types::PyDict>;
            type Error = $crate::err::PyErr;
            fn into_pyobject(self, py: $crate::marker::Python<'py>) -> $crate::err::PyResult<Self::Output> {
                $crate::conversions::map::dict_from(py, self.iter())
            }
        }

        impl<'a, 'py, K, V, S> $crate::conversion::FromPyObject<'a, 'py> for $($map)::+<K, V, S>
        where
            K: $crate::conversion::FromPyObjectOwned<'py> + Eq + std::hash::Hash,
            V: $crate::conversion::FromPyObjectOwned<'py>,
            S: std::hash::BuildHasher + Default,
        {
            type Error = $crate::err::PyErr;
            fn extract(obj: $crate::instance::Borrowed<'a, 'py, $crate::types::PyAny>) -> $crate::err::PyResult<Self> {
                use $crate::types::PyDictMethods;
                // Sized up front: growing would hash every key again on each rehash.
                let len = obj.cast::<$crate::types::PyDict>()?.len();
                let mut map = $($map)::+::with_capacity_and_hasher(len, S::default());
                $crate::conversions::map::for_each_item(obj, |k, v| {
                    map.insert(K::extract(k).map_err(Into::into)?, V::extract(v).map_err(Into::into)?);
                    Ok(())
                })?;
                Ok(map)
            }
        }
    };
}
#[allow(unused_imports)] // used by the optional hashbrown/indexmap conversions
pub(crate) use hashed_map_conversions;

hashed_map_conversions!(std::collections::HashMap);

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

//! `indexmap::IndexMap` ↔ `dict`, keeping order both ways (a dict iterates
//! in insertion order). Shares std's map helpers.
use std::hash::{BuildHasher, Hash};

use crate::conversion::{FromPyObject, FromPyObjectOwned, IntoPyObject};
use crate::conversions::map::{dict_from, for_each_item};
use crate::err::{PyErr, PyResult};
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{PyAny, PyDict, PyDictMethods};

impl<'py, K, V, S> IntoPyObject<'py> for indexmap::IndexMap<K, V, S>
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

impl<'a, 'py, K, V, S> IntoPyObject<'py> for &'a indexmap::IndexMap<K, V, S>
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

impl<'a, 'py, K, V, S> FromPyObject<'a, 'py> for indexmap::IndexMap<K, V, S>
where
    K: FromPyObjectOwned<'py> + Eq + Hash,
    V: FromPyObjectOwned<'py>,
    S: BuildHasher + Default,
{
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let mut map = indexmap::IndexMap::with_capacity_and_hasher(obj.cast::<PyDict>()?.len(), S::default());
        for_each_item(obj, |k, v| {
            map.insert(K::extract(k).map_err(Into::into)?, V::extract(v).map_err(Into::into)?);
            Ok(())
        })?;
        Ok(map)
    }
}

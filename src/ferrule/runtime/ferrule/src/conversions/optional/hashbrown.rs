//! `hashbrown::{HashMap, HashSet}` ↔ `dict`/`set`, through the same helpers
//! as std's maps and sets (so mutation during extraction raises the same RuntimeError).
use std::hash::{BuildHasher, Hash};

use crate::conversion::{FromPyObject, FromPyObjectOwned, IntoPyObject};
use crate::conversions::map::{dict_from, for_each_item};
use crate::conversions::set::{extract_elements, set_from};
use crate::err::{PyErr, PyResult};
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{PyAny, PyDict, PyDictMethods, PySet};

impl<'py, K, V, S> IntoPyObject<'py> for hashbrown::HashMap<K, V, S>
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

impl<'a, 'py, K, V, S> IntoPyObject<'py> for &'a hashbrown::HashMap<K, V, S>
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

impl<'a, 'py, K, V, S> FromPyObject<'a, 'py> for hashbrown::HashMap<K, V, S>
where
    K: FromPyObjectOwned<'py> + Eq + Hash,
    V: FromPyObjectOwned<'py>,
    S: BuildHasher + Default,
{
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let mut map = hashbrown::HashMap::with_capacity_and_hasher(obj.cast::<PyDict>()?.len(), S::default());
        for_each_item(obj, |k, v| {
            map.insert(K::extract(k).map_err(Into::into)?, V::extract(v).map_err(Into::into)?);
            Ok(())
        })?;
        Ok(map)
    }
}

impl<'py, K: IntoPyObject<'py>, S> IntoPyObject<'py> for hashbrown::HashSet<K, S> {
    type Target = PySet;
    type Output = Bound<'py, PySet>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        set_from(py, self.into_iter())
    }
}

impl<'a, 'py, K, S> IntoPyObject<'py> for &'a hashbrown::HashSet<K, S>
where
    &'a K: IntoPyObject<'py>,
{
    type Target = PySet;
    type Output = Bound<'py, PySet>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        set_from(py, self.iter())
    }
}

impl<'a, 'py, K, S> FromPyObject<'a, 'py> for hashbrown::HashSet<K, S>
where
    K: FromPyObjectOwned<'py> + Eq + Hash,
    S: BuildHasher + Default,
{
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        extract_elements(obj, hashbrown::HashSet::with_hasher(S::default()))
    }
}

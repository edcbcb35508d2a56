//! `hashbrown::{HashMap, HashSet}` ↔ `dict`/`set`, through the same helpers
//! as std's maps and sets (so mutation during extraction raises the same RuntimeError).
use std::hash::{BuildHasher, Hash};

use crate::conversion::{FromPyObject, FromPyObjectOwned, IntoPyObject};
use crate::conversions::set::{extract_elements, set_from};
use crate::err::{PyErr, PyResult};
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{PyAny, PySet};

crate::conversions::map::hashed_map_conversions!(hashbrown::HashMap);

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

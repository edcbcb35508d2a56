//! `HashSet`/`BTreeSet` ↔ `set`. Extraction takes a `set` or `frozenset`.
use std::collections::BTreeSet;

use crate::conversion::{BoundObject, FromPyObject, FromPyObjectOwned, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyRuntimeError;
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{PyAny, PySet};

pub(crate) fn set_from<'py, K: IntoPyObject<'py>>(py: Python<'py>, keys: impl Iterator<Item = K>) -> PyResult<Bound<'py, PySet>> {
    let set = unsafe { Bound::<PyAny>::from_owned_ptr_or_err_typed(py, ffi::PySet_New(std::ptr::null_mut()))? };
    for k in keys {
        let k = k.into_pyobject(py).map_err(Into::into)?.into_any().into_bound();
        if unsafe { ffi::PySet_Add(set.as_ptr(), k.as_ptr()) } == -1 {
            return Err(PyErr::fetch(py));
        }
    }
    Ok(unsafe { set.cast_into_unchecked() })
}

/// Extracts each element of a `set`/`frozenset` (iterating holds references,
/// and a set mutated meanwhile raises `RuntimeError` from CPython itself).
pub(crate) fn extract_elements<'py, K, C>(obj: Borrowed<'_, 'py, PyAny>, mut out: C) -> PyResult<C>
where
    K: FromPyObjectOwned<'py>,
    C: Extend<K>,
{
    let py = obj.py();
    let is_set = unsafe { ffi::PyAnySet_Check(obj.as_ptr()) } != 0;
    if !is_set {
        return Err(obj.cast::<PySet>().map(|_| ()).unwrap_err().into());
    }
    let iter = unsafe { Bound::<PyAny>::from_owned_ptr_or_err_typed(py, ffi::PyObject_GetIter(obj.as_ptr()))? };
    // CPython's set iterator notices a change of size; an element swapped for
    // another (same size) shows as more elements than the set had.
    let mut remaining = unsafe { ffi::PySet_Size(obj.as_ptr()) };
    loop {
        let item = unsafe { ffi::PyIter_Next(iter.as_ptr()) };
        if item.is_null() {
            return match PyErr::take(py) {
                Some(e) => Err(e),
                None => Ok(out),
            };
        }
        let item = unsafe { Bound::<PyAny>::from_owned_ptr_typed(py, item) };
        if remaining == 0 {
            return Err(PyRuntimeError::new_err("Set changed size during iteration"));
        }
        remaining -= 1;
        out.extend(Some(K::extract(item.as_borrowed()).map_err(Into::into)?));
    }
}

/// `set` conversions of a hashed set type `$set<K, S>` (std's and hashbrown's share one shape).
macro_rules! hashed_set_conversions {
    ($($set:ident)::+) => {
        impl<'py, K: $crate::conversion::IntoPyObject<'py>, S> $crate::conversion::IntoPyObject<'py> for $($set)::+<K, S> {
            type Target = $crate::types::PySet;
            type Output = $crate::instance::Bound<'py, $crate::types::PySet>;
            type Error = $crate::err::PyErr;
            fn into_pyobject(self, py: $crate::marker::Python<'py>) -> $crate::err::PyResult<Self::Output> {
                $crate::conversions::set::set_from(py, self.into_iter())
            }
        }

        impl<'a, 'py, K, S> $crate::conversion::IntoPyObject<'py> for &'a $($set)::+<K, S>
        where
            &'a K: $crate::conversion::IntoPyObject<'py>,
        {
            type Target = $crate::types::PySet;
            type Output = $crate::instance::Bound<'py, $crate::types::PySet>;
            type Error = $crate::err::PyErr;
            fn into_pyobject(self, py: $crate::marker::Python<'py>) -> $crate::err::PyResult<Self::Output> {
                $crate::conversions::set::set_from(py, self.iter())
            }
        }

        impl<'a, 'py, K, S> $crate::conversion::FromPyObject<'a, 'py> for $($set)::+<K, S>
        where
            K: $crate::conversion::FromPyObjectOwned<'py> + Eq + std::hash::Hash,
            S: std::hash::BuildHasher + Default,
        {
            type Error = $crate::err::PyErr;
            fn extract(obj: $crate::instance::Borrowed<'a, 'py, $crate::types::PyAny>) -> $crate::err::PyResult<Self> {
                $crate::conversions::set::extract_elements(obj, $($set)::+::with_hasher(S::default()))
            }
        }
    };
}
#[allow(unused_imports)] // used by the optional hashbrown conversions
pub(crate) use hashed_set_conversions;

hashed_set_conversions!(std::collections::HashSet);

impl<'py, K: IntoPyObject<'py>> IntoPyObject<'py> for BTreeSet<K> {
    type Target = PySet;
    type Output = Bound<'py, PySet>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        set_from(py, self.into_iter())
    }
}

impl<'a, 'py, K> IntoPyObject<'py> for &'a BTreeSet<K>
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

impl<'a, 'py, K> FromPyObject<'a, 'py> for BTreeSet<K>
where
    K: FromPyObjectOwned<'py> + Ord,
{
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        extract_elements(obj, BTreeSet::new())
    }
}

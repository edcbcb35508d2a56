//! `smallvec::SmallVec<[T; N]>` converts as `Vec<T>` does: to a `list` (to
//! `bytes` for `u8`), from any sequence but `str`, through std's helpers.
use smallvec::{Array, SmallVec};

use crate::conversion::private::Token;
use crate::conversion::{FromPyObject, FromPyObjectOwned, IntoPyObject};
use crate::conversions::seq::{extract_items, refuse_str, WithCapacity};
use crate::err::{PyErr, PyResult};
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::PyAny;

impl<A: Array> WithCapacity for SmallVec<A> {
    fn with_capacity(n: usize) -> Self {
        SmallVec::with_capacity(n)
    }
}

impl<'py, A> IntoPyObject<'py> for SmallVec<A>
where
    A: Array,
    A::Item: IntoPyObject<'py>,
{
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        <A::Item>::owned_sequence_into_pyobject(self, py, Token)
    }
}

impl<'a, 'py, A> IntoPyObject<'py> for &'a SmallVec<A>
where
    A: Array,
    &'a A::Item: IntoPyObject<'py>,
{
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        self.as_slice().into_pyobject(py)
    }
}

impl<'a, 'py, A> FromPyObject<'a, 'py> for SmallVec<A>
where
    A: Array,
    A::Item: FromPyObjectOwned<'py>,
{
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        refuse_str(obj, "SmallVec")?;
        extract_items(obj)
    }
}

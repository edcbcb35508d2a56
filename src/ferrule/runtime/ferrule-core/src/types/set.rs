//! `set` and `frozenset`.
use crate::conversion::{BoundObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::{native_type, PyAny, PyIterator};

native_type!(PySet, "set", ffi::PySet_Type, ffi::PySet_Check);
native_type!(PyFrozenSet, "frozenset", ffi::PyFrozenSet_Type, ffi::PyFrozenSet_Check);

fn any_object<'py, V: IntoPyObject<'py>>(py: Python<'py>, v: V) -> PyResult<Bound<'py, PyAny>> {
    Ok(v.into_pyobject(py).map_err(Into::into)?.into_any().into_bound())
}

#[inline]
fn bool_of(py: Python<'_>, rc: std::os::raw::c_int) -> PyResult<bool> {
    if rc == -1 { Err(PyErr::fetch(py)) } else { Ok(rc == 1) }
}

/// Fills a brand-new set or frozenset. `PySet_Add` accepts a frozenset only
/// while nobody else can see it, which holds here.
fn fill<'py, T: IntoPyObject<'py>>(set: &Bound<'py, PyAny>, elements: impl IntoIterator<Item = T>) -> PyResult<()> {
    let py = set.py();
    for item in elements {
        let item = any_object(py, item)?;
        if unsafe { ffi::PySet_Add(set.as_ptr(), item.as_ptr()) } == -1 {
            return Err(PyErr::fetch(py));
        }
    }
    Ok(())
}

impl PySet {
    /// A set of the converted `elements`.
    pub fn new<'py, T: IntoPyObject<'py>>(py: Python<'py>, elements: impl IntoIterator<Item = T>) -> PyResult<Bound<'py, PySet>> {
        let set = PySet::empty(py)?;
        fill(set.as_any(), elements)?;
        Ok(set)
    }

    pub fn empty(py: Python<'_>) -> PyResult<Bound<'_, PySet>> {
        unsafe { Bound::<PyAny>::from_owned_ptr_or_err_typed(py, ffi::PySet_New(std::ptr::null_mut())).map(|b| b.cast_into_unchecked()) }
    }
}

impl PyFrozenSet {
    /// A frozenset of the converted `elements`.
    pub fn new<'py, T: IntoPyObject<'py>>(py: Python<'py>, elements: impl IntoIterator<Item = T>) -> PyResult<Bound<'py, PyFrozenSet>> {
        let set = PyFrozenSet::empty(py)?;
        fill(set.as_any(), elements)?;
        Ok(set)
    }

    pub fn empty(py: Python<'_>) -> PyResult<Bound<'_, PyFrozenSet>> {
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err_typed(py, ffi::PyFrozenSet_New(std::ptr::null_mut())).map(|b| b.cast_into_unchecked())
        }
    }
}

/// Builds a frozenset one element at a time (PyO3's `PyFrozenSetBuilder`): the frozenset is
/// filled while only the builder holds it, and `finalize` hands it out.
pub struct PyFrozenSetBuilder<'py> {
    set: Bound<'py, PyFrozenSet>,
}

impl<'py> PyFrozenSetBuilder<'py> {
    /// An empty builder.
    pub fn new(py: Python<'py>) -> PyResult<PyFrozenSetBuilder<'py>> {
        Ok(PyFrozenSetBuilder { set: PyFrozenSet::empty(py)? })
    }

    /// Converts `key` and adds it (an unhashable key is the `TypeError` Python raises).
    pub fn add<K: IntoPyObject<'py>>(&mut self, key: K) -> PyResult<()> {
        fill(self.set.as_any(), std::iter::once(key))
    }

    /// The frozenset built.
    pub fn finalize(self) -> Bound<'py, PyFrozenSet> {
        self.set
    }
}

pub trait PySetMethods<'py> {
    fn clear(&self);
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool;
    fn contains<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<bool>;
    /// Removes `key`; `Ok(true)` if it was present.
    fn discard<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<bool>;
    fn add<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<()>;
    /// Removes and returns an arbitrary element; `None` when empty.
    fn pop(&self) -> Option<Bound<'py, PyAny>>;
    fn iter(&self) -> BoundSetIterator<'py>;
}

impl<'py> PySetMethods<'py> for Bound<'py, PySet> {
    fn clear(&self) {
        unsafe {
            ffi::PySet_Clear(self.as_ptr());
        }
    }

    fn len(&self) -> usize {
        unsafe { ffi::PySet_Size(self.as_ptr()) as usize }
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn contains<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<bool> {
        let key = any_object(self.py(), key)?;
        bool_of(self.py(), unsafe { ffi::PySet_Contains(self.as_ptr(), key.as_ptr()) })
    }

    fn discard<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<bool> {
        let key = any_object(self.py(), key)?;
        bool_of(self.py(), unsafe { ffi::PySet_Discard(self.as_ptr(), key.as_ptr()) })
    }

    fn add<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<()> {
        let key = any_object(self.py(), key)?;
        match unsafe { ffi::PySet_Add(self.as_ptr(), key.as_ptr()) } {
            -1 => Err(PyErr::fetch(self.py())),
            _ => Ok(()),
        }
    }

    fn pop(&self) -> Option<Bound<'py, PyAny>> {
        let item = unsafe { Bound::from_owned_ptr_or_opt_typed(self.py(), ffi::PySet_Pop(self.as_ptr())) };
        if item.is_none() {
            // The only failure is "pop from an empty set": not an error here.
            drop(PyErr::take(self.py()));
        }
        item
    }

    fn iter(&self) -> BoundSetIterator<'py> {
        BoundSetIterator::new(self.as_any())
    }
}

pub trait PyFrozenSetMethods<'py> {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool;
    fn contains<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<bool>;
    fn iter(&self) -> BoundFrozenSetIterator<'py>;
}

impl<'py> PyFrozenSetMethods<'py> for Bound<'py, PyFrozenSet> {
    fn len(&self) -> usize {
        unsafe { ffi::PySet_Size(self.as_ptr()) as usize }
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn contains<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<bool> {
        let key = any_object(self.py(), key)?;
        bool_of(self.py(), unsafe { ffi::PySet_Contains(self.as_ptr(), key.as_ptr()) })
    }

    fn iter(&self) -> BoundFrozenSetIterator<'py> {
        BoundFrozenSetIterator(BoundSetIterator::new(self.as_any()))
    }
}

/// Iterates a set through Python's own set iterator (the set's internals are
/// not in the limited API). A size change mid-iteration makes that iterator
/// raise `RuntimeError`, which becomes a panic here, as in PyO3.
pub struct BoundSetIterator<'py> {
    it: Bound<'py, PyIterator>,
    remaining: usize,
}

impl<'py> BoundSetIterator<'py> {
    fn new(set: &Bound<'py, PyAny>) -> Self {
        let remaining = unsafe { ffi::PySet_Size(set.as_ptr()) as usize };
        let it = PyIterator::from_object(set).expect("sets are iterable");
        BoundSetIterator { it, remaining }
    }
}

impl<'py> Iterator for BoundSetIterator<'py> {
    type Item = Bound<'py, PyAny>;

    fn next(&mut self) -> Option<Self::Item> {
        self.remaining = self.remaining.saturating_sub(1);
        match self.it.next()? {
            Ok(item) => Some(item),
            Err(e) => panic!("set changed size during iteration: {e}"),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for BoundSetIterator<'_> {}

/// Iterator over a frozenset (which cannot change, so it never panics).
pub struct BoundFrozenSetIterator<'py>(BoundSetIterator<'py>);

impl<'py> Iterator for BoundFrozenSetIterator<'py> {
    type Item = Bound<'py, PyAny>;
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl ExactSizeIterator for BoundFrozenSetIterator<'_> {}

impl<'py> IntoIterator for Bound<'py, PySet> {
    type Item = Bound<'py, PyAny>;
    type IntoIter = BoundSetIterator<'py>;
    fn into_iter(self) -> Self::IntoIter {
        BoundSetIterator::new(self.as_any())
    }
}

impl<'py> IntoIterator for &Bound<'py, PySet> {
    type Item = Bound<'py, PyAny>;
    type IntoIter = BoundSetIterator<'py>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'py> IntoIterator for Bound<'py, PyFrozenSet> {
    type Item = Bound<'py, PyAny>;
    type IntoIter = BoundFrozenSetIterator<'py>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'py> IntoIterator for &Bound<'py, PyFrozenSet> {
    type Item = Bound<'py, PyAny>;
    type IntoIter = BoundFrozenSetIterator<'py>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

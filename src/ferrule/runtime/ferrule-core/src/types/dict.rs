//! `dict`.
use crate::conversion::{BoundObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::{native_type, PyAny, PyList, PyMapping};

native_type!(PyDict, "dict", ffi::PyDict_Type, ffi::PyDict_Check);

// The views of `dict.keys()`/`values()`/`items()` (not on PyPy, whose cpyext lacks `dict_items`).
macro_rules! dict_view {
    ($name:ident, $py_name:literal, $type_object:ident) => {
        #[cfg(not(PyPy))]
        native_type!($name, $py_name, ffi::$type_object, view_check::$type_object);
    };
}
dict_view!(PyDictKeys, "dict_keys", PyDictKeys_Type);
dict_view!(PyDictValues, "dict_values", PyDictValues_Type);
dict_view!(PyDictItems, "dict_items", PyDictItems_Type);

#[cfg(not(PyPy))]
#[allow(non_snake_case)]
mod view_check {
    use crate::ffi;
    macro_rules! check {
        ($($type_object:ident),*) => {$(
            pub unsafe fn $type_object(op: *mut ffi::PyObject) -> std::ffi::c_int {
                ffi::Py_IS_TYPE(op, std::ptr::addr_of_mut!(ffi::$type_object))
            }
        )*};
    }
    check!(PyDictKeys_Type, PyDictValues_Type, PyDictItems_Type);
}

impl PyDict {
    /// A dict of the key/value pairs `seq` yields (`dict(seq)`), later pairs winning.
    #[cfg(not(PyPy))]
    pub fn from_sequence<'py>(seq: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(seq.py());
        if unsafe { ffi::PyDict_MergeFromSeq2(dict.as_ptr(), seq.as_ptr(), 1) } == -1 {
            return Err(crate::err::PyErr::fetch(seq.py()));
        }
        Ok(dict)
    }

    pub fn new(py: Python<'_>) -> Bound<'_, PyDict> {
        unsafe { Bound::<PyAny>::from_owned_ptr_typed(py, ffi::PyDict_New()).cast_into_unchecked() }
    }
}

pub trait PyDictMethods<'py> {
    /// A shallow copy.
    fn copy(&self) -> PyResult<Bound<'py, PyDict>>;
    fn clear(&self);
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool;
    fn contains<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<bool>;
    /// `Ok(None)` when the key is missing; errors only from hashing/comparing.
    fn get_item<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<Option<Bound<'py, PyAny>>>;
    fn set_item<K: IntoPyObject<'py>, V: IntoPyObject<'py>>(&self, key: K, value: V) -> PyResult<()>;
    /// `del self[key]`; a `KeyError` when missing.
    fn del_item<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<()>;
    fn keys(&self) -> Bound<'py, PyList>;
    fn values(&self) -> Bound<'py, PyList>;
    fn items(&self) -> Bound<'py, PyList>;
    fn iter(&self) -> BoundDictIterator<'py>;
    fn as_mapping(&self) -> &Bound<'py, PyMapping>;
    fn into_mapping(self) -> Bound<'py, PyMapping>;
    /// `self.update(other)`: keys of `other` overwrite.
    fn update(&self, other: &Bound<'_, PyMapping>) -> PyResult<()>;
    /// Like `update`, but keeps the values already present.
    fn update_if_missing(&self, other: &Bound<'_, PyMapping>) -> PyResult<()>;
}

#[inline]
fn check(py: Python<'_>, rc: std::os::raw::c_int) -> PyResult<()> {
    if rc == -1 { Err(PyErr::fetch(py)) } else { Ok(()) }
}

fn any_object<'py, V: IntoPyObject<'py>>(py: Python<'py>, v: V) -> PyResult<Bound<'py, PyAny>> {
    Ok(v.into_pyobject(py).map_err(Into::into)?.into_any().into_bound())
}

fn list_of<'py>(py: Python<'py>, ptr: *mut ffi::PyObject) -> Bound<'py, PyList> {
    unsafe { Bound::<PyAny>::from_owned_ptr_typed(py, ptr).cast_into_unchecked() }
}

impl<'py> PyDictMethods<'py> for Bound<'py, PyDict> {
    fn copy(&self) -> PyResult<Bound<'py, PyDict>> {
        unsafe { Bound::<PyAny>::from_owned_ptr_or_err_typed(self.py(), ffi::PyDict_Copy(self.as_ptr())).map(|b| b.cast_into_unchecked()) }
    }

    fn clear(&self) {
        unsafe { ffi::PyDict_Clear(self.as_ptr()) }
    }

    fn len(&self) -> usize {
        unsafe { ffi::PyDict_Size(self.as_ptr()) as usize }
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn contains<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<bool> {
        let key = any_object(self.py(), key)?;
        match unsafe { ffi::PyDict_Contains(self.as_ptr(), key.as_ptr()) } {
            -1 => Err(PyErr::fetch(self.py())),
            rc => Ok(rc == 1),
        }
    }

    fn get_item<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<Option<Bound<'py, PyAny>>> {
        let py = self.py();
        let key = any_object(py, key)?;
        unsafe {
            // Borrowed result: take our own reference before anything else runs.
            let item = ffi::PyDict_GetItemWithError(self.as_ptr(), key.as_ptr());
            if item.is_null() {
                match PyErr::take(py) {
                    Some(e) => Err(e),
                    None => Ok(None),
                }
            } else {
                Ok(Some(Bound::from_borrowed_ptr_typed(py, item)))
            }
        }
    }

    fn set_item<K: IntoPyObject<'py>, V: IntoPyObject<'py>>(&self, key: K, value: V) -> PyResult<()> {
        let py = self.py();
        let key = any_object(py, key)?;
        let value = any_object(py, value)?;
        check(py, unsafe { ffi::PyDict_SetItem(self.as_ptr(), key.as_ptr(), value.as_ptr()) })
    }

    fn del_item<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<()> {
        let key = any_object(self.py(), key)?;
        check(self.py(), unsafe { ffi::PyDict_DelItem(self.as_ptr(), key.as_ptr()) })
    }

    fn keys(&self) -> Bound<'py, PyList> {
        list_of(self.py(), unsafe { ffi::PyDict_Keys(self.as_ptr()) })
    }

    fn values(&self) -> Bound<'py, PyList> {
        list_of(self.py(), unsafe { ffi::PyDict_Values(self.as_ptr()) })
    }

    fn items(&self) -> Bound<'py, PyList> {
        list_of(self.py(), unsafe { ffi::PyDict_Items(self.as_ptr()) })
    }

    fn iter(&self) -> BoundDictIterator<'py> {
        BoundDictIterator::new(self.clone())
    }

    fn as_mapping(&self) -> &Bound<'py, PyMapping> {
        unsafe { self.cast_unchecked() }
    }

    fn into_mapping(self) -> Bound<'py, PyMapping> {
        unsafe { self.cast_into_unchecked() }
    }

    fn update(&self, other: &Bound<'_, PyMapping>) -> PyResult<()> {
        check(self.py(), unsafe { ffi::PyDict_Update(self.as_ptr(), other.as_ptr()) })
    }

    fn update_if_missing(&self, other: &Bound<'_, PyMapping>) -> PyResult<()> {
        check(self.py(), unsafe { ffi::PyDict_Merge(self.as_ptr(), other.as_ptr(), 0) })
    }
}

/// Iterates `(key, value)` pairs with `PyDict_Next`.
///
/// `PyDict_Next` has undefined results if the dict is resized under it, so
/// the size is re-checked on every step; a change panics (the trampoline turns
/// the panic into a `PanicException`), as Python raises `RuntimeError`.
pub struct BoundDictIterator<'py> {
    dict: Bound<'py, PyDict>,
    pos: ffi::Py_ssize_t,
    /// Size when iteration started.
    used: ffi::Py_ssize_t,
    /// Items left; -1 once a change in keys (same size) was noticed.
    remaining: ffi::Py_ssize_t,
}

/// Older name of [`BoundDictIterator`].
pub type PyDictIterator<'py> = BoundDictIterator<'py>;

impl<'py> BoundDictIterator<'py> {
    fn new(dict: Bound<'py, PyDict>) -> Self {
        let used = unsafe { ffi::PyDict_Size(dict.as_ptr()) };
        BoundDictIterator { dict, pos: 0, used, remaining: used }
    }
}

impl<'py> Iterator for BoundDictIterator<'py> {
    type Item = (Bound<'py, PyAny>, Bound<'py, PyAny>);

    fn next(&mut self) -> Option<Self::Item> {
        let size = unsafe { ffi::PyDict_Size(self.dict.as_ptr()) };
        if size != self.used {
            // Stay broken so a caught panic cannot resume a corrupt walk.
            self.used = -1;
            panic!("dictionary changed size during iteration");
        }
        if self.remaining == -1 {
            panic!("dictionary keys changed during iteration");
        }
        let (mut key, mut value) = (std::ptr::null_mut(), std::ptr::null_mut());
        unsafe {
            if ffi::PyDict_Next(self.dict.as_ptr(), &mut self.pos, &mut key, &mut value) == 0 {
                // Ran out early: keys were replaced without a size change.
                if self.remaining > 0 {
                    self.remaining = -1;
                    panic!("dictionary keys changed during iteration");
                }
                return None;
            }
            self.remaining -= 1;
            let py = self.dict.py();
            Some((Bound::from_borrowed_ptr_typed(py, key), Bound::from_borrowed_ptr_typed(py, value)))
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.len();
        (n, Some(n))
    }
}

impl ExactSizeIterator for BoundDictIterator<'_> {
    fn len(&self) -> usize {
        self.remaining.max(0) as usize
    }
}

impl<'py> IntoIterator for Bound<'py, PyDict> {
    type Item = (Bound<'py, PyAny>, Bound<'py, PyAny>);
    type IntoIter = BoundDictIterator<'py>;
    fn into_iter(self) -> Self::IntoIter {
        BoundDictIterator::new(self)
    }
}

impl<'py> IntoIterator for &Bound<'py, PyDict> {
    type Item = (Bound<'py, PyAny>, Bound<'py, PyAny>);
    type IntoIter = BoundDictIterator<'py>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
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

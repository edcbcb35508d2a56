//! The sequence and mapping protocols (abstract types: checked by protocol).
use crate::conversion::{BoundObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::{Bound, Py};
use crate::marker::Python;
use crate::sync::PyOnceLock;
use crate::type_object::PyTypeCheck;
use crate::types::list::to_ssize;
use crate::types::{PyAny, PyAnyMethods, PyList, PyTuple};

#[repr(transparent)]
pub struct PySequence(PyAny);
#[repr(transparent)]
pub struct PyMapping(PyAny);

impl crate::types::DerefToPyAny for PySequence {}
impl crate::types::DerefToPyAny for PyMapping {}

/// `collections.abc.<name>`, imported once per cell. Used only to name the
/// expected type in a failed cast's message, so an import failure falls back
/// to the bare name rather than masking the original error.
pub(crate) fn abc<'py>(py: Python<'py>, cell: &'static PyOnceLock<Py<PyAny>>, name: &'static str) -> Bound<'py, PyAny> {
    let found = cell.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        let module = crate::types::PyModule::import(py, "collections.abc")?;
        Ok(module.getattr(name)?.unbind())
    });
    match found {
        Ok(obj) => obj.bind(py).clone(),
        Err(_) => crate::types::PyString::new(py, name).into_any(),
    }
}

/// `isinstance(object, abc)`; a failing check (a broken `__instancecheck__`,
/// or the ABC missing) is reported as unraisable and counts as "no", since a
/// type check has no way to return an error.
fn is_abc_instance(object: &Bound<'_, PyAny>, abc: Bound<'_, PyAny>) -> bool {
    if !unsafe { ffi::PyType_Check(abc.as_ptr()) != 0 } {
        return false;
    }
    match unsafe { ffi::PyObject_IsInstance(object.as_ptr(), abc.as_ptr()) } {
        1 => true,
        0 => false,
        _ => {
            PyErr::fetch(object.py()).write_unraisable(object.py(), Some(object));
            false
        }
    }
}

/// `collections.abc.<name>.register(T)`: `T`'s instances then pass the cast.
fn register_with<T: crate::PyTypeInfo>(py: Python<'_>, name: &str) -> PyResult<()> {
    let abc = crate::types::PyModule::import(py, "collections.abc")?.getattr(name)?;
    abc.call_method1("register", (T::type_object(py),))?;
    Ok(())
}

impl PySequence {
    /// Registers `T` as a virtual subclass of `collections.abc.Sequence`.
    pub fn register<T: crate::PyTypeInfo>(py: Python<'_>) -> PyResult<()> {
        register_with::<T>(py, "Sequence")
    }
}

impl PyMapping {
    /// Registers `T` as a virtual subclass of `collections.abc.Mapping`.
    pub fn register<T: crate::PyTypeInfo>(py: Python<'_>) -> PyResult<()> {
        register_with::<T>(py, "Mapping")
    }
}

// SAFETY: the methods go through the abstract protocol calls, valid for any object.
unsafe impl PyTypeCheck for PySequence {
    crate::__ferrule_inspect_const!(TYPE_HINT = crate::type_hint_identifier!("collections.abc", "Sequence"));
    const NAME: &'static str = "Sequence";
    fn type_check(object: &Bound<'_, PyAny>) -> bool {
        // Fast path for the common concrete types, then the ABC, so that
        // registered virtual subclasses count and dict-like `__getitem__`
        // classes do not.
        unsafe {
            if ffi::PyList_Check(object.as_ptr()) != 0 || ffi::PyTuple_Check(object.as_ptr()) != 0 {
                return true;
            }
        }
        is_abc_instance(object, Self::classinfo_object(object.py()))
    }
    fn classinfo_object(py: Python<'_>) -> Bound<'_, PyAny> {
        static ABC: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        abc(py, &ABC, "Sequence")
    }
}

// SAFETY: the methods go through the abstract protocol calls, valid for any object.
unsafe impl PyTypeCheck for PyMapping {
    crate::__ferrule_inspect_const!(TYPE_HINT = crate::type_hint_identifier!("collections.abc", "Mapping"));
    const NAME: &'static str = "Mapping";
    fn type_check(object: &Bound<'_, PyAny>) -> bool {
        if unsafe { ffi::PyDict_Check(object.as_ptr()) } != 0 {
            return true;
        }
        is_abc_instance(object, Self::classinfo_object(object.py()))
    }
    fn classinfo_object(py: Python<'_>) -> Bound<'_, PyAny> {
        static ABC: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        abc(py, &ABC, "Mapping")
    }
}

#[inline]
fn size(py: Python<'_>, n: ffi::Py_ssize_t) -> PyResult<usize> {
    if n == -1 { Err(PyErr::fetch(py)) } else { Ok(n as usize) }
}

#[inline]
fn check(py: Python<'_>, rc: std::os::raw::c_int) -> PyResult<()> {
    if rc == -1 { Err(PyErr::fetch(py)) } else { Ok(()) }
}

#[inline]
fn owned<'py, T>(py: Python<'py>, ptr: *mut ffi::PyObject) -> PyResult<Bound<'py, T>> {
    unsafe { Bound::<PyAny>::from_owned_ptr_or_err_typed(py, ptr).map(|b| b.cast_into_unchecked()) }
}

fn any_object<'py, V: IntoPyObject<'py>>(py: Python<'py>, v: V) -> PyResult<Bound<'py, PyAny>> {
    Ok(v.into_pyobject(py).map_err(Into::into)?.into_any().into_bound())
}

/// `value in seq`, shared by list, tuple and sequence.
pub(crate) fn contains<'py, V: IntoPyObject<'py>>(seq: &Bound<'py, PyAny>, value: V) -> PyResult<bool> {
    let py = seq.py();
    let value = any_object(py, value)?;
    match unsafe { ffi::PySequence_Contains(seq.as_ptr(), value.as_ptr()) } {
        -1 => Err(PyErr::fetch(py)),
        rc => Ok(rc == 1),
    }
}

/// `seq.index(value)`, shared by list, tuple and sequence.
pub(crate) fn index<'py, V: IntoPyObject<'py>>(seq: &Bound<'py, PyAny>, value: V) -> PyResult<usize> {
    let py = seq.py();
    let value = any_object(py, value)?;
    size(py, unsafe { ffi::PySequence_Index(seq.as_ptr(), value.as_ptr()) })
}

pub trait PySequenceMethods<'py> {
    fn len(&self) -> PyResult<usize>;
    fn is_empty(&self) -> PyResult<bool>;
    fn concat(&self, other: &Bound<'_, PySequence>) -> PyResult<Bound<'py, PySequence>>;
    fn repeat(&self, count: usize) -> PyResult<Bound<'py, PySequence>>;
    fn get_item(&self, index: usize) -> PyResult<Bound<'py, PyAny>>;
    fn get_slice(&self, begin: usize, end: usize) -> PyResult<Bound<'py, PySequence>>;
    fn set_item<I: IntoPyObject<'py>>(&self, i: usize, item: I) -> PyResult<()>;
    fn del_item(&self, i: usize) -> PyResult<()>;
    fn count<V: IntoPyObject<'py>>(&self, value: V) -> PyResult<usize>;
    fn contains<V: IntoPyObject<'py>>(&self, value: V) -> PyResult<bool>;
    fn index<V: IntoPyObject<'py>>(&self, value: V) -> PyResult<usize>;
    fn to_list(&self) -> PyResult<Bound<'py, PyList>>;
    fn to_tuple(&self) -> PyResult<Bound<'py, PyTuple>>;
}

impl<'py> PySequenceMethods<'py> for Bound<'py, PySequence> {
    fn len(&self) -> PyResult<usize> {
        size(self.py(), unsafe { ffi::PySequence_Size(self.as_ptr()) })
    }

    fn is_empty(&self) -> PyResult<bool> {
        self.len().map(|n| n == 0)
    }

    fn concat(&self, other: &Bound<'_, PySequence>) -> PyResult<Bound<'py, PySequence>> {
        owned(self.py(), unsafe { ffi::PySequence_Concat(self.as_ptr(), other.as_ptr()) })
    }

    fn repeat(&self, count: usize) -> PyResult<Bound<'py, PySequence>> {
        owned(self.py(), unsafe { ffi::PySequence_Repeat(self.as_ptr(), to_ssize(count)) })
    }

    fn get_item(&self, index: usize) -> PyResult<Bound<'py, PyAny>> {
        owned(self.py(), unsafe { ffi::PySequence_GetItem(self.as_ptr(), to_ssize(index)) })
    }

    fn get_slice(&self, begin: usize, end: usize) -> PyResult<Bound<'py, PySequence>> {
        owned(self.py(), unsafe { ffi::PySequence_GetSlice(self.as_ptr(), to_ssize(begin), to_ssize(end)) })
    }

    fn set_item<I: IntoPyObject<'py>>(&self, i: usize, item: I) -> PyResult<()> {
        let item = any_object(self.py(), item)?;
        check(self.py(), unsafe { ffi::PySequence_SetItem(self.as_ptr(), to_ssize(i), item.as_ptr()) })
    }

    fn del_item(&self, i: usize) -> PyResult<()> {
        check(self.py(), unsafe { ffi::PySequence_DelItem(self.as_ptr(), to_ssize(i)) })
    }

    fn count<V: IntoPyObject<'py>>(&self, value: V) -> PyResult<usize> {
        let value = any_object(self.py(), value)?;
        #[cfg(not(PyPy))]
        return size(self.py(), unsafe { ffi::PySequence_Count(self.as_ptr(), value.as_ptr()) });
        // cpyext has no PySequence_Count; the sequence's own count() is what it would call.
        #[cfg(PyPy)]
        return self.call_method1(crate::intern!(self.py(), "count"), (value,))?.extract();
    }

    fn contains<V: IntoPyObject<'py>>(&self, value: V) -> PyResult<bool> {
        contains(self.as_any(), value)
    }

    fn index<V: IntoPyObject<'py>>(&self, value: V) -> PyResult<usize> {
        index(self.as_any(), value)
    }

    fn to_list(&self) -> PyResult<Bound<'py, PyList>> {
        owned(self.py(), unsafe { ffi::PySequence_List(self.as_ptr()) })
    }

    fn to_tuple(&self) -> PyResult<Bound<'py, PyTuple>> {
        owned(self.py(), unsafe { ffi::PySequence_Tuple(self.as_ptr()) })
    }
}

pub trait PyMappingMethods<'py> {
    fn len(&self) -> PyResult<usize>;
    fn is_empty(&self) -> PyResult<bool>;
    fn contains<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<bool>;
    /// `self[key]`; a `KeyError` when missing.
    fn get_item<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<Bound<'py, PyAny>>;
    fn set_item<K: IntoPyObject<'py>, V: IntoPyObject<'py>>(&self, key: K, value: V) -> PyResult<()>;
    fn del_item<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<()>;
    fn keys(&self) -> PyResult<Bound<'py, PyList>>;
    fn values(&self) -> PyResult<Bound<'py, PyList>>;
    fn items(&self) -> PyResult<Bound<'py, PyList>>;
}

impl<'py> PyMappingMethods<'py> for Bound<'py, PyMapping> {
    fn len(&self) -> PyResult<usize> {
        size(self.py(), unsafe { ffi::PyMapping_Size(self.as_ptr()) })
    }

    fn is_empty(&self) -> PyResult<bool> {
        self.len().map(|n| n == 0)
    }

    fn contains<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<bool> {
        // `in` rather than PyMapping_HasKey, which swallows errors.
        PyAnyMethods::contains(self.as_any(), key)
    }

    fn get_item<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<Bound<'py, PyAny>> {
        PyAnyMethods::get_item(self.as_any(), key)
    }

    fn set_item<K: IntoPyObject<'py>, V: IntoPyObject<'py>>(&self, key: K, value: V) -> PyResult<()> {
        PyAnyMethods::set_item(self.as_any(), key, value)
    }

    fn del_item<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<()> {
        PyAnyMethods::del_item(self.as_any(), key)
    }

    fn keys(&self) -> PyResult<Bound<'py, PyList>> {
        owned(self.py(), unsafe { ffi::PyMapping_Keys(self.as_ptr()) })
    }

    fn values(&self) -> PyResult<Bound<'py, PyList>> {
        owned(self.py(), unsafe { ffi::PyMapping_Values(self.as_ptr()) })
    }

    fn items(&self) -> PyResult<Bound<'py, PyList>> {
        owned(self.py(), unsafe { ffi::PyMapping_Items(self.as_ptr()) })
    }
}

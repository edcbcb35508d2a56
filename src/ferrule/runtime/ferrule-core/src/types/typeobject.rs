//! `type`.
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::Bound;
use crate::types::{native_type, PyAny, PyAnyMethods, PyString};

native_type!(PyType, "type", ffi::PyType_Type, ffi::PyType_Check);

impl PyType {
    /// The type object for `T`: `PyType::new::<PyList>(py)` is `list`.
    #[inline]
    pub fn new<T: crate::PyTypeInfo>(py: crate::Python<'_>) -> Bound<'_, PyType> {
        T::type_object(py)
    }

    /// # Safety
    /// `p` must be a valid, live type object.
    #[inline]
    pub unsafe fn from_borrowed_type_ptr(py: crate::Python<'_>, p: *mut ffi::PyTypeObject) -> Bound<'_, PyType> {
        Bound::<PyAny>::from_borrowed_ptr_typed(py, p as *mut ffi::PyObject).cast_into_unchecked()
    }
}

pub trait PyTypeMethods<'py> {
    fn as_type_ptr(&self) -> *mut ffi::PyTypeObject;
    /// `__name__`.
    fn name(&self) -> PyResult<Bound<'py, PyString>>;
    /// `__qualname__`.
    fn qualname(&self) -> PyResult<Bound<'py, PyString>>;
    /// `__module__`.
    fn module(&self) -> PyResult<Bound<'py, PyString>>;
    /// `__module__.__qualname__`, or just the qualname for builtins.
    fn fully_qualified_name(&self) -> PyResult<Bound<'py, PyString>>;
    fn is_subclass(&self, other: &Bound<'_, PyAny>) -> PyResult<bool>;
    fn is_subclass_of<T: crate::PyTypeInfo>(&self) -> PyResult<bool>;
    /// `__mro__`: the type, then its bases in method resolution order.
    fn mro(&self) -> Bound<'py, crate::types::PyTuple>;
    /// `__bases__`.
    fn bases(&self) -> Bound<'py, crate::types::PyTuple>;
}

impl<'py> PyTypeMethods<'py> for Bound<'py, PyType> {
    #[inline]
    fn as_type_ptr(&self) -> *mut ffi::PyTypeObject {
        self.as_ptr() as *mut ffi::PyTypeObject
    }

    fn name(&self) -> PyResult<Bound<'py, PyString>> {
        Ok(self.getattr(crate::intern!(self.py(), "__name__"))?.cast_into::<PyString>()?)
    }

    fn qualname(&self) -> PyResult<Bound<'py, PyString>> {
        Ok(self.getattr(crate::intern!(self.py(), "__qualname__"))?.cast_into::<PyString>()?)
    }

    fn module(&self) -> PyResult<Bound<'py, PyString>> {
        Ok(self.getattr(crate::intern!(self.py(), "__module__"))?.cast_into::<PyString>()?)
    }

    fn fully_qualified_name(&self) -> PyResult<Bound<'py, PyString>> {
        use crate::types::PyStringMethods;
        let module = self.module()?;
        let qualname = self.qualname()?;
        let module_str = module.to_cow()?;
        if module_str == "builtins" || module_str == "__main__" {
            Ok(qualname)
        } else {
            Ok(PyString::new(self.py(), &format!("{}.{}", module_str, qualname.to_cow()?)))
        }
    }

    fn is_subclass(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        match unsafe { ffi::PyObject_IsSubclass(self.as_ptr(), other.as_ptr()) } {
            -1 => Err(PyErr::fetch(self.py())),
            rc => Ok(rc == 1),
        }
    }

    fn is_subclass_of<T: crate::PyTypeInfo>(&self) -> PyResult<bool> {
        self.is_subclass(T::type_object(self.py()).as_any())
    }

    // Read as attributes on every API level (PyO3 reads `tp_mro`/`tp_bases` outside the stable ABI):
    // a type always has both tuples, so failing is a broken interpreter, a panic as in PyO3.
    fn mro(&self) -> Bound<'py, crate::types::PyTuple> {
        self.getattr(crate::intern!(self.py(), "__mro__"))
            .and_then(|m| Ok(m.cast_into::<crate::types::PyTuple>()?))
            .expect("a type's `__mro__` is a tuple")
    }

    fn bases(&self) -> Bound<'py, crate::types::PyTuple> {
        self.getattr(crate::intern!(self.py(), "__bases__"))
            .and_then(|b| Ok(b.cast_into::<crate::types::PyTuple>()?))
            .expect("a type's `__bases__` is a tuple")
    }
}

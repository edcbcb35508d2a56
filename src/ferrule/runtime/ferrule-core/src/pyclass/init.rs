//! Building a new instance: the base's part first, then each level's contents.
use std::marker::PhantomData;

use super::layout::{contents, Contents};
use super::{PyClass, PyClassBaseType};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::{Bound, Py};
use crate::marker::Python;
use crate::type_object::PyTypeInfo;
use crate::types::PyAny;

/// Allocates an object of `subtype` with this level (and those below) initialised.
pub trait PyObjectInit: Sized {
    unsafe fn into_new_object(self, py: Python<'_>, subtype: *mut ffi::PyTypeObject) -> PyResult<*mut ffi::PyObject>;
}

/// The native base's part: `object` is allocated with `tp_alloc`, other native
/// bases (exceptions) through their own `tp_new` with no arguments.
pub struct PyNativeTypeInitializer<B>(PhantomData<B>);

impl<B> Default for PyNativeTypeInitializer<B> {
    fn default() -> Self {
        PyNativeTypeInitializer(PhantomData)
    }
}

impl<B: PyTypeInfo> PyObjectInit for PyNativeTypeInitializer<B> {
    unsafe fn into_new_object(self, py: Python<'_>, subtype: *mut ffi::PyTypeObject) -> PyResult<*mut ffi::PyObject> {
        let base = B::type_object_raw(py);
        let obj = if base == std::ptr::addr_of_mut!(ffi::PyBaseObject_Type) {
            tp_alloc(subtype)(subtype, 0)
        } else {
            let args = ffi::PyTuple_New(0);
            let new = native_new(base);
            let obj = match new {
                Some(new) => new(subtype, args, std::ptr::null_mut()),
                None => std::ptr::null_mut(),
            };
            ffi::Py_DECREF(args);
            obj
        };
        if obj.is_null() {
            Err(PyErr::fetch(py))
        } else {
            Ok(obj)
        }
    }
}

/// The subtype's `tp_alloc`.
#[inline]
unsafe fn tp_alloc(subtype: *mut ffi::PyTypeObject) -> ffi::allocfunc {
    let p = super::slots::type_slot(subtype, ffi::Py_tp_alloc);
    if p.is_null() { ffi::PyType_GenericAlloc } else { std::mem::transmute::<*mut std::ffi::c_void, ffi::allocfunc>(p) }
}

unsafe fn native_new(base: *mut ffi::PyTypeObject) -> Option<ffi::newfunc> {
    let p = super::slots::type_slot(base, ffi::Py_tp_new);
    if p.is_null() { None } else { Some(std::mem::transmute::<*mut std::ffi::c_void, ffi::newfunc>(p)) }
}

/// What `#[new]` returns, and what `Py::new`/`Bound::new` take: the value of
/// each `#[pyclass]` level of the new object, or (from `Py<T>`/`Bound<T>`, as in
/// PyO3) an object that exists already, which `#[new]` then returns as it is.
pub struct PyClassInitializer<T: PyClass>(Init<T>);

enum Init<T: PyClass> {
    Existing(Py<T>),
    New { init: T, super_init: <T::BaseType as PyClassBaseType>::Initializer },
}

impl<T: PyClass> PyClassInitializer<T> {
    pub fn new(init: T, super_init: <T::BaseType as PyClassBaseType>::Initializer) -> Self {
        PyClassInitializer(Init::New { init, super_init })
    }

    /// Adds a subclass level on top: `PyClassInitializer::from(Base).add_subclass(Child)`.
    pub fn add_subclass<S>(self, subclass_value: S) -> PyClassInitializer<S>
    where
        S: PyClass<BaseType = T>,
    {
        PyClassInitializer::new(subclass_value, self)
    }

    pub fn create_class_object(self, py: Python<'_>) -> PyResult<Bound<'_, T>> {
        let ty = match &self.0 {
            Init::Existing(_) => std::ptr::null_mut(), // returned as it is
            Init::New { init, .. } => init.instance_type(py),
        };
        unsafe { self.create_class_object_of_type(py, ty) }
    }

    /// For `tp_new`: `subtype` may be a Python subclass of `T`. An existing object is
    /// returned as it is, whatever `subtype` asks for (as in PyO3).
    pub unsafe fn create_class_object_of_type(self, py: Python<'_>, subtype: *mut ffi::PyTypeObject) -> PyResult<Bound<'_, T>> {
        if let Init::Existing(obj) = self.0 {
            return Ok(obj.into_bound(py));
        }
        let obj = self.into_new_object(py, subtype)?;
        Ok(Bound::<PyAny>::from_owned_ptr_typed(py, obj).cast_into_unchecked())
    }
}

impl<T: PyClass> PyObjectInit for PyClassInitializer<T> {
    unsafe fn into_new_object(self, py: Python<'_>, subtype: *mut ffi::PyTypeObject) -> PyResult<*mut ffi::PyObject> {
        let (init, super_init) = match self.0 {
            Init::New { init, super_init } => (init, super_init),
            // A subclass level cannot be laid over an object that already exists.
            Init::Existing(_) => {
                return Err(crate::exceptions::PyTypeError::new_err(
                    "an existing object cannot be the base part of a new subclass instance",
                ))
            }
        };
        // Make sure the type (and so the offset) exists before writing.
        let _ = T::type_object_raw(py);
        let obj = super_init.into_new_object(py, subtype)?;
        std::ptr::write(contents::<T>(obj), Contents::new(init));
        Ok(obj)
    }
}

impl<T: PyClass> From<Py<T>> for PyClassInitializer<T> {
    fn from(value: Py<T>) -> Self {
        PyClassInitializer(Init::Existing(value))
    }
}

impl<'py, T: PyClass> From<Bound<'py, T>> for PyClassInitializer<T> {
    fn from(value: Bound<'py, T>) -> Self {
        PyClassInitializer(Init::Existing(value.unbind()))
    }
}

impl<T: PyClass> From<T> for PyClassInitializer<T>
where
    <T::BaseType as PyClassBaseType>::Initializer: Default,
{
    fn from(value: T) -> Self {
        PyClassInitializer::new(value, Default::default())
    }
}

impl<S, B> From<(S, B)> for PyClassInitializer<S>
where
    S: PyClass<BaseType = B>,
    B: PyClass,
    B::BaseType: PyClassBaseType<Initializer = PyNativeTypeInitializer<B::BaseType>>,
{
    fn from((sub, base): (S, B)) -> Self {
        PyClassInitializer::new(sub, PyClassInitializer::new(base, Default::default()))
    }
}

/// A `#[new]` return value: the class value, `(Child, Base)`, an initializer,
/// or a `Result` of one.
pub trait IntoPyClassInitializer<T: PyClass> {
    fn into_initializer(self) -> PyResult<PyClassInitializer<T>>;
}

impl<T: PyClass, I: Into<PyClassInitializer<T>>> IntoPyClassInitializer<T> for I {
    fn into_initializer(self) -> PyResult<PyClassInitializer<T>> {
        Ok(self.into())
    }
}

impl<T: PyClass, I: Into<PyClassInitializer<T>>, E: Into<PyErr>> IntoPyClassInitializer<T> for Result<I, E> {
    fn into_initializer(self) -> PyResult<PyClassInitializer<T>> {
        self.map(Into::into).map_err(Into::into)
    }
}

impl<T: PyClass> Py<T> {
    /// A new instance holding `value`.
    pub fn new(py: Python<'_>, value: impl Into<PyClassInitializer<T>>) -> PyResult<Py<T>> {
        value.into().create_class_object(py).map(Bound::unbind)
    }
}

impl<'py, T: PyClass> Bound<'py, T> {
    /// A new instance holding `value`.
    pub fn new(py: Python<'py>, value: impl Into<PyClassInitializer<T>>) -> PyResult<Bound<'py, T>> {
        value.into().create_class_object(py)
    }
}

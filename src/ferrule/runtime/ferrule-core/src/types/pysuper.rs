//! `super` objects: `PySuper::new(ty, obj)` is Python's `super(ty, obj)`.
use crate::err::PyResult;
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::type_object::PyTypeInfo;
use crate::types::{PyAny, PyAnyMethods, PyType};

#[repr(transparent)]
pub struct PySuper(PyAny);

unsafe impl PyTypeInfo for PySuper {
    const NAME: &'static str = "super";
    const MODULE: Option<&'static str> = Some("builtins");

    #[inline]
    fn type_object_raw(_py: Python<'_>) -> *mut ffi::PyTypeObject {
        #[cfg(not(PyPy))]
        #[allow(unused_unsafe)]
        {
            unsafe { std::ptr::addr_of_mut!(ffi::PySuper_Type) }
        }
        // cpyext exports no `PySuper_Type`: take the builtin by name once.
        #[cfg(PyPy)]
        {
            use crate::types::PyTypeMethods;
            static TYPE: crate::sync::PyOnceLock<crate::Py<PyType>> = crate::sync::PyOnceLock::new();
            TYPE.import(_py, "builtins", "super").expect("builtins.super exists").as_type_ptr()
        }
    }
}

impl crate::types::DerefToPyAny for PySuper {}

impl PySuper {
    /// `super(ty, obj)`: looks attributes up in the classes after `ty` in `obj`'s MRO.
    pub fn new<'py>(ty: &Bound<'py, PyType>, obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PySuper>> {
        let made = PySuper::type_object(ty.py()).call1((ty, obj))?;
        // `super(...)` always returns a `super` instance.
        Ok(unsafe { made.cast_into_unchecked() })
    }
}

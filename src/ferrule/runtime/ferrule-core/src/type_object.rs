//! Which Python type a Rust marker type stands for, and how to check it.
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::{PyAny, PyType};

/// Implemented by every native type marker and every `#[pyclass]`.
pub unsafe trait PyTypeInfo: Sized {
    /// Python name of the type, as shown in error messages.
    const NAME: &'static str;
    /// Module of the type, when it has one.
    const MODULE: Option<&'static str>;
    /// The type as a Python type hint (feature `experimental-inspect`).
    #[cfg(feature = "experimental-inspect")]
    const TYPE_HINT: crate::inspect::PyStaticExpr = crate::inspect::INCOMPLETE;

    fn type_object_raw(py: Python<'_>) -> *mut ffi::PyTypeObject;

    #[inline]
    fn type_object(py: Python<'_>) -> Bound<'_, PyType> {
        unsafe { Bound::<PyAny>::from_borrowed_ptr_typed(py, Self::type_object_raw(py) as *mut ffi::PyObject).cast_into_unchecked() }
    }

    #[inline]
    fn is_type_of(object: &Bound<'_, PyAny>) -> bool {
        unsafe { ffi::PyObject_TypeCheck(object.as_ptr(), Self::type_object_raw(object.py())) != 0 }
    }

    #[inline]
    fn is_exact_type_of(object: &Bound<'_, PyAny>) -> bool {
        unsafe { ffi::Py_TYPE(object.as_ptr()) == Self::type_object_raw(object.py()) }
    }
}

/// What `cast` needs: a check, and the type a failed cast names.
///
/// # Safety
/// `type_check` may return `true` only for objects whose layout is `Self`'s: a successful
/// cast hands out a `Bound<Self>`, whose methods read the object as `Self` (as PyO3 0.30,
/// where this trait is unsafe too).
pub unsafe trait PyTypeCheck {
    /// The type's name; PyO3 0.30 dropped it, and crates written for older PyO3 still set it.
    const NAME: &'static str = "";
    /// The accepted values as a Python type hint (feature `experimental-inspect`).
    #[cfg(feature = "experimental-inspect")]
    const TYPE_HINT: crate::inspect::PyStaticExpr;
    fn type_check(object: &Bound<'_, PyAny>) -> bool;
    /// The type to name in a failed cast's message.
    fn classinfo_object(py: Python<'_>) -> Bound<'_, PyAny>;
}

// SAFETY: `PyTypeInfo` is unsafe to implement; its `is_type_of` is the instance check.
unsafe impl<T: PyTypeInfo> PyTypeCheck for T {
    const NAME: &'static str = <T as PyTypeInfo>::NAME;
    #[cfg(feature = "experimental-inspect")]
    const TYPE_HINT: crate::inspect::PyStaticExpr = <T as PyTypeInfo>::TYPE_HINT;
    #[inline]
    fn type_check(object: &Bound<'_, PyAny>) -> bool {
        T::is_type_of(object)
    }
    fn classinfo_object(py: Python<'_>) -> Bound<'_, PyAny> {
        T::type_object(py).into_any()
    }
}

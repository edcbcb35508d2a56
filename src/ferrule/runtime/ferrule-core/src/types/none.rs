//! The singletons `None`, `Ellipsis` and `NotImplemented`: each type has one
//! instance, so the type check is an identity test.
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::type_object::PyTypeInfo;
use crate::types::PyAny;

macro_rules! singleton {
    ($(#[$doc:meta])* $name:ident, $py_name:literal, $get:path) => {
        $(#[$doc])*
        #[repr(transparent)]
        pub struct $name(PyAny);

        impl $name {
            /// The singleton (borrowed: it is immortal in practice).
            #[inline]
            pub fn get(py: Python<'_>) -> Borrowed<'static, '_, $name> {
                unsafe { Borrowed::<PyAny>::from_ptr(py, $get()).cast_unchecked() }
            }
        }

        unsafe impl PyTypeInfo for $name {
            const NAME: &'static str = $py_name;
            const MODULE: Option<&'static str> = Some("builtins");
            fn type_object_raw(_py: Python<'_>) -> *mut ffi::PyTypeObject {
                unsafe { ffi::Py_TYPE($get()) }
            }
            #[inline]
            fn is_type_of(object: &Bound<'_, PyAny>) -> bool {
                unsafe { object.as_ptr() == $get() }
            }
            #[inline]
            fn is_exact_type_of(object: &Bound<'_, PyAny>) -> bool {
                Self::is_type_of(object)
            }
        }

        impl crate::types::DerefToPyAny for $name {}
    };
}

singleton!(PyNone, "NoneType", ffi::Py_None);
singleton!(
    /// `...`
    PyEllipsis,
    "ellipsis",
    ffi::Py_Ellipsis
);
singleton!(PyNotImplemented, "NotImplementedType", ffi::Py_NotImplemented);

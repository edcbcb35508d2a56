//! One marker type per Python builtin type, each with a `...Methods` trait
//! implemented for `Bound<'py, ThatType>` (PyO3's layout, so imports port).
use std::cell::UnsafeCell;

use crate::ffi;

mod any;
mod boolobject;
pub mod bytes;
pub mod capsule;
pub mod code;
mod complex;
pub mod datetime;
pub mod dict;
mod float;
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
mod frame;
mod function;
mod genericalias;
pub mod iterator;
pub mod list;
pub mod mappingproxy;
mod memoryview;
mod module;
mod none;
mod num;
mod pysuper;
mod range;
pub(crate) mod sequence;
pub mod set;
pub mod slice;
pub mod string;
mod traceback;
pub mod tuple;
mod typeobject;
mod weakref;

pub use any::{CompareOp, PyAnyMethods, PyCallArgs};
pub use boolobject::{PyBool, PyBoolMethods};
pub use bytes::{PyBytes, PyBytesMethods, PyByteArray, PyByteArrayMethods};
pub use capsule::{CapsuleName, PyCapsule, PyCapsuleMethods};
pub use code::{PyCode, PyCodeInput, PyCodeMethods};
pub use complex::{PyComplex, PyComplexMethods};
pub use datetime::{
    timezone_utc, PyDate, PyDateAccess, PyDateTime, PyDelta, PyDeltaAccess, PyTime, PyTimeAccess, PyTzInfo,
    PyTzInfoAccess,
};
pub use dict::{BoundDictIterator, IntoPyDict, PyDict, PyDictMethods, PyDictIterator};
#[cfg(not(PyPy))]
pub use dict::{PyDictItems, PyDictKeys, PyDictValues};
pub use float::{PyFloat, PyFloatMethods};
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
pub use frame::{PyFrame, PyFrameMethods};
pub use function::{PyCFunction, PyFunction};
pub use genericalias::PyGenericAlias;
pub use iterator::PyIterator;
#[cfg(all(not(PyPy), Py_3_10))]
pub use iterator::PySendResult;
pub use list::{BoundListIterator, PyList, PyListMethods};
pub use mappingproxy::{PyMappingProxy, PyMappingProxyMethods};
pub use memoryview::PyMemoryView;
pub use module::{PyModule, PyModuleMethods};
pub use none::{PyEllipsis, PyNone, PyNotImplemented};
pub use num::{PyInt, PyLong};
pub use pysuper::PySuper;
pub use range::{PyRange, PyRangeMethods};
pub use sequence::{PyMapping, PyMappingMethods, PySequence, PySequenceMethods};
pub use set::{
    BoundFrozenSetIterator, BoundSetIterator, PyFrozenSet, PyFrozenSetBuilder, PyFrozenSetMethods, PySet, PySetMethods,
};
pub use slice::{PySlice, PySliceIndices, PySliceMethods};
pub use string::{PyString, PyStringMethods};
pub use traceback::{PyTraceback, PyTracebackMethods};
pub use tuple::{BorrowedTupleIterator, BoundTupleIterator, PyTuple, PyTupleMethods};
pub use typeobject::{PyType, PyTypeMethods};
pub use weakref::{PyWeakref, PyWeakrefMethods, PyWeakrefProxy, PyWeakrefReference};

/// PyO3's `pyo3::types::frozenset`: `frozenset` lives in [`set`] here.
pub mod frozenset {
    pub use super::set::{BoundFrozenSetIterator, PyFrozenSet, PyFrozenSetBuilder, PyFrozenSetMethods};
}

/// The iterators of the collection types under one path, as PyO3 0.30's `pyo3::types::iter`.
pub mod iter {
    pub use super::dict::BoundDictIterator;
    pub use super::list::BoundListIterator;
    pub use super::set::{BoundFrozenSetIterator, BoundSetIterator};
    pub use super::tuple::{BorrowedTupleIterator, BoundTupleIterator};
}

/// Any Python object.
#[repr(transparent)]
pub struct PyAny(UnsafeCell<ffi::PyObject>);

/// Markers whose `Bound` dereferences to `Bound<PyAny>`.
pub trait DerefToPyAny {}

/// Implements `PyTypeInfo` and `DerefToPyAny` for a builtin type marker.
/// `$check` is the cheap type test (a `tp_flags` bit or an exact-type test).
macro_rules! native_type {
    ($name:ident, $module:tt, $py_name:literal, $type_object:expr, $check:path) => {
        #[repr(transparent)]
        pub struct $name($crate::types::PyAny);

        unsafe impl $crate::type_object::PyTypeInfo for $name {
            const NAME: &'static str = $py_name;
            const MODULE: Option<&'static str> = Some($module);
            $crate::__ferrule_inspect_const!(TYPE_HINT = $crate::type_hint_identifier!($module, $py_name));
            #[inline]
            fn type_object_raw(_py: $crate::Python<'_>) -> *mut $crate::ffi::PyTypeObject {
                #[allow(unused_unsafe)]
                unsafe {
                    ::std::ptr::addr_of_mut!($type_object)
                }
            }
            #[inline]
            fn is_type_of(object: &$crate::Bound<'_, $crate::types::PyAny>) -> bool {
                #[allow(unused_unsafe)]
                unsafe {
                    $check(object.as_ptr()) != 0
                }
            }
        }

        impl $crate::types::DerefToPyAny for $name {}
    };
    ($name:ident, $py_name:literal, $type_object:expr, $check:path) => {
        $crate::types::native_type!($name, "builtins", $py_name, $type_object, $check);
    };
}
pub(crate) use native_type;

/// A builtin type whose type object the C API does not export (or not under the
/// limited API): imported once from `$from.$attr` and kept.
#[allow(unused_macros)]
macro_rules! imported_type {
    ($name:ident, $module:tt, $py_name:literal, $from:literal, $attr:literal) => {
        #[repr(transparent)]
        pub struct $name($crate::types::PyAny);

        unsafe impl $crate::type_object::PyTypeInfo for $name {
            const NAME: &'static str = $py_name;
            const MODULE: Option<&'static str> = Some($module);
            $crate::__ferrule_inspect_const!(TYPE_HINT = $crate::type_hint_identifier!($module, $py_name));
            fn type_object_raw(py: $crate::Python<'_>) -> *mut $crate::ffi::PyTypeObject {
                static TYPE: $crate::sync::PyOnceLock<$crate::Py<$crate::types::PyType>> =
                    $crate::sync::PyOnceLock::new();
                TYPE.import(py, $from, $attr)
                    .expect(concat!("failed to import `", $from, ".", $attr, "`"))
                    .as_ptr() as *mut $crate::ffi::PyTypeObject
            }
        }

        impl $crate::types::DerefToPyAny for $name {}
    };
}
#[allow(unused_imports)]
pub(crate) use imported_type;

unsafe impl crate::type_object::PyTypeInfo for PyAny {
    const NAME: &'static str = "object";
    const MODULE: Option<&'static str> = Some("builtins");
    crate::__ferrule_inspect_const!(TYPE_HINT = crate::type_hint_identifier!("typing", "Any"));
    #[inline]
    fn type_object_raw(_py: crate::Python<'_>) -> *mut ffi::PyTypeObject {
        std::ptr::addr_of_mut!(ffi::PyBaseObject_Type)
    }
    #[inline]
    fn is_type_of(_object: &crate::Bound<'_, PyAny>) -> bool {
        true
    }
}

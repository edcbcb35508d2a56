//! One marker type per Python builtin type, each with a `...Methods` trait
//! implemented for `Bound<'py, ThatType>` (PyO3's layout, so imports port).
use std::cell::UnsafeCell;

use crate::ffi;

mod any;
mod boolobject;
mod bytes;
mod complex;
mod datetime;
mod dict;
mod float;
mod function;
mod iterator;
pub(crate) mod list;
mod memoryview;
mod module;
mod none;
mod num;
mod pysuper;
pub(crate) mod sequence;
mod set;
mod slice;
mod string;
mod traceback;
mod tuple;
mod typeobject;

pub use any::{CompareOp, PyAnyMethods, PyCallArgs};
pub use boolobject::{PyBool, PyBoolMethods};
pub use bytes::{PyBytes, PyBytesMethods, PyByteArray, PyByteArrayMethods};
pub use complex::{PyComplex, PyComplexMethods};
pub use datetime::{
    timezone_utc, PyDate, PyDateAccess, PyDateTime, PyDelta, PyDeltaAccess, PyTime, PyTimeAccess, PyTzInfo,
    PyTzInfoAccess,
};
pub use dict::{BoundDictIterator, IntoPyDict, PyDict, PyDictMethods, PyDictIterator};
pub use float::{PyFloat, PyFloatMethods};
pub use function::PyCFunction;
pub use iterator::PyIterator;
pub use list::{BoundListIterator, PyList, PyListMethods};
pub use memoryview::PyMemoryView;
pub use module::{PyModule, PyModuleMethods};
pub use none::{PyEllipsis, PyNone, PyNotImplemented};
pub use num::{PyInt, PyLong};
pub use pysuper::PySuper;
pub use sequence::{PyMapping, PyMappingMethods, PySequence, PySequenceMethods};
pub use set::{BoundFrozenSetIterator, BoundSetIterator, PyFrozenSet, PyFrozenSetMethods, PySet, PySetMethods};
pub use slice::{PySlice, PySliceIndices, PySliceMethods};
pub use string::{PyString, PyStringMethods};
pub use traceback::PyTraceback;
pub use tuple::{BorrowedTupleIterator, BoundTupleIterator, PyTuple, PyTupleMethods};
pub use typeobject::{PyType, PyTypeMethods};

/// Any Python object.
#[repr(transparent)]
pub struct PyAny(UnsafeCell<ffi::PyObject>);

/// Markers whose `Bound` dereferences to `Bound<PyAny>`.
pub trait DerefToPyAny {}

/// Implements `PyTypeInfo` and `DerefToPyAny` for a builtin type marker.
/// `$check` is the cheap type test (a `tp_flags` bit or an exact-type test).
macro_rules! native_type {
    ($name:ident, $py_name:literal, $type_object:expr, $check:path) => {
        #[repr(transparent)]
        pub struct $name($crate::types::PyAny);

        unsafe impl $crate::type_object::PyTypeInfo for $name {
            const NAME: &'static str = $py_name;
            const MODULE: Option<&'static str> = Some("builtins");
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
}
pub(crate) use native_type;

unsafe impl crate::type_object::PyTypeInfo for PyAny {
    const NAME: &'static str = "object";
    const MODULE: Option<&'static str> = Some("builtins");
    #[inline]
    fn type_object_raw(_py: crate::Python<'_>) -> *mut ffi::PyTypeObject {
        std::ptr::addr_of_mut!(ffi::PyBaseObject_Type)
    }
    #[inline]
    fn is_type_of(_object: &crate::Bound<'_, PyAny>) -> bool {
        true
    }
}

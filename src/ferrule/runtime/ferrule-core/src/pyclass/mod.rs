//! `#[pyclass]` support: the traits the generated glue implements for a class,
//! the instance layout, borrow checking (`PyRef`/`PyRefMut`), creating the type
//! object from a `PyType_Spec`, and garbage-collector support.
//!
//! An instance is the base type's object (a plain `PyObject` header, an
//! exception, or another `#[pyclass]`) followed by this class's [`Contents`],
//! at an offset computed when the type is created from the base's
//! `__basicsize__`. One borrow flag, in the root `#[pyclass]` of a hierarchy,
//! guards the Rust values of every level.
mod borrow;
mod create_type;
pub(crate) mod gc;
mod guard;
mod init;
pub(crate) mod layout;
mod pyref;
mod slots;
mod variant;

pub use borrow::{BorrowChecker, BorrowFlag, NoBorrow, PyBorrowError, PyBorrowMutError};
pub use create_type::{ClassAttr, LazyType, TypeBuilder};
pub use gc::{PyTraverseError, PyVisit, VisitTarget};
pub use guard::{PyClassGuard, PyClassGuardMap, PyClassGuardMapMut, PyClassGuardMut};
pub use init::{IntoPyClassInitializer, PyClassInitializer, PyNativeTypeInitializer, PyObjectInit};
pub use layout::{contents, AnyThread, Contents, CreatingThread, NoSlot, ObjectSlot, SlotPtr, ThreadCheck};
pub use pyref::{CloneCheck, IsClone, PyRef, PyRefMut, SuperMut};
pub use variant::VariantType;

use crate::type_object::PyTypeInfo;

pub use crate::types::CompareOp;

/// Marker types for [`PyClass::Frozen`].
pub mod boolean {
    pub struct True;
    pub struct False;
}

/// PyO3's name for [`boolean`]: generic code bounds classes with
/// `T: PyClass<Frozen = pyo3::pyclass::boolean_struct::False>`.
#[doc(hidden)]
pub use boolean as boolean_struct;

/// Implemented by the two values [`PyClass::Frozen`] takes, [`boolean::True`] (`#[pyclass(frozen)]`)
/// and [`boolean::False`]; PyO3 0.30 has it as `pyo3::pyclass::Frozen` (its `VALUE` is private there).
#[doc(hidden)]
pub trait Frozen: boolean_sealed::Sealed {
    /// Whether the class is frozen.
    const VALUE: bool;
}

mod boolean_sealed {
    pub trait Sealed {}
    impl Sealed for super::boolean::True {}
    impl Sealed for super::boolean::False {}
}

impl Frozen for boolean::True {
    const VALUE: bool = true;
}
impl Frozen for boolean::False {
    const VALUE: bool = false;
}

/// Implemented by ferrule's glue for every `#[pyclass]`. Not meant to be
/// implemented by hand: the hidden items change with the generator.
pub unsafe trait PyClass: PyTypeInfo + Sized + 'static {
    /// `boolean::True` for `#[pyclass(frozen)]`.
    type Frozen: Frozen;
    /// The Python base: `PyAny` (object), a builtin exception, or a `#[pyclass]`.
    type BaseType: PyClassBaseType;
    #[doc(hidden)]
    /// The first `#[pyclass]` of the hierarchy; its contents hold the borrow flag.
    type Root: PyClass;
    #[doc(hidden)]
    type Checker: BorrowChecker;
    #[doc(hidden)]
    type Dict: SlotPtr;
    #[doc(hidden)]
    type WeakRef: SlotPtr;
    #[doc(hidden)]
    /// `AnyThread`, or `CreatingThread` for `#[pyclass(unsendable)]`.
    type ThreadChecker: ThreadCheck;
    #[doc(hidden)]
    fn lazy_type() -> &'static LazyType;
    #[doc(hidden)]
    /// Fills in the type's slots, methods and properties.
    fn build_type(builder: &mut TypeBuilder);
    #[doc(hidden)]
    /// The class of a new instance holding `self`: a complex enum's variant class.
    #[inline]
    fn instance_type(&self, py: crate::marker::Python<'_>) -> *mut crate::ffi::PyTypeObject {
        Self::type_object_raw(py)
    }
}

/// What a class may name in `extends = ...`.
pub trait PyClassBaseType: PyTypeInfo {
    type Initializer: PyObjectInit;
    #[doc(hidden)]
    /// Drops the Rust values of this level and those below it (nothing for native types).
    unsafe fn drop_contents(obj: *mut crate::ffi::PyObject);
    #[doc(hidden)]
    const IS_PYCLASS: bool;
    #[doc(hidden)]
    /// Panics unless this thread may touch the Rust values of this level and those below it.
    #[inline(always)]
    unsafe fn ensure_thread(_obj: *mut crate::ffi::PyObject) {}
    #[doc(hidden)]
    /// `__basicsize__` of this base when fixed at compile time (`object`).
    const STATIC_BASICSIZE: Option<usize> = None;
    #[doc(hidden)]
    /// The first type below the `#[pyclass]` levels (this one, for a native type): the one that
    /// allocates and frees the object.
    fn native_type_object(py: crate::Python<'_>) -> *mut crate::ffi::PyTypeObject {
        Self::type_object_raw(py)
    }
}

impl<T: PyClass> PyClassBaseType for T {
    type Initializer = PyClassInitializer<T>;
    unsafe fn drop_contents(obj: *mut crate::ffi::PyObject) {
        layout::drop_contents::<T>(obj)
    }
    const IS_PYCLASS: bool = true;
    #[inline(always)]
    unsafe fn ensure_thread(obj: *mut crate::ffi::PyObject) {
        layout::ensure_thread::<T>(obj)
    }
    fn native_type_object(py: crate::Python<'_>) -> *mut crate::ffi::PyTypeObject {
        layout::native_base_type::<T>(py)
    }
}

macro_rules! native_base {
    ($($ty:ty),* $(,)?) => {$(
        impl PyClassBaseType for $ty {
            type Initializer = PyNativeTypeInitializer<$ty>;
            unsafe fn drop_contents(_obj: *mut crate::ffi::PyObject) {}
            const IS_PYCLASS: bool = false;
        }
    )*};
}

impl PyClassBaseType for crate::types::PyAny {
    type Initializer = PyNativeTypeInitializer<crate::types::PyAny>;
    unsafe fn drop_contents(_obj: *mut crate::ffi::PyObject) {}
    const IS_PYCLASS: bool = false;
    const STATIC_BASICSIZE: Option<usize> = Some(std::mem::size_of::<crate::ffi::PyObject>());
}

use crate::exceptions::*;
// The native types PyO3 lets a class extend: every exception and a few builtins.
native_base!(
    PyBaseException, PyException, PyStopAsyncIteration, PyStopIteration, PyGeneratorExit,
    PyArithmeticError, PyLookupError, PyAssertionError, PyAttributeError, PyBufferError, PyEOFError,
    PyFloatingPointError, PyOSError, PyImportError, PyModuleNotFoundError, PyIndexError, PyKeyError,
    PyKeyboardInterrupt, PyMemoryError, PyNameError, PyOverflowError, PyRuntimeError, PyRecursionError,
    PyNotImplementedError, PySyntaxError, PyIndentationError, PyTabError, PyReferenceError, PySystemError,
    PySystemExit, PyTypeError, PyUnboundLocalError, PyUnicodeError, PyUnicodeEncodeError,
    PyUnicodeDecodeError, PyUnicodeTranslateError, PyValueError, PyZeroDivisionError, PyBlockingIOError,
    PyBrokenPipeError, PyChildProcessError, PyConnectionError, PyConnectionAbortedError,
    PyConnectionRefusedError, PyConnectionResetError, PyFileExistsError, PyFileNotFoundError,
    PyInterruptedError, PyIsADirectoryError, PyNotADirectoryError, PyPermissionError,
    PyProcessLookupError, PyTimeoutError, PyEnvironmentError, PyIOError, PyWarning, PyUserWarning, PyDeprecationWarning,
    PyPendingDeprecationWarning, PySyntaxWarning, PyRuntimeWarning, PyFutureWarning, PyImportWarning,
    PyUnicodeWarning, PyBytesWarning, PyResourceWarning,
);
native_base!(
    crate::types::PyDict, crate::types::PySet, crate::types::PyFrozenSet, crate::types::PyFloat,
    crate::types::PyComplex,
);

//! Every builtin exception and warning type, as `PyValueError` etc.
//! `PyValueError::new_err(args)` makes a lazy `PyErr`; no Python object is
//! created until Python sees it.
use crate::ffi;
use crate::marker::Python;
use crate::type_object::PyTypeInfo;
use crate::types::PyAny;

/// Declares a marker type for an exception type object exported by CPython.
macro_rules! native_exception {
    ($(#[$meta:meta])* $name:ident, $ffi_name:ident, $py_name:literal) => {
        $(#[$meta])*
        #[repr(transparent)]
        pub struct $name(PyAny);

        $(#[$meta])*
        impl $name {
            /// A `PyErr` of this type, created when Python first looks at it.
            #[inline]
            pub fn new_err<A>(args: A) -> crate::PyErr
            where
                A: crate::PyErrArguments + Send + Sync + 'static,
            {
                crate::PyErr::new::<$name, A>(args)
            }
        }

        $(#[$meta])*
        unsafe impl PyTypeInfo for $name {
            const NAME: &'static str = $py_name;
            const MODULE: Option<&'static str> = Some("builtins");
            #[inline]
            fn type_object_raw(_py: Python<'_>) -> *mut ffi::PyTypeObject {
                unsafe { ffi::$ffi_name as *mut ffi::PyTypeObject }
            }
        }

        $(#[$meta])*
        impl crate::types::DerefToPyAny for $name {}

        $(#[$meta])*
        impl crate::err::ToPyErr for $name {}
    };
}

/// The type marker shared by `create_exception!` and `import_exception!`:
/// `$make` builds the type object the first time it is needed.
#[doc(hidden)]
#[macro_export]
macro_rules! __ferrule_lazy_exception {
    ($module:expr, $(#[$attr:meta])* $name:ident, $make:expr) => {
        $(#[$attr])*
        #[repr(transparent)]
        #[allow(non_camel_case_types)]
        pub struct $name($crate::PyAny);

        impl $name {
            /// Creates a new [`PyErr`]($crate::PyErr) of this type (a crate's `#![deny(missing_docs)]` holds).
            #[inline]
            #[allow(dead_code)]
            pub fn new_err<A>(args: A) -> $crate::PyErr
            where
                A: $crate::PyErrArguments + ::std::marker::Send + ::std::marker::Sync + 'static,
            {
                $crate::PyErr::new::<$name, A>(args)
            }
        }

        unsafe impl $crate::PyTypeInfo for $name {
            const NAME: &'static str = ::std::stringify!($name);
            const MODULE: ::std::option::Option<&'static str> = ::std::option::Option::Some($module);
            fn type_object_raw(py: $crate::Python<'_>) -> *mut $crate::ffi::PyTypeObject {
                static TYPE: $crate::sync::PyOnceLock<$crate::Py<$crate::types::PyType>> = $crate::sync::PyOnceLock::new();
                let make: fn($crate::Python<'_>) -> $crate::Py<$crate::types::PyType> = $make;
                TYPE.get_or_init(py, || make(py)).as_ptr() as *mut $crate::ffi::PyTypeObject
            }
        }

        impl $crate::types::DerefToPyAny for $name {}

        impl $crate::ToPyErr for $name {}
    };
}

/// Declares a new exception type, created on first use: `create_exception!(mymodule, MyError, PyException, "doc")`.
/// The module may be dotted (`pkg.sub`), as in PyO3, where it is an expression.
#[macro_export]
macro_rules! create_exception {
    ($module:expr, $name:ident, $base:ty) => {
        $crate::__ferrule_lazy_exception!(::std::stringify!($module), $name, |py| {
            $crate::impl_::exceptions::new_exception_type(
                py,
                ::std::concat!(::std::stringify!($module), ".", ::std::stringify!($name)),
                "",
                &<$base as $crate::PyTypeInfo>::type_object(py),
            )
        });
    };
    // As in PyO3, the doc is the struct's Rust doc too.
    ($module:expr, $name:ident, $base:ty, $doc:expr) => {
        $crate::__ferrule_lazy_exception!(::std::stringify!($module), #[doc = $doc] $name, |py| {
            $crate::impl_::exceptions::new_exception_type(
                py,
                ::std::concat!(::std::stringify!($module), ".", ::std::stringify!($name)),
                $doc,
                &<$base as $crate::PyTypeInfo>::type_object(py),
            )
        });
    };
}

/// Refers to an exception type defined in a Python module: `import_exception!(socket, timeout)`.
#[macro_export]
macro_rules! import_exception {
    ($module:expr, $name:ident) => {
        $crate::__ferrule_lazy_exception!(::std::stringify!($module),
            #[doc = ::std::concat!("The Python exception `", ::std::stringify!($module), ".", ::std::stringify!($name),
                                   "`, imported by `import_exception!`.")]
            $name, |py| {
            $crate::impl_::exceptions::import_type(py, ::std::stringify!($module), ::std::stringify!($name))
        });
    };
}

native_exception!(PyBaseException, PyExc_BaseException, "BaseException");
native_exception!(PyException, PyExc_Exception, "Exception");
native_exception!(PyStopAsyncIteration, PyExc_StopAsyncIteration, "StopAsyncIteration");
native_exception!(PyStopIteration, PyExc_StopIteration, "StopIteration");
native_exception!(PyGeneratorExit, PyExc_GeneratorExit, "GeneratorExit");
native_exception!(PyArithmeticError, PyExc_ArithmeticError, "ArithmeticError");
native_exception!(PyLookupError, PyExc_LookupError, "LookupError");
native_exception!(PyAssertionError, PyExc_AssertionError, "AssertionError");
native_exception!(PyAttributeError, PyExc_AttributeError, "AttributeError");
native_exception!(PyBufferError, PyExc_BufferError, "BufferError");
native_exception!(PyEOFError, PyExc_EOFError, "EOFError");
native_exception!(PyFloatingPointError, PyExc_FloatingPointError, "FloatingPointError");
native_exception!(PyOSError, PyExc_OSError, "OSError");
native_exception!(PyImportError, PyExc_ImportError, "ImportError");
native_exception!(PyModuleNotFoundError, PyExc_ModuleNotFoundError, "ModuleNotFoundError");
native_exception!(PyIndexError, PyExc_IndexError, "IndexError");
native_exception!(PyKeyError, PyExc_KeyError, "KeyError");
native_exception!(PyKeyboardInterrupt, PyExc_KeyboardInterrupt, "KeyboardInterrupt");
native_exception!(PyMemoryError, PyExc_MemoryError, "MemoryError");
native_exception!(PyNameError, PyExc_NameError, "NameError");
native_exception!(PyOverflowError, PyExc_OverflowError, "OverflowError");
native_exception!(PyRuntimeError, PyExc_RuntimeError, "RuntimeError");
native_exception!(PyRecursionError, PyExc_RecursionError, "RecursionError");
native_exception!(PyNotImplementedError, PyExc_NotImplementedError, "NotImplementedError");
native_exception!(PySyntaxError, PyExc_SyntaxError, "SyntaxError");
native_exception!(PyIndentationError, PyExc_IndentationError, "IndentationError");
native_exception!(PyTabError, PyExc_TabError, "TabError");
native_exception!(PyReferenceError, PyExc_ReferenceError, "ReferenceError");
native_exception!(PySystemError, PyExc_SystemError, "SystemError");
native_exception!(PySystemExit, PyExc_SystemExit, "SystemExit");
native_exception!(PyTypeError, PyExc_TypeError, "TypeError");
native_exception!(PyUnboundLocalError, PyExc_UnboundLocalError, "UnboundLocalError");
native_exception!(PyUnicodeError, PyExc_UnicodeError, "UnicodeError");
native_exception!(PyUnicodeEncodeError, PyExc_UnicodeEncodeError, "UnicodeEncodeError");
native_exception!(PyUnicodeDecodeError, PyExc_UnicodeDecodeError, "UnicodeDecodeError");
native_exception!(PyUnicodeTranslateError, PyExc_UnicodeTranslateError, "UnicodeTranslateError");
native_exception!(PyValueError, PyExc_ValueError, "ValueError");
native_exception!(PyZeroDivisionError, PyExc_ZeroDivisionError, "ZeroDivisionError");
native_exception!(PyBlockingIOError, PyExc_BlockingIOError, "BlockingIOError");
native_exception!(PyBrokenPipeError, PyExc_BrokenPipeError, "BrokenPipeError");
native_exception!(PyChildProcessError, PyExc_ChildProcessError, "ChildProcessError");
native_exception!(PyConnectionError, PyExc_ConnectionError, "ConnectionError");
native_exception!(PyConnectionAbortedError, PyExc_ConnectionAbortedError, "ConnectionAbortedError");
native_exception!(PyConnectionRefusedError, PyExc_ConnectionRefusedError, "ConnectionRefusedError");
native_exception!(PyConnectionResetError, PyExc_ConnectionResetError, "ConnectionResetError");
native_exception!(PyFileExistsError, PyExc_FileExistsError, "FileExistsError");
native_exception!(PyFileNotFoundError, PyExc_FileNotFoundError, "FileNotFoundError");
native_exception!(PyInterruptedError, PyExc_InterruptedError, "InterruptedError");
native_exception!(PyIsADirectoryError, PyExc_IsADirectoryError, "IsADirectoryError");
native_exception!(PyNotADirectoryError, PyExc_NotADirectoryError, "NotADirectoryError");
native_exception!(PyPermissionError, PyExc_PermissionError, "PermissionError");
native_exception!(PyProcessLookupError, PyExc_ProcessLookupError, "ProcessLookupError");
native_exception!(PyTimeoutError, PyExc_TimeoutError, "TimeoutError");
native_exception!(PyEnvironmentError, PyExc_EnvironmentError, "EnvironmentError");
native_exception!(PyIOError, PyExc_IOError, "IOError");
/// Python's `WindowsError`, another name of `OSError` (Windows only, as in PyO3).
#[cfg(windows)]
pub type PyWindowsError = PyOSError;
native_exception!(PyWarning, PyExc_Warning, "Warning");
native_exception!(PyUserWarning, PyExc_UserWarning, "UserWarning");
native_exception!(PyDeprecationWarning, PyExc_DeprecationWarning, "DeprecationWarning");
native_exception!(PyPendingDeprecationWarning, PyExc_PendingDeprecationWarning, "PendingDeprecationWarning");
native_exception!(PySyntaxWarning, PyExc_SyntaxWarning, "SyntaxWarning");
native_exception!(PyRuntimeWarning, PyExc_RuntimeWarning, "RuntimeWarning");
native_exception!(PyFutureWarning, PyExc_FutureWarning, "FutureWarning");
native_exception!(PyImportWarning, PyExc_ImportWarning, "ImportWarning");
native_exception!(PyUnicodeWarning, PyExc_UnicodeWarning, "UnicodeWarning");
native_exception!(PyBytesWarning, PyExc_BytesWarning, "BytesWarning");
native_exception!(PyResourceWarning, PyExc_ResourceWarning, "ResourceWarning");
native_exception!(#[cfg(Py_3_10)] PyEncodingWarning, PyExc_EncodingWarning, "EncodingWarning");
native_exception!(#[cfg(Py_3_11)] PyBaseExceptionGroup, PyExc_BaseExceptionGroup, "BaseExceptionGroup");

/// Exceptions of Python's `asyncio` module, imported on first use (PyO3's `pyo3::exceptions::asyncio`).
pub mod asyncio {
    crate::import_exception!(asyncio, CancelledError);
    crate::import_exception!(asyncio, InvalidStateError);
    crate::import_exception!(asyncio, TimeoutError);
    crate::import_exception!(asyncio, IncompleteReadError);
    crate::import_exception!(asyncio, LimitOverrunError);
    crate::import_exception!(asyncio, QueueEmpty);
    crate::import_exception!(asyncio, QueueFull);
}

/// Exceptions of Python's `socket` module, imported on first use (PyO3's `pyo3::exceptions::socket`).
pub mod socket {
    crate::import_exception!(socket, herror);
    crate::import_exception!(socket, gaierror);
    crate::import_exception!(socket, timeout);
}

impl PyUnicodeDecodeError {
    /// `UnicodeDecodeError(encoding, input, range.start, range.end, reason)`, as PyO3's.
    pub fn new<'py>(
        py: Python<'py>,
        encoding: &std::ffi::CStr,
        input: &[u8],
        range: std::ops::Range<usize>,
        reason: &std::ffi::CStr,
    ) -> crate::PyResult<crate::Bound<'py, PyUnicodeDecodeError>> {
        use crate::types::PyAnyMethods;
        let args = (encoding.to_string_lossy(), crate::types::PyBytes::new(py, input), range.start, range.end,
                    reason.to_string_lossy());
        Ok(py.get_type::<PyUnicodeDecodeError>().call1(args)?.cast_into::<PyUnicodeDecodeError>()?)
    }

    /// The error for `input` that `std::str::from_utf8` refused: over the invalid sequence (to the end
    /// of `input` when it is cut short), reason "invalid utf-8" (PyO3's words).
    pub fn new_utf8<'py>(
        py: Python<'py>,
        input: &[u8],
        err: std::str::Utf8Error,
    ) -> crate::PyResult<crate::Bound<'py, PyUnicodeDecodeError>> {
        let start = err.valid_up_to();
        let end = err.error_len().map_or(input.len(), |len| start + len);
        PyUnicodeDecodeError::new(py, c"utf-8", input, start..end, c"invalid utf-8")
    }

    /// `new_utf8` as a `PyErr` to return (the error creating it, if that failed).
    pub fn new_err_from_utf8(py: Python<'_>, input: &[u8], err: std::str::Utf8Error) -> crate::PyErr {
        match PyUnicodeDecodeError::new_utf8(py, input, err) {
            Ok(exc) => crate::PyErr::from_value(exc.into_any()),
            Err(failed) => failed,
        }
    }
}

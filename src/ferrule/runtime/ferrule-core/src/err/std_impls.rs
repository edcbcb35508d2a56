//! `From<std error> for PyErr`, so `?` works on std results in `#[pyfunction]`s.
use std::io;

use crate::err::PyErr;
use crate::exceptions::*;

macro_rules! error_to_exception {
    ($err:ty, $exc:ty) => {
        impl From<$err> for PyErr {
            #[cold]
            fn from(err: $err) -> PyErr {
                <$exc>::new_err(err.to_string())
            }
        }
    };
}

error_to_exception!(std::num::ParseIntError, PyValueError);
error_to_exception!(std::num::ParseFloatError, PyValueError);
error_to_exception!(std::num::TryFromIntError, PyValueError); // PyO3's choice, not OverflowError
error_to_exception!(std::str::ParseBoolError, PyValueError);
error_to_exception!(std::char::ParseCharError, PyValueError);
error_to_exception!(std::string::FromUtf8Error, PyUnicodeDecodeError);
error_to_exception!(std::str::Utf8Error, PyUnicodeDecodeError);
error_to_exception!(std::string::FromUtf16Error, PyUnicodeDecodeError);
error_to_exception!(std::ffi::NulError, PyValueError);
error_to_exception!(std::fmt::Error, PyRuntimeError);
error_to_exception!(std::net::AddrParseError, PyValueError);
error_to_exception!(std::array::TryFromSliceError, PyValueError);
error_to_exception!(std::time::TryFromFloatSecsError, PyValueError);
error_to_exception!(std::time::SystemTimeError, PyValueError);
error_to_exception!(std::path::StripPrefixError, PyValueError);
error_to_exception!(std::env::JoinPathsError, PyValueError);
error_to_exception!(std::char::CharTryFromError, PyValueError);

/// `io::Error` becomes the `OSError` subclass Python would raise for its kind; one made from a `PyErr`
/// (below) gives that `PyErr` back.
impl From<io::Error> for PyErr {
    #[cold]
    fn from(err: io::Error) -> PyErr {
        if err.get_ref().is_some_and(|inner| inner.is::<PyErr>()) {
            if let Some(Ok(original)) = err.into_inner().map(|inner| inner.downcast::<PyErr>()) {
                return *original;
            }
            unreachable!("checked to hold a PyErr");
        }
        let msg = err.to_string();
        match err.kind() {
            io::ErrorKind::NotFound => PyFileNotFoundError::new_err(msg),
            io::ErrorKind::PermissionDenied => PyPermissionError::new_err(msg),
            io::ErrorKind::ConnectionRefused => PyConnectionRefusedError::new_err(msg),
            io::ErrorKind::ConnectionReset => PyConnectionResetError::new_err(msg),
            io::ErrorKind::ConnectionAborted => PyConnectionAbortedError::new_err(msg),
            io::ErrorKind::BrokenPipe => PyBrokenPipeError::new_err(msg),
            io::ErrorKind::AlreadyExists => PyFileExistsError::new_err(msg),
            io::ErrorKind::WouldBlock => PyBlockingIOError::new_err(msg),
            io::ErrorKind::TimedOut => PyTimeoutError::new_err(msg),
            io::ErrorKind::Interrupted => PyInterruptedError::new_err(msg),
            io::ErrorKind::IsADirectory => PyIsADirectoryError::new_err(msg),
            io::ErrorKind::NotADirectory => PyNotADirectoryError::new_err(msg),
            _ => PyOSError::new_err(msg),
        }
    }
}

/// A `PyErr` as an `io::Error` (`?` in a `Read`/`Write` impl over a Python file object, as pyo3-file
/// writes): the kind follows the exception's `OSError` subclass, and the `PyErr` itself is the error
/// inside, so `?` back into `PyResult` raises the original exception.
impl From<PyErr> for io::Error {
    #[cold]
    fn from(err: PyErr) -> io::Error {
        let kind = crate::Python::attach(|py| {
            let kinds: [(bool, io::ErrorKind); 10] = [
                (err.is_instance_of::<PyBrokenPipeError>(py), io::ErrorKind::BrokenPipe),
                (err.is_instance_of::<PyConnectionRefusedError>(py), io::ErrorKind::ConnectionRefused),
                (err.is_instance_of::<PyConnectionAbortedError>(py), io::ErrorKind::ConnectionAborted),
                (err.is_instance_of::<PyConnectionResetError>(py), io::ErrorKind::ConnectionReset),
                (err.is_instance_of::<PyInterruptedError>(py), io::ErrorKind::Interrupted),
                (err.is_instance_of::<PyFileNotFoundError>(py), io::ErrorKind::NotFound),
                (err.is_instance_of::<PyPermissionError>(py), io::ErrorKind::PermissionDenied),
                (err.is_instance_of::<PyFileExistsError>(py), io::ErrorKind::AlreadyExists),
                (err.is_instance_of::<PyBlockingIOError>(py), io::ErrorKind::WouldBlock),
                (err.is_instance_of::<PyTimeoutError>(py), io::ErrorKind::TimedOut),
            ];
            kinds.iter().find(|(matched, _)| *matched).map_or(io::ErrorKind::Other, |(_, kind)| *kind)
        });
        io::Error::new(kind, err)
    }
}

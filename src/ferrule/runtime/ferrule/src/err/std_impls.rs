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

/// `io::Error` becomes the `OSError` subclass Python would raise for its kind.
impl From<io::Error> for PyErr {
    #[cold]
    fn from(err: io::Error) -> PyErr {
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

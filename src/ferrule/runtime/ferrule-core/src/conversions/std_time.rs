//! `Duration` ↔ `datetime.timedelta` and `SystemTime` ↔ `datetime.datetime`
//! (aware, in UTC; naive datetimes cannot be subtracted from the epoch).
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyOverflowError, PyValueError};
use crate::instance::{Borrowed, Bound, Py};
use crate::marker::Python;
use crate::sync::PyOnceLock;
use crate::types::{PyAny, PyAnyMethods, PyDateTime, PyDelta, PyDeltaAccess, PyTzInfo};

const SECONDS_PER_DAY: u64 = 86_400;

impl<'a, 'py> FromPyObject<'a, 'py> for Duration {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let delta = obj.cast::<PyDelta>()?;
        let days = u64::try_from(delta.get_days()).map_err(|_| {
            PyValueError::new_err("It is not possible to convert a negative timedelta to a Rust Duration")
        })?;
        // timedelta keeps 0 <= seconds < 86400 and 0 <= microseconds < 10**6.
        let seconds = delta.get_seconds() as u64;
        let nanos = delta.get_microseconds() as u32 * 1_000;
        Ok(Duration::new(days * SECONDS_PER_DAY + seconds, nanos))
    }
}

impl<'py> IntoPyObject<'py> for Duration {
    type Target = PyDelta;
    type Output = Bound<'py, PyDelta>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        let secs = self.as_secs();
        // Sub-microsecond parts are dropped, as timedelta cannot hold them.
        PyDelta::new(py, i32::try_from(secs / SECONDS_PER_DAY)?, (secs % SECONDS_PER_DAY) as i32, self.subsec_micros() as i32, false)
    }
}

ref_into_pyobject_by_copy!(Duration);

/// `datetime(1970, 1, 1, tzinfo=timezone.utc)`, made once.
fn unix_epoch(py: Python<'_>) -> PyResult<Borrowed<'_, '_, PyDateTime>> {
    static EPOCH: PyOnceLock<Py<PyDateTime>> = PyOnceLock::new();
    let epoch = EPOCH.get_or_try_init(py, || -> PyResult<_> {
        let utc = PyTzInfo::utc(py)?;
        Ok(PyDateTime::new(py, 1970, 1, 1, 0, 0, 0, 0, Some(&utc.to_owned()))?.unbind())
    })?;
    Ok(epoch.bind_borrowed(py))
}

impl<'a, 'py> FromPyObject<'a, 'py> for SystemTime {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let since_epoch: Duration = obj.sub(unix_epoch(obj.py())?)?.extract()?;
        UNIX_EPOCH
            .checked_add(since_epoch)
            .ok_or_else(|| PyOverflowError::new_err("Overflow error when converting the time to Rust"))
    }
}

impl<'py> IntoPyObject<'py> for SystemTime {
    type Target = PyDateTime;
    type Output = Bound<'py, PyDateTime>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        let since_epoch = self.duration_since(UNIX_EPOCH).map_err(|_| {
            PyValueError::new_err("It is not possible to convert a SystemTime before the Unix epoch to a Python datetime")
        })?;
        Ok(unix_epoch(py)?.add(since_epoch)?.cast_into::<PyDateTime>()?)
    }
}

ref_into_pyobject_by_copy!(SystemTime);

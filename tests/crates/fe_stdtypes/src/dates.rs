//! `pyo3::types` date and time: constructors, the access traits, tzinfo
//! subclasses, and the std conversions `Duration` and `SystemTime`.
use std::time::{Duration, SystemTime};

use pyo3::prelude::*;
use pyo3::types::{
    PyDate, PyDateAccess, PyDateTime, PyDelta, PyDeltaAccess, PyTime, PyTimeAccess, PyTzInfo, PyTzInfoAccess,
};

#[pyfunction]
fn new_date(py: Python<'_>, year: i32, month: u8, day: u8) -> PyResult<Bound<'_, PyDate>> {
    PyDate::new(py, year, month, day)
}

#[pyfunction]
fn date_parts(d: &Bound<'_, PyDate>) -> (i32, u8, u8) {
    (d.get_year(), d.get_month(), d.get_day())
}

#[pyfunction]
fn date_at(py: Python<'_>, timestamp: f64) -> PyResult<Bound<'_, PyDate>> {
    PyDate::from_timestamp(py, timestamp)
}

#[pyfunction]
#[pyo3(signature = (year, month, day, hour, minute, second, microsecond, tzinfo = None, fold = false))]
#[allow(clippy::too_many_arguments)]
fn new_datetime<'py>(
    py: Python<'py>,
    year: i32,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    microsecond: u32,
    tzinfo: Option<&Bound<'py, PyTzInfo>>,
    fold: bool,
) -> PyResult<Bound<'py, PyDateTime>> {
    if fold {
        PyDateTime::new_with_fold(py, year, month, day, hour, minute, second, microsecond, tzinfo, fold)
    } else {
        PyDateTime::new(py, year, month, day, hour, minute, second, microsecond, tzinfo)
    }
}

/// (year, month, day, hour, minute, second, microsecond, fold, tzinfo)
#[pyfunction]
#[allow(clippy::type_complexity)]
fn datetime_parts<'py>(
    dt: &Bound<'py, PyDateTime>,
) -> (i32, u8, u8, u8, u8, u8, u32, bool, Option<Bound<'py, PyTzInfo>>) {
    (
        dt.get_year(),
        dt.get_month(),
        dt.get_day(),
        dt.get_hour(),
        dt.get_minute(),
        dt.get_second(),
        dt.get_microsecond(),
        dt.get_fold(),
        dt.get_tzinfo(),
    )
}

#[pyfunction]
#[pyo3(signature = (timestamp, tzinfo = None))]
fn datetime_at<'py>(
    py: Python<'py>,
    timestamp: f64,
    tzinfo: Option<&Bound<'py, PyTzInfo>>,
) -> PyResult<Bound<'py, PyDateTime>> {
    PyDateTime::from_timestamp(py, timestamp, tzinfo)
}

#[pyfunction]
#[pyo3(signature = (hour, minute, second, microsecond, tzinfo = None, fold = false))]
fn new_time<'py>(
    py: Python<'py>,
    hour: u8,
    minute: u8,
    second: u8,
    microsecond: u32,
    tzinfo: Option<&Bound<'py, PyTzInfo>>,
    fold: bool,
) -> PyResult<Bound<'py, PyTime>> {
    PyTime::new_with_fold(py, hour, minute, second, microsecond, tzinfo, fold)
}

#[pyfunction]
#[allow(clippy::type_complexity)]
fn time_parts<'py>(t: &Bound<'py, PyTime>) -> (u8, u8, u8, u32, bool, Option<Bound<'py, PyTzInfo>>) {
    (t.get_hour(), t.get_minute(), t.get_second(), t.get_microsecond(), t.get_fold(), t.get_tzinfo())
}

#[pyfunction]
fn new_delta(py: Python<'_>, days: i32, seconds: i32, microseconds: i32) -> PyResult<Bound<'_, PyDelta>> {
    PyDelta::new(py, days, seconds, microseconds, true)
}

#[pyfunction]
fn delta_parts(d: &Bound<'_, PyDelta>) -> (i32, i32, i32) {
    (d.get_days(), d.get_seconds(), d.get_microseconds())
}

#[pyfunction]
fn utc(py: Python<'_>) -> PyResult<Bound<'_, PyTzInfo>> {
    Ok(PyTzInfo::utc(py)?.to_owned())
}

#[pyfunction]
fn utc_old_spelling(py: Python<'_>) -> Bound<'_, PyTzInfo> {
    #[allow(deprecated)]
    pyo3::types::timezone_utc(py)
}

#[pyfunction]
fn fixed_offset(py: Python<'_>, minutes: i32) -> PyResult<Bound<'_, PyTzInfo>> {
    PyTzInfo::fixed_offset(py, Duration::from_secs(60 * minutes as u64))
}

#[pyfunction]
fn zone<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyTzInfo>> {
    PyTzInfo::timezone(py, name)
}

/// Is the object one of the datetime types? (cast checks, as a user would write them)
#[pyfunction]
fn kinds(obj: &Bound<'_, PyAny>) -> (bool, bool, bool, bool, bool) {
    (
        obj.is_instance_of::<PyDate>(),
        obj.is_instance_of::<PyDateTime>(),
        obj.is_instance_of::<PyTime>(),
        obj.is_instance_of::<PyDelta>(),
        obj.is_instance_of::<PyTzInfo>(),
    )
}

/// A fixed UTC+01:00 zone written in Rust.
#[pyclass(extends = PyTzInfo)]
struct PlusOne {}

#[pymethods]
impl PlusOne {
    #[new]
    fn new() -> Self {
        PlusOne {}
    }

    #[pyo3(signature = (_dt, /))]
    fn utcoffset<'py>(&self, py: Python<'py>, _dt: Option<&Bound<'py, PyDateTime>>) -> PyResult<Bound<'py, PyDelta>> {
        PyDelta::new(py, 0, 3600, 0, true)
    }

    #[pyo3(signature = (_dt, /))]
    fn tzname(&self, _dt: Option<&Bound<'_, PyDateTime>>) -> String {
        "+01:00".to_owned()
    }

    #[pyo3(signature = (_dt, /))]
    fn dst(&self, _dt: Option<&Bound<'_, PyDateTime>>) -> Option<Duration> {
        None
    }
}

#[pyfunction]
fn duration_round_trip(d: Duration) -> Duration {
    d
}

#[pyfunction]
fn duration_parts(d: Duration) -> (u64, u32) {
    (d.as_secs(), d.subsec_nanos())
}

#[pyfunction]
fn duration_from_parts(secs: u64, nanos: u32) -> Duration {
    Duration::new(secs, nanos)
}

#[pyfunction]
fn system_time_round_trip(t: SystemTime) -> SystemTime {
    t
}

#[pyfunction]
fn seconds_since_epoch(t: SystemTime) -> PyResult<f64> {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
}

#[pyfunction]
fn epoch_plus(secs: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(new_date, m)?)?;
    m.add_function(wrap_pyfunction!(date_parts, m)?)?;
    m.add_function(wrap_pyfunction!(date_at, m)?)?;
    m.add_function(wrap_pyfunction!(new_datetime, m)?)?;
    m.add_function(wrap_pyfunction!(datetime_parts, m)?)?;
    m.add_function(wrap_pyfunction!(datetime_at, m)?)?;
    m.add_function(wrap_pyfunction!(new_time, m)?)?;
    m.add_function(wrap_pyfunction!(time_parts, m)?)?;
    m.add_function(wrap_pyfunction!(new_delta, m)?)?;
    m.add_function(wrap_pyfunction!(delta_parts, m)?)?;
    m.add_function(wrap_pyfunction!(utc, m)?)?;
    m.add_function(wrap_pyfunction!(utc_old_spelling, m)?)?;
    m.add_function(wrap_pyfunction!(fixed_offset, m)?)?;
    m.add_function(wrap_pyfunction!(zone, m)?)?;
    m.add_function(wrap_pyfunction!(kinds, m)?)?;
    m.add_class::<PlusOne>()?;
    m.add_function(wrap_pyfunction!(duration_round_trip, m)?)?;
    m.add_function(wrap_pyfunction!(duration_parts, m)?)?;
    m.add_function(wrap_pyfunction!(duration_from_parts, m)?)?;
    m.add_function(wrap_pyfunction!(system_time_round_trip, m)?)?;
    m.add_function(wrap_pyfunction!(seconds_since_epoch, m)?)?;
    m.add_function(wrap_pyfunction!(epoch_plus, m)?)?;
    Ok(())
}

//! The `time` crate's values, both ways.
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcDateTime, UtcOffset};

fn bad(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// (year, month, day, day of the year)
#[pyfunction]
pub fn time_date_parts(day: Date) -> (i32, u8, u8, u16) {
    (day.year(), day.month() as u8, day.day(), day.ordinal())
}

#[pyfunction]
pub fn time_date(year: i32, month: u8, day: u8) -> PyResult<Date> {
    Date::from_calendar_date(year, Month::try_from(month).map_err(bad)?, day).map_err(bad)
}

/// (hour, minute, second, nanosecond)
#[pyfunction]
pub fn time_time_parts(clock: Time) -> (u8, u8, u8, u32) {
    (clock.hour(), clock.minute(), clock.second(), clock.nanosecond())
}

#[pyfunction]
pub fn time_time(hour: u8, minute: u8, second: u8, nano: u32) -> PyResult<Time> {
    Time::from_hms_nano(hour, minute, second, nano).map_err(bad)
}

/// Microseconds since 1970-01-01 00:00 of a naive datetime.
#[pyfunction]
pub fn time_primitive_micros(naive: PrimitiveDateTime) -> i64 {
    (naive.assume_utc().unix_timestamp_nanos() / 1_000) as i64
}

#[pyfunction]
pub fn time_primitive(micros: i64) -> PyResult<PrimitiveDateTime> {
    let utc = OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1_000).map_err(bad)?;
    Ok(PrimitiveDateTime::new(utc.date(), utc.time()))
}

/// (UTC microseconds since the epoch, offset in seconds)
#[pyfunction]
pub fn time_offset_parts(moment: OffsetDateTime) -> (i64, i32) {
    ((moment.unix_timestamp_nanos() / 1_000) as i64, moment.offset().whole_seconds())
}

#[pyfunction]
pub fn time_offset_datetime(micros: i64, offset_secs: i32) -> PyResult<OffsetDateTime> {
    let utc = OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1_000).map_err(bad)?;
    Ok(utc.to_offset(UtcOffset::from_whole_seconds(offset_secs).map_err(bad)?))
}

#[pyfunction]
pub fn time_utc_micros(moment: UtcDateTime) -> i64 {
    (moment.unix_timestamp_nanos() / 1_000) as i64
}

#[pyfunction]
pub fn time_utc(micros: i64) -> PyResult<UtcDateTime> {
    UtcDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1_000).map_err(bad)
}

#[pyfunction]
pub fn time_offset_secs(offset: UtcOffset) -> i32 {
    offset.whole_seconds()
}

#[pyfunction]
pub fn time_offset(secs: i32) -> PyResult<UtcOffset> {
    UtcOffset::from_whole_seconds(secs).map_err(bad)
}

#[pyfunction]
pub fn time_duration_micros(span: Duration) -> i64 {
    span.whole_microseconds() as i64
}

#[pyfunction]
pub fn time_duration(secs: i64, nanos: i32) -> Duration {
    Duration::new(secs, nanos)
}

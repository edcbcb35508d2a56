//! jiff 0.2's values, both ways; jiff prints and parses ISO 8601 / RFC 9557.
use jiff::civil::{Date, DateTime, ISOWeekDate, Time};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Span, Timestamp, Zoned};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

fn bad(e: jiff::Error) -> PyErr {
    PyValueError::new_err(e.to_string())
}

#[pyfunction]
pub fn jiff_date_text(day: Date) -> String {
    day.to_string()
}

#[pyfunction]
pub fn jiff_date(year: i16, month: i8, day: i8) -> PyResult<Date> {
    Date::new(year, month, day).map_err(bad)
}

/// (ISO year, week, weekday with Monday = 1)
#[pyfunction]
pub fn jiff_week(week: ISOWeekDate) -> (i16, i8, i8) {
    (week.year(), week.week(), week.weekday().to_monday_one_offset())
}

#[pyfunction]
pub fn jiff_time_text(clock: Time) -> String {
    clock.to_string()
}

#[pyfunction]
pub fn jiff_time(text: &str) -> PyResult<Time> {
    text.parse().map_err(bad)
}

#[pyfunction]
pub fn jiff_datetime_text(naive: DateTime) -> String {
    naive.to_string()
}

#[pyfunction]
pub fn jiff_datetime(text: &str) -> PyResult<DateTime> {
    text.parse().map_err(bad)
}

/// The zoned datetime as jiff prints it, with offset and zone (`...-05:00[America/New_York]`).
#[pyfunction]
pub fn jiff_zoned_text(moment: Zoned) -> String {
    moment.to_string()
}

#[pyfunction]
pub fn jiff_zoned(text: &str) -> PyResult<Zoned> {
    text.parse().map_err(bad)
}

#[pyfunction]
pub fn jiff_timestamp_micros(moment: Timestamp) -> i64 {
    moment.as_microsecond()
}

#[pyfunction]
pub fn jiff_timestamp(micros: i64) -> PyResult<Timestamp> {
    Timestamp::from_microsecond(micros).map_err(bad)
}

/// (IANA name if any, offset in seconds at `at_secs` after the epoch)
#[pyfunction]
pub fn jiff_zone_parts(zone: TimeZone, at_secs: i64) -> PyResult<(Option<String>, i32)> {
    let at = Timestamp::from_second(at_secs).map_err(bad)?;
    Ok((zone.iana_name().map(String::from), zone.to_offset(at).seconds()))
}

#[pyfunction]
pub fn jiff_zone(name: &str) -> PyResult<TimeZone> {
    TimeZone::get(name).map_err(bad)
}

/// A zone from a POSIX TZ rule: it has no IANA name.
#[pyfunction]
pub fn jiff_posix_zone(rule: &str) -> PyResult<TimeZone> {
    TimeZone::posix(rule).map_err(bad)
}

#[pyfunction]
pub fn jiff_offset_secs(offset: Offset) -> i32 {
    offset.seconds()
}

#[pyfunction]
pub fn jiff_offset(secs: i32) -> PyResult<Offset> {
    Offset::from_seconds(secs).map_err(bad)
}

/// (whole seconds, nanoseconds), both with the duration's sign.
#[pyfunction]
pub fn jiff_signed_parts(span: SignedDuration) -> (i64, i32) {
    (span.as_secs(), span.subsec_nanos())
}

#[pyfunction]
pub fn jiff_signed(secs: i64, nanos: i32) -> SignedDuration {
    SignedDuration::new(secs, nanos)
}

/// A span (from a timedelta) back as a duration: (seconds, nanoseconds).
#[pyfunction]
pub fn jiff_span_parts(span: Span) -> PyResult<(i64, i32)> {
    let d = SignedDuration::try_from(span).map_err(bad)?;
    Ok((d.as_secs(), d.subsec_nanos()))
}

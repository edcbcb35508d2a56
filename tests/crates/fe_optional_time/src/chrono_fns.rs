//! chrono and chrono-tz values crossing the boundary; results are computed in Rust, so a
//! test sees both directions of each conversion.
use chrono::{DateTime, Datelike, FixedOffset, Local, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta,
             TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// The day after `day`.
#[pyfunction]
pub fn chrono_next_day(day: NaiveDate) -> Option<NaiveDate> {
    day.succ_opt()
}

/// A date chrono can hold but Python may not (year 0, negative years).
#[pyfunction]
pub fn chrono_date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

#[pyfunction]
pub fn chrono_time(hour: u32, minute: u32, second: u32, nano: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_nano_opt(hour, minute, second, nano)
}

/// (hour, minute, second, nanosecond)
#[pyfunction]
pub fn chrono_time_parts(clock: NaiveTime) -> (u32, u32, u32, u32) {
    (clock.hour(), clock.minute(), clock.second(), clock.nanosecond())
}

/// `naive` as chrono prints it.
#[pyfunction]
pub fn chrono_naive_text(naive: NaiveDateTime) -> String {
    naive.to_string()
}

/// A naive datetime `micros` microseconds after 1970-01-01 00:00.
#[pyfunction]
pub fn chrono_naive(micros: i64) -> Option<NaiveDateTime> {
    DateTime::from_timestamp_micros(micros).map(|dt| dt.naive_utc())
}

/// Microseconds since the epoch of an aware datetime in UTC.
#[pyfunction]
pub fn chrono_utc_micros(moment: DateTime<Utc>) -> i64 {
    moment.timestamp_micros()
}

#[pyfunction]
pub fn chrono_utc(micros: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_micros(micros)
}

/// (RFC 3339 text, offset east of UTC in seconds)
#[pyfunction]
pub fn chrono_fixed_parts(moment: DateTime<FixedOffset>) -> (String, i32) {
    (moment.to_rfc3339(), moment.offset().local_minus_utc())
}

/// The instant `secs` after the epoch, seen at `offset_secs` east of UTC.
#[pyfunction]
pub fn chrono_fixed(secs: i64, offset_secs: i32) -> PyResult<DateTime<FixedOffset>> {
    let offset = FixedOffset::east_opt(offset_secs).ok_or_else(|| PyValueError::new_err("bad offset"))?;
    let utc = DateTime::from_timestamp(secs, 0).ok_or_else(|| PyValueError::new_err("bad time"))?;
    Ok(utc.with_timezone(&offset))
}

#[pyfunction]
pub fn chrono_offset_secs(offset: FixedOffset) -> i32 {
    offset.local_minus_utc()
}

#[pyfunction]
pub fn chrono_offset(secs: i32) -> Option<FixedOffset> {
    FixedOffset::east_opt(secs)
}

#[pyfunction]
pub fn chrono_utc_zone() -> Utc {
    Utc
}

#[pyfunction]
pub fn chrono_is_utc(zone: Utc) -> String {
    zone.to_string()
}

#[pyfunction]
pub fn chrono_delta_micros(delta: TimeDelta) -> Option<i64> {
    delta.num_microseconds()
}

#[pyfunction]
pub fn chrono_delta(secs: i64, nanos: i32) -> Option<TimeDelta> {
    TimeDelta::new(secs, 0).map(|d| d + TimeDelta::nanoseconds(nanos.into()))
}

/// A wall time in `zone`; `later` picks the second reading of a repeated hour.
#[pyfunction]
#[pyo3(signature = (zone, year, month, day, hour, minute, later = false))]
pub fn tz_wall(zone: Tz, year: i32, month: u32, day: u32, hour: u32, minute: u32, later: bool) -> Option<DateTime<Tz>> {
    match zone.with_ymd_and_hms(year, month, day, hour, minute, 0) {
        LocalResult::Single(dt) => Some(dt),
        LocalResult::Ambiguous(first, second) => Some(if later { second } else { first }),
        LocalResult::None => None,
    }
}

/// (UTC instant as RFC 3339, zone name, abbreviation) of an aware datetime in a zoneinfo zone.
#[pyfunction]
pub fn tz_parts(moment: DateTime<Tz>) -> (String, String, String) {
    (moment.with_timezone(&Utc).to_rfc3339(), moment.timezone().name().to_string(), moment.format("%Z").to_string())
}

#[pyfunction]
pub fn tz_name(zone: Tz) -> String {
    zone.name().to_string()
}

#[pyfunction]
pub fn tz_zone(name: &str) -> PyResult<Tz> {
    name.parse::<Tz>().map_err(|e| PyValueError::new_err(e.to_string()))
}

#[pyfunction]
pub fn local_zone() -> Local {
    Local
}

/// A datetime taken as local time (a naive one is local by convention), as UTC micros.
#[pyfunction]
pub fn local_micros(moment: DateTime<Local>) -> i64 {
    moment.timestamp_micros()
}

#[pyfunction]
pub fn local_at(micros: i64) -> Option<DateTime<Local>> {
    DateTime::from_timestamp_micros(micros).map(|dt| dt.with_timezone(&Local))
}

/// The day of the year, to show that a date really arrived.
#[pyfunction]
pub fn chrono_ordinal(day: NaiveDate) -> u32 {
    day.ordinal()
}

//! jiff 0.2 (feature `jiff-02`): `civil::{Date, Time, DateTime, ISOWeekDate}` ↔ `date`/`time`/naive
//! `datetime`, `Zoned`/`Timestamp` ↔ aware `datetime` (fold both ways), `TimeZone` ↔ `ZoneInfo` or
//! fixed `timezone`, `Offset` ↔ `timezone`, `SignedDuration` ↔ `timedelta`, and `Span` from `timedelta`.
use jiff_02::civil::{Date, DateTime, ISOWeekDate, Time};
use jiff_02::tz::{AmbiguousOffset, Offset, TimeZone};
use jiff_02::{SignedDuration, Span, Timestamp, Zoned};

use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyTypeError, PyValueError};
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{
    PyAny, PyAnyMethods, PyDate, PyDateAccess, PyDateTime, PyDelta, PyDeltaAccess, PyStringMethods, PyTime,
    PyTimeAccess, PyTzInfo, PyTzInfoAccess,
};

/// jiff's errors (out of range, unknown zone, ...) are ValueErrors, as in PyO3.
impl From<jiff_02::Error> for PyErr {
    fn from(err: jiff_02::Error) -> PyErr {
        PyValueError::new_err(err.to_string())
    }
}

fn date_of(date: &impl PyDateAccess) -> PyResult<Date> {
    Ok(Date::new(date.get_year().try_into()?, date.get_month().try_into()?, date.get_day().try_into()?)?)
}

fn time_of(time: &impl PyTimeAccess) -> PyResult<Time> {
    let nanos = (time.get_microsecond() * 1_000).try_into()?;
    Ok(Time::new(time.get_hour().try_into()?, time.get_minute().try_into()?, time.get_second().try_into()?, nanos)?)
}

fn datetime_to_py<'py>(
    py: Python<'py>, dt: DateTime, tz: Option<&TimeZone>, fold: bool,
) -> PyResult<Bound<'py, PyDateTime>> {
    let tz = tz.map(|tz| tz.into_pyobject(py)).transpose()?;
    let (month, day, hour) = (dt.month().try_into()?, dt.day().try_into()?, dt.hour().try_into()?);
    let (minute, second) = (dt.minute().try_into()?, dt.second().try_into()?);
    let micro = (dt.subsec_nanosecond() / 1_000).try_into()?;
    PyDateTime::new_with_fold(py, dt.year().into(), month, day, hour, minute, second, micro, tz.as_ref(), fold)
}

impl<'py> IntoPyObject<'py> for Date {
    type Target = PyDate;
    type Output = Bound<'py, PyDate>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        PyDate::new(py, self.year().into(), self.month().try_into()?, self.day().try_into()?)
    }
}

impl FromPyObject<'_, '_> for Date {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        date_of(&*obj.cast::<PyDate>()?)
    }
}

impl<'py> IntoPyObject<'py> for ISOWeekDate {
    type Target = PyDate;
    type Output = Bound<'py, PyDate>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        self.date().into_pyobject(py)
    }
}

impl FromPyObject<'_, '_> for ISOWeekDate {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        Ok(obj.extract::<Date>()?.iso_week_date())
    }
}

impl<'py> IntoPyObject<'py> for Time {
    type Target = PyTime;
    type Output = Bound<'py, PyTime>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        let (h, m, s) = (self.hour().try_into()?, self.minute().try_into()?, self.second().try_into()?);
        PyTime::new(py, h, m, s, (self.subsec_nanosecond() / 1_000).try_into()?, None)
    }
}

impl FromPyObject<'_, '_> for Time {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        time_of(&*obj.cast::<PyTime>()?)
    }
}

impl<'py> IntoPyObject<'py> for DateTime {
    type Target = PyDateTime;
    type Output = Bound<'py, PyDateTime>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        datetime_to_py(py, self, None, false)
    }
}

impl FromPyObject<'_, '_> for DateTime {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let dt = &*obj.cast::<PyDateTime>()?;
        if dt.get_tzinfo().is_some() {
            return Err(PyTypeError::new_err("expected a datetime without tzinfo"));
        }
        Ok(DateTime::from_parts(date_of(dt)?, time_of(dt)?))
    }
}

impl<'py> IntoPyObject<'py> for &Zoned {
    type Target = PyDateTime;
    type Output = Bound<'py, PyDateTime>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        // fold=1 marks the second reading of a repeated wall time: the offset after the transition.
        let ambiguous = self.time_zone().to_ambiguous_timestamp(self.datetime());
        let fold = matches!(ambiguous.offset(), AmbiguousOffset::Fold { before, after }
            if before != after && after == self.offset());
        datetime_to_py(py, self.datetime(), Some(self.time_zone()), fold)
    }
}

impl<'py> IntoPyObject<'py> for Zoned {
    type Target = PyDateTime;
    type Output = Bound<'py, PyDateTime>;
    type Error = PyErr;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        (&self).into_pyobject(py)
    }
}

impl FromPyObject<'_, '_> for Zoned {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let dt = &*obj.cast::<PyDateTime>()?;
        let tz = match dt.get_tzinfo() {
            Some(tzinfo) => tzinfo.extract::<TimeZone>()?,
            None => return Err(PyTypeError::new_err("expected a datetime with non-None tzinfo")),
        };
        let zoned = tz.into_ambiguous_zoned(DateTime::from_parts(date_of(dt)?, time_of(dt)?));
        Ok(if dt.get_fold() { zoned.later()? } else { zoned.earlier()? })
    }
}

impl<'py> IntoPyObject<'py> for Timestamp {
    type Target = PyDateTime;
    type Output = Bound<'py, PyDateTime>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        self.to_zoned(TimeZone::UTC).into_pyobject(py)
    }
}

impl FromPyObject<'_, '_> for Timestamp {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        Ok(obj.extract::<Zoned>()?.timestamp())
    }
}

impl<'py> IntoPyObject<'py> for &TimeZone {
    type Target = PyTzInfo;
    type Output = Bound<'py, PyTzInfo>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        if *self == TimeZone::UTC {
            return Ok(PyTzInfo::utc(py)?.to_owned());
        }
        if let Some(name) = self.iana_name() {
            return PyTzInfo::timezone(py, name);
        }
        // A zone without a name (a POSIX rule) converts only if its offset never changes.
        self.to_fixed_offset()?.into_pyobject(py)
    }
}

impl<'py> IntoPyObject<'py> for TimeZone {
    type Target = PyTzInfo;
    type Output = Bound<'py, PyTzInfo>;
    type Error = PyErr;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        (&self).into_pyobject(py)
    }
}

impl FromPyObject<'_, '_> for TimeZone {
    type Error = PyErr;
    /// A tzinfo with a `key` (zoneinfo) is looked up in jiff's database; others must be fixed.
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let tz = obj.cast::<PyTzInfo>()?;
        if tz.hasattr("key")? {
            let key = tz.getattr("key")?;
            return Ok(TimeZone::get(&key.cast_into::<crate::types::PyString>()?.to_cow()?)?);
        }
        Ok(tz.extract::<Offset>()?.to_time_zone())
    }
}

impl<'py> IntoPyObject<'py> for Offset {
    type Target = PyTzInfo;
    type Output = Bound<'py, PyTzInfo>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        if self == Offset::UTC {
            return Ok(PyTzInfo::utc(py)?.to_owned());
        }
        PyTzInfo::fixed_offset(py, self.duration_since(Offset::UTC))
    }
}

impl FromPyObject<'_, '_> for Offset {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let offset = super::datetime_util::fixed_utcoffset(&*obj.cast::<PyTzInfo>()?)?;
        // timedelta offsets lie strictly within ±24h, so the cast cannot truncate.
        Ok(Offset::from_seconds(offset.extract::<SignedDuration>()?.as_secs() as i32)?)
    }
}

impl<'py> IntoPyObject<'py> for SignedDuration {
    type Target = PyDelta;
    type Output = Bound<'py, PyDelta>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        let secs = self.as_secs();
        // Negative parts are normalised by timedelta.
        let (days, rest) = ((secs / 86_400).try_into()?, (secs % 86_400) as i32);
        PyDelta::new(py, days, rest, self.subsec_micros(), true)
    }
}

impl FromPyObject<'_, '_> for SignedDuration {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let delta = obj.cast::<PyDelta>()?;
        let secs = i64::from(delta.get_days()) * 86_400 + i64::from(delta.get_seconds());
        Ok(SignedDuration::new(secs, delta.get_microseconds() * 1_000))
    }
}

impl FromPyObject<'_, '_> for Span {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        Ok(Span::try_from(obj.extract::<SignedDuration>()?)?)
    }
}

ref_into_pyobject_by_copy!(Date, ISOWeekDate, Time, DateTime, Timestamp, Offset, SignedDuration);

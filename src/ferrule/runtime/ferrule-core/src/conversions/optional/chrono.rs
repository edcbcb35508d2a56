//! chrono (feature `chrono`): `TimeDelta` ↔ `timedelta`, `NaiveDate`/`NaiveTime`/`NaiveDateTime`
//! ↔ `date`/`time`/naive `datetime`, `DateTime<Tz>` ↔ aware `datetime`, `FixedOffset`/`Utc`
//! (and `Local` with `chrono-local`) ↔ `tzinfo`. The datetime types' access traits work under
//! the limited API too, so one code path serves both.
use ::chrono::offset::{FixedOffset, Utc};
use ::chrono::{
    DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Timelike,
};

use crate::conversion::{FromPyObject, FromPyObjectOwned, IntoPyObject, IntoPyObjectExt};
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyTypeError, PyUserWarning, PyValueError};
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{
    PyAny, PyAnyMethods, PyDate, PyDateAccess, PyDateTime, PyDelta, PyDeltaAccess, PyTime, PyTimeAccess,
    PyTzInfo, PyTzInfoAccess,
};

impl<'py> IntoPyObject<'py> for TimeDelta {
    type Target = PyDelta;
    type Output = Bound<'py, PyDelta>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        let days = self.num_days();
        let rest = self - TimeDelta::days(days);
        let secs = rest.num_seconds();
        let micros = (rest - TimeDelta::seconds(secs)).num_microseconds().unwrap_or(0);
        // Negative parts are normalised by timedelta; days beyond i32 fail there with OverflowError.
        PyDelta::new(py, days.try_into().unwrap_or(i32::MAX), secs as i32, micros as i32, true)
    }
}

impl FromPyObject<'_, '_> for TimeDelta {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let delta = obj.cast::<PyDelta>()?;
        // timedelta's range (±999999999 days) is well inside TimeDelta's.
        Ok(TimeDelta::days(delta.get_days().into())
            + TimeDelta::seconds(delta.get_seconds().into())
            + TimeDelta::microseconds(delta.get_microseconds().into()))
    }
}

impl<'py> IntoPyObject<'py> for NaiveDate {
    type Target = PyDate;
    type Output = Bound<'py, PyDate>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        PyDate::new(py, self.year(), self.month() as u8, self.day() as u8)
    }
}

impl FromPyObject<'_, '_> for NaiveDate {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        naive_date(&*obj.cast::<PyDate>()?)
    }
}

/// Hour, minute, second, microsecond; chrono keeps a leap second as nanoseconds ≥ 10⁹.
fn clock(time: &NaiveTime) -> (u8, u8, u8, u32, bool) {
    let nanos = time.nanosecond();
    let leap = nanos >= 1_000_000_000;
    let micro = (if leap { nanos - 1_000_000_000 } else { nanos }) / 1_000;
    (time.hour() as u8, time.minute() as u8, time.second() as u8, micro, leap)
}

/// PyO3's warning when a leap second is dropped (datetime has none).
fn warn_leap_second(obj: &Bound<'_, PyAny>) {
    let py = obj.py();
    let message = c"ignored leap-second, `datetime` does not support leap-seconds";
    if let Err(err) = PyErr::warn(py, &py.get_type::<PyUserWarning>(), message, 0) {
        err.write_unraisable(py, Some(obj));
    }
}

impl<'py> IntoPyObject<'py> for NaiveTime {
    type Target = PyTime;
    type Output = Bound<'py, PyTime>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        let (hour, minute, second, micro, leap) = clock(&self);
        let time = PyTime::new(py, hour, minute, second, micro, None)?;
        if leap {
            warn_leap_second(&time);
        }
        Ok(time)
    }
}

impl FromPyObject<'_, '_> for NaiveTime {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        naive_time(&*obj.cast::<PyTime>()?)
    }
}

fn naive_to_py<'py>(
    py: Python<'py>, naive: &NaiveDateTime, tz: Option<&Bound<'py, PyTzInfo>>, fold: bool,
) -> PyResult<Bound<'py, PyDateTime>> {
    let date = naive.date();
    let (hour, minute, second, micro, leap) = clock(&naive.time());
    let (year, month, day) = (date.year(), date.month() as u8, date.day() as u8);
    let dt = PyDateTime::new_with_fold(py, year, month, day, hour, minute, second, micro, tz, fold)?;
    if leap {
        warn_leap_second(&dt);
    }
    Ok(dt)
}

impl<'py> IntoPyObject<'py> for NaiveDateTime {
    type Target = PyDateTime;
    type Output = Bound<'py, PyDateTime>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        naive_to_py(py, &self, None, false)
    }
}

impl FromPyObject<'_, '_> for NaiveDateTime {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let dt = &*obj.cast::<PyDateTime>()?;
        // Dropping or applying the tzinfo silently would hide a bug; PyO3 refuses it too.
        if dt.get_tzinfo().is_some() {
            return Err(PyTypeError::new_err("expected a datetime without tzinfo"));
        }
        Ok(NaiveDateTime::new(naive_date(dt)?, naive_time(dt)?))
    }
}

impl<'py, Tz: TimeZone> IntoPyObject<'py> for DateTime<Tz>
where
    Tz: IntoPyObject<'py>,
{
    type Target = PyDateTime;
    type Output = Bound<'py, PyDateTime>;
    type Error = PyErr;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        (&self).into_pyobject(py)
    }
}

impl<'py, Tz: TimeZone> IntoPyObject<'py> for &DateTime<Tz>
where
    Tz: IntoPyObject<'py>,
{
    type Target = PyDateTime;
    type Output = Bound<'py, PyDateTime>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        let tz = self.timezone().into_bound_py_any(py)?.cast_into::<PyTzInfo>()?;
        let local = self.naive_local();
        // The later of two equal wall times (a clock set back) is fold=1 in Python.
        let fold = matches!(
            self.timezone().offset_from_local_datetime(&local),
            LocalResult::Ambiguous(_, later) if self.offset().fix() == later.fix()
        );
        naive_to_py(py, &local, Some(&tz), fold)
    }
}

impl<'py, Tz> FromPyObject<'_, 'py> for DateTime<Tz>
where
    Tz: TimeZone + FromPyObjectOwned<'py>,
{
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        let dt = &*obj.cast::<PyDateTime>()?;
        let tz = match dt.get_tzinfo() {
            Some(tzinfo) => tzinfo.extract::<Tz>().map_err(Into::into)?,
            None => {
                // A naive datetime is local time by convention, so `DateTime<Local>` takes it.
                #[cfg(feature = "chrono-local")]
                if let Some(tz) = Tz::as_local_tz(crate::conversion::private::Token) {
                    return in_zone(dt, tz);
                }
                return Err(PyTypeError::new_err("expected a datetime with non-None tzinfo"));
            }
        };
        in_zone(dt, tz)
    }
}

/// The wall time of `dt` in `tz`; `fold` picks between the two readings of a repeated hour.
fn in_zone<Tz: TimeZone>(dt: &Bound<'_, PyDateTime>, tz: Tz) -> PyResult<DateTime<Tz>> {
    let naive = NaiveDateTime::new(naive_date(dt)?, naive_time(dt)?);
    match naive.and_local_timezone(tz) {
        LocalResult::Single(value) => Ok(value),
        LocalResult::Ambiguous(earlier, later) => Ok(if dt.get_fold() { later } else { earlier }),
        LocalResult::None => {
            Err(PyValueError::new_err(format!("The datetime {dt:?} contains an incompatible timezone")))
        }
    }
}

impl<'py> IntoPyObject<'py> for FixedOffset {
    type Target = PyTzInfo;
    type Output = Bound<'py, PyTzInfo>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        PyTzInfo::fixed_offset(py, PyDelta::new(py, 0, self.local_minus_utc(), 0, true)?)
    }
}

impl FromPyObject<'_, '_> for FixedOffset {
    type Error = PyErr;
    /// Sub-second parts of the offset are dropped: chrono's offsets are whole seconds.
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let seconds = super::datetime_util::fixed_utcoffset(&*obj.cast::<PyTzInfo>()?)?.extract::<TimeDelta>()?.num_seconds();
        FixedOffset::east_opt(seconds as i32).ok_or_else(|| PyValueError::new_err("fixed offset out of bounds"))
    }
}

impl<'py> IntoPyObject<'py> for Utc {
    type Target = PyTzInfo;
    type Output = Borrowed<'static, 'py, PyTzInfo>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        PyTzInfo::utc(py)
    }
}

impl FromPyObject<'_, '_> for Utc {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        if obj.eq(PyTzInfo::utc(obj.py())?)? {
            Ok(Utc)
        } else {
            Err(PyValueError::new_err("expected datetime.timezone.utc"))
        }
    }
}

ref_into_pyobject_by_copy!(TimeDelta, NaiveDate, NaiveTime, NaiveDateTime, FixedOffset, Utc);

fn naive_date(date: &impl PyDateAccess) -> PyResult<NaiveDate> {
    NaiveDate::from_ymd_opt(date.get_year(), date.get_month().into(), date.get_day().into())
        .ok_or_else(|| PyValueError::new_err("invalid or out-of-range date"))
}

fn naive_time(time: &impl PyTimeAccess) -> PyResult<NaiveTime> {
    let (h, m, s) = (time.get_hour().into(), time.get_minute().into(), time.get_second().into());
    NaiveTime::from_hms_micro_opt(h, m, s, time.get_microsecond())
        .ok_or_else(|| PyValueError::new_err("invalid or out-of-range time"))
}

#[cfg(feature = "chrono-local")]
mod local {
    use ::chrono::Local;

    use super::*;
    use crate::exceptions::PyRuntimeError;
    use crate::instance::Py;
    use crate::sync::PyOnceLock;

    /// `zoneinfo.ZoneInfo` of the system's zone, looked up once.
    impl<'py> IntoPyObject<'py> for Local {
        type Target = PyTzInfo;
        type Output = Borrowed<'static, 'py, PyTzInfo>;
        type Error = PyErr;
        fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
            static LOCAL: PyOnceLock<Py<PyTzInfo>> = PyOnceLock::new();
            let tz = LOCAL.get_or_try_init(py, || -> PyResult<_> {
                let name = iana_time_zone::get_timezone()
                    .map_err(|e| PyRuntimeError::new_err(format!("Could not get local timezone: {e}")))?;
                Ok(PyTzInfo::timezone(py, name)?.unbind())
            })?;
            // The cell lives as long as the program.
            Ok(unsafe { Borrowed::from_ptr(py, tz.as_ptr()).cast_unchecked() })
        }
    }

    impl FromPyObject<'_, '_> for Local {
        type Error = PyErr;
        fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
            let local = Local.into_pyobject(obj.py())?;
            if obj.eq(local)? {
                return Ok(Local);
            }
            let key = local.getattr("key")?;
            Err(PyValueError::new_err(format!("expected local timezone {}", key.str()?)))
        }

        fn as_local_tz(_: crate::conversion::private::Token) -> Option<Self> {
            Some(Local)
        }
    }

    ref_into_pyobject_by_copy!(Local);
}

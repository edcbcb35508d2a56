//! time (feature `time`): `Duration` ↔ `timedelta`, `Date`/`Time`/`PrimitiveDateTime` ↔
//! `date`/`time`/naive `datetime`, `OffsetDateTime`/`UtcDateTime` ↔ aware `datetime`,
//! `UtcOffset` ↔ fixed-offset `tzinfo`. No fold: these types carry an offset, not a zone.
use ::time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcDateTime, UtcOffset};

use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{
    PyAny, PyAnyMethods, PyDate, PyDateAccess, PyDateTime, PyDelta, PyDeltaAccess, PyTime, PyTimeAccess, PyTzInfo,
    PyTzInfoAccess,
};

const SECONDS_PER_DAY: i64 = 86_400;

impl<'py> IntoPyObject<'py> for Duration {
    type Target = PyDelta;
    type Output = Bound<'py, PyDelta>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        let total = self.whole_seconds();
        // Floor division: timedelta keeps days negative and seconds in 0..86400.
        let days = i32::try_from(total.div_euclid(SECONDS_PER_DAY))
            .map_err(|_| PyOverflowError::new_err("duration out of range for Python timedelta"))?;
        let seconds = total.rem_euclid(SECONDS_PER_DAY) as i32;
        // A negative sub-second part is carried by timedelta's normalisation.
        PyDelta::new(py, days, seconds, self.subsec_microseconds(), true)
    }
}

impl FromPyObject<'_, '_> for Duration {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let delta = obj.cast::<PyDelta>()?;
        Ok(Duration::days(delta.get_days().into())
            + Duration::seconds(delta.get_seconds().into())
            + Duration::microseconds(delta.get_microseconds().into()))
    }
}

fn date_of(date: &impl PyDateAccess) -> PyResult<Date> {
    let month = Month::try_from(date.get_month()).map_err(|_| PyValueError::new_err("invalid month value"))?;
    Date::from_calendar_date(date.get_year(), month, date.get_day())
        .map_err(|_| PyValueError::new_err("invalid or out-of-range date"))
}

fn time_of(time: &impl PyTimeAccess) -> PyResult<Time> {
    Time::from_hms_micro(time.get_hour(), time.get_minute(), time.get_second(), time.get_microsecond())
        .map_err(|_| PyValueError::new_err("invalid or out-of-range time"))
}

fn datetime_to_py<'py>(
    py: Python<'py>, date: Date, time: Time, tz: Option<&Bound<'py, PyTzInfo>>,
) -> PyResult<Bound<'py, PyDateTime>> {
    let (h, m, s, us) = (time.hour(), time.minute(), time.second(), time.microsecond());
    PyDateTime::new(py, date.year(), date.month() as u8, date.day(), h, m, s, us, tz)
}

/// The tzinfo of an aware datetime; a naive one is PyO3's TypeError.
fn aware_tzinfo<'py>(dt: &Bound<'py, PyDateTime>) -> PyResult<Bound<'py, PyTzInfo>> {
    dt.get_tzinfo().ok_or_else(|| PyTypeError::new_err("expected a datetime with non-None tzinfo"))
}

impl<'py> IntoPyObject<'py> for Date {
    type Target = PyDate;
    type Output = Bound<'py, PyDate>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        PyDate::new(py, self.year(), self.month() as u8, self.day())
    }
}

impl FromPyObject<'_, '_> for Date {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        date_of(&*obj.cast::<PyDate>()?)
    }
}

impl<'py> IntoPyObject<'py> for Time {
    type Target = PyTime;
    type Output = Bound<'py, PyTime>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        PyTime::new(py, self.hour(), self.minute(), self.second(), self.microsecond(), None)
    }
}

impl FromPyObject<'_, '_> for Time {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        time_of(&*obj.cast::<PyTime>()?)
    }
}

impl<'py> IntoPyObject<'py> for PrimitiveDateTime {
    type Target = PyDateTime;
    type Output = Bound<'py, PyDateTime>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        datetime_to_py(py, self.date(), self.time(), None)
    }
}

impl FromPyObject<'_, '_> for PrimitiveDateTime {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let dt = &*obj.cast::<PyDateTime>()?;
        if dt.get_tzinfo().is_some() {
            return Err(PyTypeError::new_err("expected a datetime without tzinfo"));
        }
        Ok(PrimitiveDateTime::new(date_of(dt)?, time_of(dt)?))
    }
}

impl<'py> IntoPyObject<'py> for UtcOffset {
    type Target = PyTzInfo;
    type Output = Bound<'py, PyTzInfo>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        PyTzInfo::fixed_offset(py, PyDelta::new(py, 0, self.whole_seconds(), 0, true)?)
    }
}

impl FromPyObject<'_, '_> for UtcOffset {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let offset = super::datetime_util::fixed_utcoffset(&*obj.cast::<PyTzInfo>()?)?;
        let seconds = offset.extract::<Duration>()?.whole_seconds();
        UtcOffset::from_whole_seconds(seconds as i32).map_err(|_| PyValueError::new_err("UTC offset out of bounds"))
    }
}

impl<'py> IntoPyObject<'py> for OffsetDateTime {
    type Target = PyDateTime;
    type Output = Bound<'py, PyDateTime>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        let tz = self.offset().into_pyobject(py)?;
        datetime_to_py(py, self.date(), self.time(), Some(&tz))
    }
}

impl FromPyObject<'_, '_> for OffsetDateTime {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let dt = &*obj.cast::<PyDateTime>()?;
        let offset = aware_tzinfo(dt)?.extract::<UtcOffset>()?;
        Ok(PrimitiveDateTime::new(date_of(dt)?, time_of(dt)?).assume_offset(offset))
    }
}

impl<'py> IntoPyObject<'py> for UtcDateTime {
    type Target = PyDateTime;
    type Output = Bound<'py, PyDateTime>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        let utc = PyTzInfo::utc(py)?.to_owned();
        datetime_to_py(py, self.date(), self.time(), Some(&utc))
    }
}

impl FromPyObject<'_, '_> for UtcDateTime {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let dt = &*obj.cast::<PyDateTime>()?;
        if !aware_tzinfo(dt)?.eq(PyTzInfo::utc(obj.py())?)? {
            return Err(PyValueError::new_err("expected a datetime with UTC timezone"));
        }
        Ok(PrimitiveDateTime::new(date_of(dt)?, time_of(dt)?).assume_utc().into())
    }
}

ref_into_pyobject_by_copy!(Duration, Date, Time, PrimitiveDateTime, UtcOffset, OffsetDateTime, UtcDateTime);

//! `datetime.date`, `datetime`, `time`, `timedelta` and `tzinfo`.
//! Outside the limited API everything goes through the `datetime` capsule
//! (imported on first use); under it, and on PyPy (whose objects have
//! another layout), through the module's Python classes.
//! The `Py*Access` traits work in both modes (PyO3 has them only outside).
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
use std::ffi::c_int;

use crate::conversion::{BoundObject, IntoPyObject};
use crate::err::PyResult;
use crate::ffi;
use crate::instance::{Borrowed, Bound, Py};
use crate::marker::Python;
use crate::sync::PyOnceLock;
use crate::type_object::PyTypeInfo;
use crate::types::{PyAny, PyAnyMethods, PyString, PyType};

/// The capsule's table, importing `datetime` the first time.
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
fn api(py: Python<'_>) -> PyResult<&'static ffi::PyDateTime_CAPI> {
    unsafe {
        if ffi::PyDateTimeAPI().is_null() {
            ffi::PyDateTime_IMPORT();
        }
        ffi::PyDateTimeAPI().as_ref().ok_or_else(|| crate::err::PyErr::fetch(py))
    }
}

#[cfg(not(any(Py_LIMITED_API, PyPy)))]
fn expect_api(py: Python<'_>) -> &'static ffi::PyDateTime_CAPI {
    api(py).expect("failed to import `datetime` C API")
}

/// A borrowed `tzinfo` argument, or `None`.
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
fn tz_ptr(tzinfo: Option<&Bound<'_, PyTzInfo>>) -> *mut ffi::PyObject {
    tzinfo.map_or_else(|| unsafe { ffi::Py_None() }, Bound::as_ptr)
}

macro_rules! datetime_type {
    ($(#[$doc:meta])* $name:ident, $py_name:literal, $field:ident) => {
        $(#[$doc])*
        #[repr(transparent)]
        pub struct $name(PyAny);

        unsafe impl PyTypeInfo for $name {
            const NAME: &'static str = $py_name;
            const MODULE: Option<&'static str> = Some("datetime");
            fn type_object_raw(py: Python<'_>) -> *mut ffi::PyTypeObject {
                #[cfg(not(any(Py_LIMITED_API, PyPy)))]
                return expect_api(py).$field;
                #[cfg(any(Py_LIMITED_API, PyPy))]
                {
                    static TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
                    TYPE.import(py, "datetime", $py_name)
                        .expect(concat!("failed to import `datetime.", $py_name, "`"))
                        .as_ptr() as *mut ffi::PyTypeObject
                }
            }
        }

        impl crate::types::DerefToPyAny for $name {}

        impl crate::pyclass::PyClassBaseType for $name {
            type Initializer = crate::pyclass::PyNativeTypeInitializer<$name>;
            unsafe fn drop_contents(_obj: *mut ffi::PyObject) {}
            const IS_PYCLASS: bool = false;
        }
    };
}

datetime_type!(
    /// `datetime.date`.
    PyDate, "date", DateType
);
datetime_type!(
    /// `datetime.datetime`.
    PyDateTime, "datetime", DateTimeType
);
datetime_type!(
    /// `datetime.time`.
    PyTime, "time", TimeType
);
datetime_type!(
    /// `datetime.timedelta`.
    PyDelta, "timedelta", DeltaType
);
datetime_type!(
    /// `datetime.tzinfo`, the abstract base of time zones (`#[pyclass(extends = PyTzInfo)]`).
    PyTzInfo, "tzinfo", TZInfoType
);

/// Year, month and day of a `date` or `datetime`.
pub trait PyDateAccess {
    fn get_year(&self) -> i32;
    fn get_month(&self) -> u8;
    fn get_day(&self) -> u8;
}

/// The normalised parts of a `timedelta` (not totals in each unit).
pub trait PyDeltaAccess {
    /// -999999999 ..= 999999999
    fn get_days(&self) -> i32;
    /// 0 ..= 86399
    fn get_seconds(&self) -> i32;
    /// 0 ..= 999999
    fn get_microseconds(&self) -> i32;
}

/// Clock fields of a `time` or `datetime`.
pub trait PyTimeAccess {
    fn get_hour(&self) -> u8;
    fn get_minute(&self) -> u8;
    fn get_second(&self) -> u8;
    fn get_microsecond(&self) -> u32;
    /// PEP 495: whether this is the later of two equal wall times.
    fn get_fold(&self) -> bool;
}

/// The `tzinfo` of a `time` or `datetime`; `None` when naive.
pub trait PyTzInfoAccess<'py> {
    fn get_tzinfo(&self) -> Option<Bound<'py, PyTzInfo>>;
}

/// Reads an attribute that every instance of these types has.
#[cfg(any(Py_LIMITED_API, PyPy))]
fn field<T: FieldValue>(obj: &Bound<'_, PyAny>, name: &str) -> T {
    obj.getattr(name)
        .ok()
        .and_then(|v| v.extract::<i64>().ok())
        .and_then(T::from_int)
        .unwrap_or_else(|| panic!("datetime object without a valid `{name}`"))
}

/// The access traits' field types; all are ints in Python (`fold` is 0 or 1).
#[cfg(any(Py_LIMITED_API, PyPy))]
trait FieldValue: Sized {
    fn from_int(v: i64) -> Option<Self>;
}

#[cfg(any(Py_LIMITED_API, PyPy))]
macro_rules! int_field {
    ($($ty:ty),*) => {$(
        impl FieldValue for $ty {
            fn from_int(v: i64) -> Option<Self> {
                <$ty>::try_from(v).ok()
            }
        }
    )*};
}
#[cfg(any(Py_LIMITED_API, PyPy))]
int_field!(i32, u8, u32);

#[cfg(any(Py_LIMITED_API, PyPy))]
impl FieldValue for bool {
    fn from_int(v: i64) -> Option<Self> {
        Some(v != 0)
    }
}

/// Implements an access trait either from the C layout or from attributes.
macro_rules! access {
    ($trait:ident for $ty:ident { $($method:ident -> $ret:ty = $getter:path, $attr:literal;)* }) => {
        impl $trait for Bound<'_, $ty> {
            $(
                #[inline]
                fn $method(&self) -> $ret {
                    #[cfg(not(any(Py_LIMITED_API, PyPy)))]
                    return unsafe { $getter(self.as_ptr()) as $ret };
                    #[cfg(any(Py_LIMITED_API, PyPy))]
                    return field::<$ret>(self.as_any(), $attr);
                }
            )*
        }
    };
}

access!(PyDateAccess for PyDate {
    get_year -> i32 = ffi::PyDateTime_GET_YEAR, "year";
    get_month -> u8 = ffi::PyDateTime_GET_MONTH, "month";
    get_day -> u8 = ffi::PyDateTime_GET_DAY, "day";
});
access!(PyDateAccess for PyDateTime {
    get_year -> i32 = ffi::PyDateTime_GET_YEAR, "year";
    get_month -> u8 = ffi::PyDateTime_GET_MONTH, "month";
    get_day -> u8 = ffi::PyDateTime_GET_DAY, "day";
});
access!(PyTimeAccess for PyDateTime {
    get_hour -> u8 = ffi::PyDateTime_DATE_GET_HOUR, "hour";
    get_minute -> u8 = ffi::PyDateTime_DATE_GET_MINUTE, "minute";
    get_second -> u8 = ffi::PyDateTime_DATE_GET_SECOND, "second";
    get_microsecond -> u32 = ffi::PyDateTime_DATE_GET_MICROSECOND, "microsecond";
    get_fold -> bool = fold::PyDateTime_DATE_GET_FOLD_BOOL, "fold";
});
access!(PyTimeAccess for PyTime {
    get_hour -> u8 = ffi::PyDateTime_TIME_GET_HOUR, "hour";
    get_minute -> u8 = ffi::PyDateTime_TIME_GET_MINUTE, "minute";
    get_second -> u8 = ffi::PyDateTime_TIME_GET_SECOND, "second";
    get_microsecond -> u32 = ffi::PyDateTime_TIME_GET_MICROSECOND, "microsecond";
    get_fold -> bool = fold::PyDateTime_TIME_GET_FOLD_BOOL, "fold";
});
access!(PyDeltaAccess for PyDelta {
    get_days -> i32 = ffi::PyDateTime_DELTA_GET_DAYS, "days";
    get_seconds -> i32 = ffi::PyDateTime_DELTA_GET_SECONDS, "seconds";
    get_microseconds -> i32 = ffi::PyDateTime_DELTA_GET_MICROSECONDS, "microseconds";
});

/// `fold` as the access traits' `bool` (the header's macros give a byte).
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
#[allow(non_snake_case)]
mod fold {
    use crate::ffi::{self, PyObject};
    pub(super) unsafe fn PyDateTime_DATE_GET_FOLD_BOOL(o: *mut PyObject) -> bool {
        ffi::PyDateTime_DATE_GET_FOLD(o) != 0
    }
    pub(super) unsafe fn PyDateTime_TIME_GET_FOLD_BOOL(o: *mut PyObject) -> bool {
        ffi::PyDateTime_TIME_GET_FOLD(o) != 0
    }
}

macro_rules! tzinfo_access {
    ($ty:ident, $getter:ident) => {
        impl<'py> PyTzInfoAccess<'py> for Bound<'py, $ty> {
            fn get_tzinfo(&self) -> Option<Bound<'py, PyTzInfo>> {
                let py = self.py();
                #[cfg(not(any(Py_LIMITED_API, PyPy)))]
                let tz = unsafe { Bound::<PyAny>::from_borrowed_ptr_typed(py, ffi::$getter(self.as_ptr())) };
                #[cfg(any(Py_LIMITED_API, PyPy))]
                let tz = self.getattr("tzinfo").unwrap_or_else(|_| py.None().into_bound(py));
                if tz.is_none() {
                    None
                } else {
                    Some(unsafe { tz.cast_into_unchecked() })
                }
            }
        }
    };
}

tzinfo_access!(PyDateTime, PyDateTime_DATE_GET_TZINFO);
tzinfo_access!(PyTime, PyDateTime_TIME_GET_TZINFO);

/// Wraps a new reference from a capsule constructor.
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
unsafe fn created<T>(py: Python<'_>, ptr: *mut ffi::PyObject) -> PyResult<Bound<'_, T>> {
    Ok(Bound::<PyAny>::from_owned_ptr_or_err_typed(py, ptr)?.cast_into_unchecked())
}

#[cfg(any(Py_LIMITED_API, PyPy))]
fn checked<'py, T: PyTypeInfo>(obj: Bound<'py, PyAny>) -> PyResult<Bound<'py, T>> {
    Ok(obj.cast_into::<T>()?)
}

impl PyDate {
    pub fn new(py: Python<'_>, year: i32, month: u8, day: u8) -> PyResult<Bound<'_, PyDate>> {
        #[cfg(not(any(Py_LIMITED_API, PyPy)))]
        unsafe {
            let api = api(py)?;
            created(py, (api.Date_FromDate)(year, c_int::from(month), c_int::from(day), api.DateType))
        }
        #[cfg(any(Py_LIMITED_API, PyPy))]
        checked(Self::type_object(py).call1((year, month, day))?)
    }

    /// `date.fromtimestamp(timestamp)`, in local time.
    pub fn from_timestamp(py: Python<'_>, timestamp: f64) -> PyResult<Bound<'_, PyDate>> {
        #[cfg(not(any(Py_LIMITED_API, PyPy)))]
        unsafe {
            api(py)?;
            let args = crate::types::PyTuple::new(py, [timestamp])?;
            created(py, ffi::PyDate_FromTimestamp(args.as_ptr()))
        }
        #[cfg(any(Py_LIMITED_API, PyPy))]
        checked(Self::type_object(py).call_method1("fromtimestamp", (timestamp,))?)
    }
}

impl PyDateTime {
    #[allow(clippy::too_many_arguments)]
    pub fn new<'py>(
        py: Python<'py>, year: i32, month: u8, day: u8, hour: u8, minute: u8, second: u8, microsecond: u32,
        tzinfo: Option<&Bound<'py, PyTzInfo>>,
    ) -> PyResult<Bound<'py, PyDateTime>> {
        #[cfg(not(any(Py_LIMITED_API, PyPy)))]
        unsafe {
            let api = api(py)?;
            let (mo, d, h, mi, s) = (c_int::from(month), c_int::from(day), c_int::from(hour), c_int::from(minute), c_int::from(second));
            created(py, (api.DateTime_FromDateAndTime)(year, mo, d, h, mi, s, microsecond as c_int, tz_ptr(tzinfo), api.DateTimeType))
        }
        #[cfg(any(Py_LIMITED_API, PyPy))]
        checked(Self::type_object(py).call1((year, month, day, hour, minute, second, microsecond, tzinfo))?)
    }

    /// As [`new`](Self::new), with PEP 495's `fold`.
    #[allow(clippy::too_many_arguments)]
    pub fn new_with_fold<'py>(
        py: Python<'py>, year: i32, month: u8, day: u8, hour: u8, minute: u8, second: u8, microsecond: u32,
        tzinfo: Option<&Bound<'py, PyTzInfo>>, fold: bool,
    ) -> PyResult<Bound<'py, PyDateTime>> {
        #[cfg(not(any(Py_LIMITED_API, PyPy)))]
        unsafe {
            let api = api(py)?;
            let (mo, d, h, mi, s) = (c_int::from(month), c_int::from(day), c_int::from(hour), c_int::from(minute), c_int::from(second));
            let tz = tz_ptr(tzinfo);
            created(py, (api.DateTime_FromDateAndTimeAndFold)(year, mo, d, h, mi, s, microsecond as c_int, tz, c_int::from(fold), api.DateTimeType))
        }
        #[cfg(any(Py_LIMITED_API, PyPy))]
        {
            let kwargs = crate::types::PyDict::new(py);
            kwargs.set_item("fold", fold)?;
            let args = (year, month, day, hour, minute, second, microsecond, tzinfo);
            checked(Self::type_object(py).call(args, Some(&kwargs))?)
        }
    }

    /// `datetime.fromtimestamp(timestamp, tzinfo)`: local time when `tzinfo` is `None`.
    pub fn from_timestamp<'py>(
        py: Python<'py>, timestamp: f64, tzinfo: Option<&Bound<'py, PyTzInfo>>,
    ) -> PyResult<Bound<'py, PyDateTime>> {
        #[cfg(not(any(Py_LIMITED_API, PyPy)))]
        unsafe {
            api(py)?;
            let args = (timestamp, tzinfo).into_pyobject(py)?;
            created(py, ffi::PyDateTime_FromTimestamp(args.as_ptr()))
        }
        #[cfg(any(Py_LIMITED_API, PyPy))]
        checked(Self::type_object(py).call_method1("fromtimestamp", (timestamp, tzinfo))?)
    }
}

impl PyTime {
    pub fn new<'py>(
        py: Python<'py>, hour: u8, minute: u8, second: u8, microsecond: u32, tzinfo: Option<&Bound<'py, PyTzInfo>>,
    ) -> PyResult<Bound<'py, PyTime>> {
        #[cfg(not(any(Py_LIMITED_API, PyPy)))]
        unsafe {
            let api = api(py)?;
            let (h, mi, s) = (c_int::from(hour), c_int::from(minute), c_int::from(second));
            created(py, (api.Time_FromTime)(h, mi, s, microsecond as c_int, tz_ptr(tzinfo), api.TimeType))
        }
        #[cfg(any(Py_LIMITED_API, PyPy))]
        checked(Self::type_object(py).call1((hour, minute, second, microsecond, tzinfo))?)
    }

    /// As [`new`](Self::new), with PEP 495's `fold`.
    pub fn new_with_fold<'py>(
        py: Python<'py>, hour: u8, minute: u8, second: u8, microsecond: u32, tzinfo: Option<&Bound<'py, PyTzInfo>>,
        fold: bool,
    ) -> PyResult<Bound<'py, PyTime>> {
        #[cfg(not(any(Py_LIMITED_API, PyPy)))]
        unsafe {
            let api = api(py)?;
            let (h, mi, s) = (c_int::from(hour), c_int::from(minute), c_int::from(second));
            let tz = tz_ptr(tzinfo);
            created(py, (api.Time_FromTimeAndFold)(h, mi, s, microsecond as c_int, tz, c_int::from(fold), api.TimeType))
        }
        #[cfg(any(Py_LIMITED_API, PyPy))]
        {
            let kwargs = crate::types::PyDict::new(py);
            kwargs.set_item("fold", fold)?;
            checked(Self::type_object(py).call((hour, minute, second, microsecond, tzinfo), Some(&kwargs))?)
        }
    }
}

impl PyDelta {
    /// With `normalize`, out-of-range seconds and microseconds carry into days
    /// (always so under the limited API, where `timedelta()` normalises).
    pub fn new(py: Python<'_>, days: i32, seconds: i32, microseconds: i32, normalize: bool) -> PyResult<Bound<'_, PyDelta>> {
        #[cfg(not(any(Py_LIMITED_API, PyPy)))]
        unsafe {
            let api = api(py)?;
            created(py, (api.Delta_FromDelta)(days, seconds, microseconds, c_int::from(normalize), api.DeltaType))
        }
        #[cfg(any(Py_LIMITED_API, PyPy))]
        {
            let _ = normalize;
            checked(Self::type_object(py).call1((days, seconds, microseconds))?)
        }
    }
}

impl PyTzInfo {
    /// `datetime.timezone.utc`.
    pub fn utc(py: Python<'_>) -> PyResult<Borrowed<'static, '_, PyTzInfo>> {
        #[cfg(not(any(Py_LIMITED_API, PyPy)))]
        unsafe {
            Ok(Borrowed::from_ptr(py, api(py)?.TimeZone_UTC).cast_unchecked())
        }
        #[cfg(any(Py_LIMITED_API, PyPy))]
        {
            static UTC: PyOnceLock<Py<PyTzInfo>> = PyOnceLock::new();
            let utc = UTC.get_or_try_init(py, || -> PyResult<_> {
                let utc = py.import("datetime")?.getattr("timezone")?.getattr("utc")?;
                Ok(utc.cast_into::<PyTzInfo>()?.unbind())
            })?;
            // The cell lives for the whole program.
            Ok(unsafe { Borrowed::from_ptr(py, utc.as_ptr()).cast_unchecked() })
        }
    }

    /// `zoneinfo.ZoneInfo(iana_name)`.
    pub fn timezone<'py, T>(py: Python<'py>, iana_name: T) -> PyResult<Bound<'py, PyTzInfo>>
    where
        T: IntoPyObject<'py, Target = PyString>,
    {
        static ZONE_INFO: PyOnceLock<Py<PyType>> = PyOnceLock::new();
        let name = iana_name.into_pyobject(py).map_err(Into::into)?.into_any().into_bound();
        Ok(ZONE_INFO.import(py, "zoneinfo", "ZoneInfo")?.call1((name,))?.cast_into::<PyTzInfo>()?)
    }

    /// `datetime.timezone(offset)`: a fixed offset from UTC.
    pub fn fixed_offset<'py, T>(py: Python<'py>, offset: T) -> PyResult<Bound<'py, PyTzInfo>>
    where
        T: IntoPyObject<'py, Target = PyDelta>,
    {
        let delta = offset.into_pyobject(py).map_err(Into::into)?.into_any().into_bound();
        #[cfg(not(any(Py_LIMITED_API, PyPy)))]
        unsafe {
            created(py, (api(py)?.TimeZone_FromTimeZone)(delta.as_ptr(), std::ptr::null_mut()))
        }
        #[cfg(any(Py_LIMITED_API, PyPy))]
        {
            static TIMEZONE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
            Ok(TIMEZONE.import(py, "datetime", "timezone")?.call1((delta,))?.cast_into::<PyTzInfo>()?)
        }
    }
}

/// `datetime.timezone.utc` (PyO3's older spelling of [`PyTzInfo::utc`]).
pub fn timezone_utc(py: Python<'_>) -> Bound<'_, PyTzInfo> {
    PyTzInfo::utc(py).expect("failed to import datetime.timezone.utc").to_owned()
}

//! The `datetime` C API (`datetime.h`): object layouts, the capsule of type
//! objects and constructors, and the header's accessor macros as functions.
//! Not part of the limited API; there, `types::datetime` calls Python instead.
#![cfg(not(Py_LIMITED_API))]

use core::ffi::{c_char, c_int, c_uchar};
use core::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};

use super::object::{PyObject, PyObject_TypeCheck, PyTypeObject, Py_IS_TYPE};
use super::pycapsule::PyCapsule_Import;
use super::pyport::Py_hash_t;

const DATE_DATASIZE: usize = 4;
const TIME_DATASIZE: usize = 6;
const DATETIME_DATASIZE: usize = 10;

#[repr(C)]
pub struct PyDateTime_Delta {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub days: c_int,
    pub seconds: c_int,
    pub microseconds: c_int,
}

#[repr(C)]
pub struct PyDateTime_TZInfo {
    pub ob_base: PyObject,
}

/// The head shared by `time` and `datetime`; `tzinfo` exists only when `hastzinfo` is set.
#[repr(C)]
pub struct _PyDateTime_BaseTime {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub hastzinfo: c_char,
    pub data: [c_uchar; TIME_DATASIZE],
}

#[repr(C)]
pub struct PyDateTime_Time {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub hastzinfo: c_char,
    pub data: [c_uchar; TIME_DATASIZE],
    pub fold: c_uchar,
    pub tzinfo: *mut PyObject,
}

#[repr(C)]
pub struct PyDateTime_Date {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub hastzinfo: c_char,
    pub data: [c_uchar; DATE_DATASIZE],
}

#[repr(C)]
pub struct _PyDateTime_BaseDateTime {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub hastzinfo: c_char,
    pub data: [c_uchar; DATETIME_DATASIZE],
}

#[repr(C)]
pub struct PyDateTime_DateTime {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub hastzinfo: c_char,
    pub data: [c_uchar; DATETIME_DATASIZE],
    pub fold: c_uchar,
    pub tzinfo: *mut PyObject,
}

/// What the `datetime.datetime_CAPI` capsule points to.
#[repr(C)]
pub struct PyDateTime_CAPI {
    pub DateType: *mut PyTypeObject,
    pub DateTimeType: *mut PyTypeObject,
    pub TimeType: *mut PyTypeObject,
    pub DeltaType: *mut PyTypeObject,
    pub TZInfoType: *mut PyTypeObject,
    pub TimeZone_UTC: *mut PyObject,
    pub Date_FromDate: unsafe extern "C" fn(c_int, c_int, c_int, *mut PyTypeObject) -> *mut PyObject,
    pub DateTime_FromDateAndTime: unsafe extern "C" fn(
        c_int, c_int, c_int, c_int, c_int, c_int, c_int, *mut PyObject, *mut PyTypeObject,
    ) -> *mut PyObject,
    pub Time_FromTime:
        unsafe extern "C" fn(c_int, c_int, c_int, c_int, *mut PyObject, *mut PyTypeObject) -> *mut PyObject,
    pub Delta_FromDelta: unsafe extern "C" fn(c_int, c_int, c_int, c_int, *mut PyTypeObject) -> *mut PyObject,
    pub TimeZone_FromTimeZone: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject,
    pub DateTime_FromTimestamp: unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject,
    pub Date_FromTimestamp: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject,
    pub DateTime_FromDateAndTimeAndFold: unsafe extern "C" fn(
        c_int, c_int, c_int, c_int, c_int, c_int, c_int, *mut PyObject, c_int, *mut PyTypeObject,
    ) -> *mut PyObject,
    pub Time_FromTimeAndFold: unsafe extern "C" fn(
        c_int, c_int, c_int, c_int, *mut PyObject, c_int, *mut PyTypeObject,
    ) -> *mut PyObject,
}

pub const PyDateTime_CAPSULE_NAME: &core::ffi::CStr = c"datetime.datetime_CAPI";

/// The header keeps this in a per-file static; one process-wide pointer serves here.
static DATETIME_API: AtomicPtr<PyDateTime_CAPI> = AtomicPtr::new(ptr::null_mut());

/// The capsule's table, or null before [`PyDateTime_IMPORT`] succeeded.
#[inline]
pub fn PyDateTimeAPI() -> *mut PyDateTime_CAPI {
    DATETIME_API.load(Ordering::Acquire)
}

/// Imports `datetime` and reads its capsule; on failure an exception is set
/// and [`PyDateTimeAPI`] stays null. Must be attached.
pub unsafe fn PyDateTime_IMPORT() {
    if PyDateTimeAPI().is_null() {
        let api = PyCapsule_Import(PyDateTime_CAPSULE_NAME.as_ptr(), 0) as *mut PyDateTime_CAPI;
        DATETIME_API.store(api, Ordering::Release);
    }
}

/// `datetime.timezone.utc`. The API must be imported.
#[inline]
pub unsafe fn PyDateTime_TimeZone_UTC() -> *mut PyObject {
    (*PyDateTimeAPI()).TimeZone_UTC
}

macro_rules! type_checks {
    ($($check:ident, $exact:ident => $field:ident;)*) => {$(
        /// The API must be imported.
        #[inline]
        pub unsafe fn $check(op: *mut PyObject) -> c_int {
            PyObject_TypeCheck(op, (*PyDateTimeAPI()).$field)
        }
        /// The API must be imported.
        #[inline]
        pub unsafe fn $exact(op: *mut PyObject) -> c_int {
            Py_IS_TYPE(op, (*PyDateTimeAPI()).$field)
        }
    )*};
}

type_checks! {
    PyDate_Check, PyDate_CheckExact => DateType;
    PyDateTime_Check, PyDateTime_CheckExact => DateTimeType;
    PyTime_Check, PyTime_CheckExact => TimeType;
    PyDelta_Check, PyDelta_CheckExact => DeltaType;
    PyTZInfo_Check, PyTZInfo_CheckExact => TZInfoType;
}

// Field readers: `o` must be of the named type (or a subtype).

#[inline]
pub unsafe fn PyDateTime_GET_YEAR(o: *mut PyObject) -> c_int {
    let data = &(*(o as *mut PyDateTime_Date)).data;
    (c_int::from(data[0]) << 8) | c_int::from(data[1])
}

#[inline]
pub unsafe fn PyDateTime_GET_MONTH(o: *mut PyObject) -> c_int {
    c_int::from((*(o as *mut PyDateTime_Date)).data[2])
}

#[inline]
pub unsafe fn PyDateTime_GET_DAY(o: *mut PyObject) -> c_int {
    c_int::from((*(o as *mut PyDateTime_Date)).data[3])
}

/// Hour, minute, second and microsecond start at `first` in `data`.
#[inline]
unsafe fn clock(data: &[c_uchar], first: usize) -> [c_int; 4] {
    let micro = (c_int::from(data[first + 3]) << 16) | (c_int::from(data[first + 4]) << 8) | c_int::from(data[first + 5]);
    [c_int::from(data[first]), c_int::from(data[first + 1]), c_int::from(data[first + 2]), micro]
}

#[inline]
unsafe fn datetime_clock(o: *mut PyObject) -> [c_int; 4] {
    clock(&(*(o as *mut _PyDateTime_BaseDateTime)).data, 4)
}

#[inline]
unsafe fn time_clock(o: *mut PyObject) -> [c_int; 4] {
    clock(&(*(o as *mut _PyDateTime_BaseTime)).data, 0)
}

#[inline]
pub unsafe fn PyDateTime_DATE_GET_HOUR(o: *mut PyObject) -> c_int {
    datetime_clock(o)[0]
}
#[inline]
pub unsafe fn PyDateTime_DATE_GET_MINUTE(o: *mut PyObject) -> c_int {
    datetime_clock(o)[1]
}
#[inline]
pub unsafe fn PyDateTime_DATE_GET_SECOND(o: *mut PyObject) -> c_int {
    datetime_clock(o)[2]
}
#[inline]
pub unsafe fn PyDateTime_DATE_GET_MICROSECOND(o: *mut PyObject) -> c_int {
    datetime_clock(o)[3]
}
#[inline]
pub unsafe fn PyDateTime_DATE_GET_FOLD(o: *mut PyObject) -> c_uchar {
    (*(o as *mut PyDateTime_DateTime)).fold
}
/// Borrowed; `Py_None` when the datetime is naive.
#[inline]
pub unsafe fn PyDateTime_DATE_GET_TZINFO(o: *mut PyObject) -> *mut PyObject {
    let dt = o as *mut PyDateTime_DateTime;
    if (*dt).hastzinfo != 0 {
        (*dt).tzinfo
    } else {
        super::Py_None()
    }
}

#[inline]
pub unsafe fn PyDateTime_TIME_GET_HOUR(o: *mut PyObject) -> c_int {
    time_clock(o)[0]
}
#[inline]
pub unsafe fn PyDateTime_TIME_GET_MINUTE(o: *mut PyObject) -> c_int {
    time_clock(o)[1]
}
#[inline]
pub unsafe fn PyDateTime_TIME_GET_SECOND(o: *mut PyObject) -> c_int {
    time_clock(o)[2]
}
#[inline]
pub unsafe fn PyDateTime_TIME_GET_MICROSECOND(o: *mut PyObject) -> c_int {
    time_clock(o)[3]
}
#[inline]
pub unsafe fn PyDateTime_TIME_GET_FOLD(o: *mut PyObject) -> c_uchar {
    (*(o as *mut PyDateTime_Time)).fold
}
/// Borrowed; `Py_None` when the time is naive.
#[inline]
pub unsafe fn PyDateTime_TIME_GET_TZINFO(o: *mut PyObject) -> *mut PyObject {
    let t = o as *mut PyDateTime_Time;
    if (*t).hastzinfo != 0 {
        (*t).tzinfo
    } else {
        super::Py_None()
    }
}

#[inline]
pub unsafe fn PyDateTime_DELTA_GET_DAYS(o: *mut PyObject) -> c_int {
    (*(o as *mut PyDateTime_Delta)).days
}
#[inline]
pub unsafe fn PyDateTime_DELTA_GET_SECONDS(o: *mut PyObject) -> c_int {
    (*(o as *mut PyDateTime_Delta)).seconds
}
#[inline]
pub unsafe fn PyDateTime_DELTA_GET_MICROSECONDS(o: *mut PyObject) -> c_int {
    (*(o as *mut PyDateTime_Delta)).microseconds
}

// The header's constructor macros, through the capsule (which must be imported).

#[inline]
pub unsafe fn PyDate_FromDate(year: c_int, month: c_int, day: c_int) -> *mut PyObject {
    let api = &*PyDateTimeAPI();
    (api.Date_FromDate)(year, month, day, api.DateType)
}

#[inline]
pub unsafe fn PyDateTime_FromDateAndTime(
    year: c_int, month: c_int, day: c_int, hour: c_int, minute: c_int, second: c_int, usecond: c_int,
) -> *mut PyObject {
    let api = &*PyDateTimeAPI();
    (api.DateTime_FromDateAndTime)(year, month, day, hour, minute, second, usecond, super::Py_None(), api.DateTimeType)
}

#[inline]
pub unsafe fn PyTime_FromTime(hour: c_int, minute: c_int, second: c_int, usecond: c_int) -> *mut PyObject {
    let api = &*PyDateTimeAPI();
    (api.Time_FromTime)(hour, minute, second, usecond, super::Py_None(), api.TimeType)
}

#[inline]
pub unsafe fn PyDelta_FromDSU(days: c_int, seconds: c_int, useconds: c_int) -> *mut PyObject {
    let api = &*PyDateTimeAPI();
    (api.Delta_FromDelta)(days, seconds, useconds, 1, api.DeltaType)
}

#[inline]
pub unsafe fn PyTimeZone_FromOffset(offset: *mut PyObject) -> *mut PyObject {
    ((*PyDateTimeAPI()).TimeZone_FromTimeZone)(offset, ptr::null_mut())
}

#[inline]
pub unsafe fn PyTimeZone_FromOffsetAndName(offset: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    ((*PyDateTimeAPI()).TimeZone_FromTimeZone)(offset, name)
}

/// `args` is the tuple `datetime.fromtimestamp` takes.
#[inline]
pub unsafe fn PyDateTime_FromTimestamp(args: *mut PyObject) -> *mut PyObject {
    let api = &*PyDateTimeAPI();
    (api.DateTime_FromTimestamp)(api.DateTimeType as *mut PyObject, args, ptr::null_mut())
}

/// `args` is the tuple `date.fromtimestamp` takes.
#[inline]
pub unsafe fn PyDate_FromTimestamp(args: *mut PyObject) -> *mut PyObject {
    let api = &*PyDateTimeAPI();
    (api.Date_FromTimestamp)(api.DateType as *mut PyObject, args)
}

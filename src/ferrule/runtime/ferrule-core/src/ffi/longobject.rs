//! `int` objects (`longobject.h`, `cpython/longobject.h`).

use core::ffi::{c_char, c_double, c_int, c_long, c_longlong, c_ulong, c_ulonglong, c_void};
use core::ptr;

use super::object::{PyObject, PyTypeObject, Py_TPFLAGS_LONG_SUBCLASS};
use super::pyport::Py_ssize_t;

/// Opaque: only used behind pointers.
#[repr(C)]
pub struct PyLongObject {
    _opaque: [u8; 0],
}

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPyLong_Type")]
    pub static mut PyLong_Type: PyTypeObject;

    #[cfg_attr(PyPy, link_name = "PyPyLong_FromLong")]
    pub fn PyLong_FromLong(v: c_long) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyLong_FromUnsignedLong")]
    pub fn PyLong_FromUnsignedLong(v: c_ulong) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyLong_FromSize_t")]
    pub fn PyLong_FromSize_t(v: usize) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyLong_FromSsize_t")]
    pub fn PyLong_FromSsize_t(v: Py_ssize_t) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyLong_FromDouble")]
    pub fn PyLong_FromDouble(v: c_double) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyLong_FromLongLong")]
    pub fn PyLong_FromLongLong(v: c_longlong) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyLong_FromUnsignedLongLong")]
    pub fn PyLong_FromUnsignedLongLong(v: c_ulonglong) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyLong_FromString")]
    pub fn PyLong_FromString(s: *const c_char, pend: *mut *mut c_char, base: c_int) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyLong_FromVoidPtr")]
    pub fn PyLong_FromVoidPtr(p: *mut c_void) -> *mut PyObject;
    #[cfg(not(Py_LIMITED_API))]
    #[cfg_attr(PyPy, link_name = "PyPyLong_FromUnicodeObject")]
    pub fn PyLong_FromUnicodeObject(u: *mut PyObject, base: c_int) -> *mut PyObject;

    #[cfg_attr(PyPy, link_name = "PyPyLong_AsLong")]
    pub fn PyLong_AsLong(obj: *mut PyObject) -> c_long;
    #[cfg_attr(PyPy, link_name = "PyPyLong_AsLongAndOverflow")]
    pub fn PyLong_AsLongAndOverflow(obj: *mut PyObject, overflow: *mut c_int) -> c_long;
    #[cfg(Py_3_13)]
    pub fn PyLong_AsInt(obj: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyLong_AsSsize_t")]
    pub fn PyLong_AsSsize_t(obj: *mut PyObject) -> Py_ssize_t;
    #[cfg_attr(PyPy, link_name = "PyPyLong_AsSize_t")]
    pub fn PyLong_AsSize_t(obj: *mut PyObject) -> usize;
    #[cfg_attr(PyPy, link_name = "PyPyLong_AsUnsignedLong")]
    pub fn PyLong_AsUnsignedLong(obj: *mut PyObject) -> c_ulong;
    #[cfg_attr(PyPy, link_name = "PyPyLong_AsUnsignedLongMask")]
    pub fn PyLong_AsUnsignedLongMask(obj: *mut PyObject) -> c_ulong;
    #[cfg_attr(PyPy, link_name = "PyPyLong_AsLongLong")]
    pub fn PyLong_AsLongLong(obj: *mut PyObject) -> c_longlong;
    #[cfg_attr(PyPy, link_name = "PyPyLong_AsUnsignedLongLong")]
    pub fn PyLong_AsUnsignedLongLong(obj: *mut PyObject) -> c_ulonglong;
    #[cfg_attr(PyPy, link_name = "PyPyLong_AsUnsignedLongLongMask")]
    pub fn PyLong_AsUnsignedLongLongMask(obj: *mut PyObject) -> c_ulonglong;
    #[cfg_attr(PyPy, link_name = "PyPyLong_AsLongLongAndOverflow")]
    pub fn PyLong_AsLongLongAndOverflow(obj: *mut PyObject, overflow: *mut c_int) -> c_longlong;
    #[cfg_attr(PyPy, link_name = "PyPyLong_AsDouble")]
    pub fn PyLong_AsDouble(obj: *mut PyObject) -> c_double;
    #[cfg_attr(PyPy, link_name = "PyPyLong_AsVoidPtr")]
    pub fn PyLong_AsVoidPtr(obj: *mut PyObject) -> *mut c_void;
    #[cfg(not(PyPy))]
    pub fn PyLong_GetInfo() -> *mut PyObject;

    #[cfg(any(all(Py_3_13, not(Py_LIMITED_API)), Py_3_14))]
    #[cfg(not(PyPy))]
    pub fn PyLong_AsNativeBytes(
        v: *mut PyObject,
        buffer: *mut c_void,
        n_bytes: Py_ssize_t,
        flags: c_int,
    ) -> Py_ssize_t;
    #[cfg(any(all(Py_3_13, not(Py_LIMITED_API)), Py_3_14))]
    #[cfg(not(PyPy))]
    pub fn PyLong_FromNativeBytes(buffer: *const c_void, n_bytes: usize, flags: c_int)
        -> *mut PyObject;
    #[cfg(any(all(Py_3_13, not(Py_LIMITED_API)), Py_3_14))]
    #[cfg(not(PyPy))]
    pub fn PyLong_FromUnsignedNativeBytes(
        buffer: *const c_void,
        n_bytes: usize,
        flags: c_int,
    ) -> *mut PyObject;

    /// Private (non-limited) API used for 128-bit integers.
    #[cfg(not(Py_LIMITED_API))]
    #[cfg_attr(PyPy, link_name = "_PyPyLong_FromByteArray")]
    pub fn _PyLong_FromByteArray(
        bytes: *const core::ffi::c_uchar,
        n: usize,
        little_endian: c_int,
        is_signed: c_int,
    ) -> *mut PyObject;
    /// 3.13 added the trailing `with_exceptions` argument.
    #[cfg(all(not(Py_LIMITED_API), not(Py_3_13)))]
    #[cfg_attr(PyPy, link_name = "_PyPyLong_AsByteArrayO")]
    pub fn _PyLong_AsByteArray(
        v: *mut PyLongObject,
        bytes: *mut core::ffi::c_uchar,
        n: usize,
        little_endian: c_int,
        is_signed: c_int,
    ) -> c_int;
    #[cfg(all(not(Py_LIMITED_API), Py_3_13))]
    #[cfg(not(PyPy))]
    pub fn _PyLong_AsByteArray(
        v: *mut PyLongObject,
        bytes: *mut core::ffi::c_uchar,
        n: usize,
        little_endian: c_int,
        is_signed: c_int,
        with_exceptions: c_int,
    ) -> c_int;
    #[cfg(not(Py_LIMITED_API))]
    #[cfg_attr(PyPy, link_name = "_PyPyLong_NumBits")]
    pub fn _PyLong_NumBits(v: *mut PyObject) -> usize;

    #[cfg(not(PyPy))]
    pub fn PyOS_strtoul(s: *const c_char, pend: *mut *mut c_char, base: c_int) -> c_ulong;
    #[cfg(not(PyPy))]
    pub fn PyOS_strtol(s: *const c_char, pend: *mut *mut c_char, base: c_int) -> c_long;
}

// Flags for PyLong_AsNativeBytes / PyLong_FromNativeBytes (3.13+).
#[cfg(Py_3_13)]
pub const Py_ASNATIVEBYTES_DEFAULTS: c_int = -1;
#[cfg(Py_3_13)]
pub const Py_ASNATIVEBYTES_BIG_ENDIAN: c_int = 0;
#[cfg(Py_3_13)]
pub const Py_ASNATIVEBYTES_LITTLE_ENDIAN: c_int = 1;
#[cfg(Py_3_13)]
pub const Py_ASNATIVEBYTES_NATIVE_ENDIAN: c_int = 3;
#[cfg(Py_3_13)]
pub const Py_ASNATIVEBYTES_UNSIGNED_BUFFER: c_int = 4;
#[cfg(Py_3_13)]
pub const Py_ASNATIVEBYTES_REJECT_NEGATIVE: c_int = 8;
#[cfg(Py_3_13)]
pub const Py_ASNATIVEBYTES_ALLOW_INDEX: c_int = 16;

#[inline]
pub unsafe fn PyLong_Check(op: *mut PyObject) -> c_int {
    super::object::PyType_FastSubclass(super::object::Py_TYPE(op), Py_TPFLAGS_LONG_SUBCLASS)
}

#[inline]
pub unsafe fn PyLong_CheckExact(op: *mut PyObject) -> c_int {
    super::object::Py_IS_TYPE(op, ptr::addr_of_mut!(PyLong_Type))
}

/// The value of an `int` of at most one digit, read from its layout as
/// CPython's own inline `PyUnstable_Long_CompactValue` (3.12+) does; `None` for
/// larger ones. `op` must be an `int` (or subclass) instance of an interpreter
/// with 30-bit digits. The digit is not read for zero, which may have none.
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
#[inline]
pub(crate) unsafe fn compact_value(op: *mut PyObject) -> Option<i64> {
    #[repr(C)]
    struct Layout {
        ob_base: PyObject,
        // 3.12+: `lv_tag` (sign in bits 0-1: 0 positive, 1 zero, 2 negative; digit count from bit 3).
        // Before: `ob_size`, the digit count, negative for negative values.
        size_or_tag: Py_ssize_t,
        digit0: u32,
    }
    let long = op.cast::<Layout>();
    let head = (*long).size_or_tag;
    #[cfg(Py_3_12)]
    let (compact, sign) = ((head as usize) < (2 << 3), 1 - (head & 3) as i64);
    #[cfg(not(Py_3_12))]
    let (compact, sign) = ((-1..=1).contains(&head), head as i64);
    match (compact, sign) {
        (false, _) => None,
        (true, 0) => Some(0),
        (true, sign) => Some(sign * (*long).digit0 as i64),
    }
}

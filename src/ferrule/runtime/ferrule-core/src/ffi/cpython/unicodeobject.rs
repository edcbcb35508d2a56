//! Compact string internals (`cpython/unicodeobject.h`): `PyUnicode_New`
//! and the `KIND`/`DATA` readers. The readers follow the 3.9–3.13 layout;
//! 3.14 changed it and exports `PyUnicode_KIND`/`PyUnicode_DATA` as functions
//! instead, which is what is linked there. PyPy offers neither.
use core::ffi::{c_int, c_uint, c_void};

use crate::ffi::object::PyObject;
use crate::ffi::pyport::{Py_hash_t, Py_ssize_t};
use crate::ffi::unicodeobject::{Py_UCS1, Py_UCS2, Py_UCS4};


pub const PyUnicode_WCHAR_KIND: c_uint = 0;
pub const PyUnicode_1BYTE_KIND: c_uint = 1;
pub const PyUnicode_2BYTE_KIND: c_uint = 2;
pub const PyUnicode_4BYTE_KIND: c_uint = 4;

extern "C" {
    /// A new string of `size` code points no larger than `maxchar`, to be filled in place.
    #[cfg_attr(PyPy, link_name = "PyPyUnicode_New")]
    pub fn PyUnicode_New(size: Py_ssize_t, maxchar: Py_UCS4) -> *mut PyObject;
}

#[cfg(all(Py_3_14, not(PyPy)))]
extern "C" {
    /// One of the `PyUnicode_*_KIND` constants: bytes per code point.
    pub fn PyUnicode_KIND(op: *mut PyObject) -> c_uint;
    /// The code points, `PyUnicode_KIND` bytes each.
    pub fn PyUnicode_DATA(op: *mut PyObject) -> *mut c_void;
}

/// The head of every string object; `state` packs C bitfields.
#[cfg(not(any(Py_3_14, PyPy)))]
#[repr(C)]
pub struct PyASCIIObject {
    pub ob_base: PyObject,
    pub length: Py_ssize_t,
    pub hash: Py_hash_t,
    /// `interned:2, kind:3, compact:1, ascii:1, ...` from the least significant
    /// bit on little-endian targets (from the most significant on big-endian).
    pub state: u32,
    #[cfg(not(Py_3_12))]
    pub wstr: *mut c_void,
}

#[cfg(not(any(Py_3_14, PyPy)))]
#[repr(C)]
pub struct PyCompactUnicodeObject {
    pub _base: PyASCIIObject,
    pub utf8_length: Py_ssize_t,
    pub utf8: *mut core::ffi::c_char,
    #[cfg(not(Py_3_12))]
    pub wstr_length: Py_ssize_t,
}

#[cfg(not(any(Py_3_14, PyPy)))]
#[repr(C)]
pub struct PyUnicodeObject {
    pub _base: PyCompactUnicodeObject,
    /// Only for strings that are not compact (legacy ones).
    pub data: *mut c_void,
}

/// Reads `width` bits of the state starting at bit `first` (counted as the
/// compiler lays bitfields out on this target).
#[cfg(not(any(Py_3_14, PyPy)))]
#[inline]
unsafe fn state_bits(op: *mut PyObject, first: u32, width: u32) -> c_uint {
    let state = (*(op as *mut PyASCIIObject)).state;
    let shift = if cfg!(target_endian = "big") { 32 - first - width } else { first };
    (state >> shift) & ((1 << width) - 1)
}

/// One of the `PyUnicode_*_KIND` constants: bytes per code point.
#[cfg(not(any(Py_3_14, PyPy)))]
#[inline]
pub unsafe fn PyUnicode_KIND(op: *mut PyObject) -> c_uint {
    state_bits(op, 2, 3)
}

#[cfg(not(any(Py_3_14, PyPy)))]
#[inline]
pub unsafe fn PyUnicode_IS_COMPACT(op: *mut PyObject) -> c_uint {
    state_bits(op, 5, 1)
}

#[cfg(not(any(Py_3_14, PyPy)))]
#[inline]
pub unsafe fn PyUnicode_IS_ASCII(op: *mut PyObject) -> c_uint {
    state_bits(op, 6, 1)
}

#[cfg(not(any(Py_3_14, PyPy)))]
#[inline]
pub unsafe fn PyUnicode_IS_COMPACT_ASCII(op: *mut PyObject) -> c_uint {
    (PyUnicode_IS_ASCII(op) != 0 && PyUnicode_IS_COMPACT(op) != 0) as c_uint
}

/// The code points, `PyUnicode_KIND` bytes each; they follow the header in
/// compact strings.
#[cfg(not(any(Py_3_14, PyPy)))]
#[inline]
pub unsafe fn PyUnicode_DATA(op: *mut PyObject) -> *mut c_void {
    if PyUnicode_IS_COMPACT(op) == 0 {
        (*(op as *mut PyUnicodeObject)).data
    } else if PyUnicode_IS_ASCII(op) != 0 {
        (op as *mut PyASCIIObject).add(1) as *mut c_void
    } else {
        (op as *mut PyCompactUnicodeObject).add(1) as *mut c_void
    }
}

#[cfg(not(PyPy))]
#[inline]
pub unsafe fn PyUnicode_1BYTE_DATA(op: *mut PyObject) -> *mut Py_UCS1 {
    PyUnicode_DATA(op) as *mut Py_UCS1
}

#[cfg(not(PyPy))]
#[inline]
pub unsafe fn PyUnicode_2BYTE_DATA(op: *mut PyObject) -> *mut Py_UCS2 {
    PyUnicode_DATA(op) as *mut Py_UCS2
}

#[cfg(not(PyPy))]
#[inline]
pub unsafe fn PyUnicode_4BYTE_DATA(op: *mut PyObject) -> *mut Py_UCS4 {
    PyUnicode_DATA(op) as *mut Py_UCS4
}

/// `PyUnicode_GET_LENGTH`: code points, read from the header.
#[cfg(not(any(Py_3_14, PyPy)))]
#[inline]
pub unsafe fn PyUnicode_GET_LENGTH(op: *mut PyObject) -> Py_ssize_t {
    (*(op as *mut PyASCIIObject)).length
}

/// `PyUnicode_GET_LENGTH` on 3.14: the header's bitfields changed, but `length` is still the field right
/// after the object header (as PyO3's ffi and CPython's own inline function read it).
#[cfg(all(Py_3_14, not(PyPy)))]
#[inline]
pub unsafe fn PyUnicode_GET_LENGTH(op: *mut PyObject) -> Py_ssize_t {
    *((op as *mut u8).add(core::mem::size_of::<PyObject>()) as *const Py_ssize_t)
}

/// Checks nothing; kept for code written against older headers.
#[inline]
pub unsafe fn PyUnicode_READY(_op: *mut PyObject) -> c_int {
    0
}

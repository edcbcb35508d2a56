//! `str`.
use std::borrow::Cow;

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{native_type, PyAny, PyBytes, PyBytesMethods};

native_type!(PyString, "str", ffi::PyUnicode_Type, ffi::PyUnicode_Check);

impl PyString {
    pub fn new<'py>(py: Python<'py>, s: &str) -> Bound<'py, PyString> {
        // Empty and 1-character strings come from the decoder, which hands out CPython's cached
        // singletons for them; longer ones are laid out here (see `compact_from_utf8`).
        #[cfg(not(any(Py_LIMITED_API, PyPy)))]
        if s.len() > 1 {
            unsafe {
                return Bound::<PyAny>::from_owned_ptr_typed(py, compact_from_utf8(s)).cast_into_unchecked();
            }
        }
        unsafe {
            let ptr = ffi::PyUnicode_FromStringAndSize(s.as_ptr().cast(), s.len() as ffi::Py_ssize_t);
            Bound::<PyAny>::from_owned_ptr_typed(py, ptr).cast_into_unchecked()
        }
    }

    /// An interned string: equal strings share one object, so identity
    /// comparisons (keyword names, attribute names) hit.
    pub fn intern<'py>(py: Python<'py>, s: &str) -> Bound<'py, PyString> {
        let mut obj = PyString::new(py, s).into_ptr();
        unsafe {
            ffi::PyUnicode_InternInPlace(&mut obj);
            Bound::<PyAny>::from_owned_ptr_typed(py, obj).cast_into_unchecked()
        }
    }

    /// `str(src, encoding, errors)` for a bytes-like `src`.
    pub fn from_object<'py>(src: &Bound<'py, PyAny>, encoding: &str, errors: &str) -> PyResult<Bound<'py, PyString>> {
        let encoding = std::ffi::CString::new(encoding).map_err(|_| nul_error("encoding"))?;
        let errors = std::ffi::CString::new(errors).map_err(|_| nul_error("errors"))?;
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err_typed(
                src.py(),
                ffi::PyUnicode_FromEncodedObject(src.as_ptr(), encoding.as_ptr(), errors.as_ptr()),
            )
            .map(|b| b.cast_into_unchecked())
        }
    }
}

/// A new compact `str` holding `s` (null with a `MemoryError` set), or CPython's decoder's result
/// when most of `s` is not ASCII.
///
/// `s` is known to be valid UTF-8, so its width is read off its largest byte: below 0xC4 every
/// code point fits one byte, below 0xF0 two, else four. CPython's decoder must instead find out as
/// it goes, and on meeting non-ASCII text after an ASCII run copies the run once more into a
/// wider string. ASCII text is copied as it is, skipping the decoder's per-word checks.
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
unsafe fn compact_from_utf8(s: &str) -> *mut ffi::PyObject {
    let bytes = s.as_bytes();
    let ascii = ascii_prefix_len(bytes);
    let rest = &bytes[ascii..];
    if rest.is_empty() {
        let ptr = ffi::PyUnicode_New(bytes.len() as ffi::Py_ssize_t, 127);
        if !ptr.is_null() {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), ffi::PyUnicode_1BYTE_DATA(ptr), bytes.len());
        }
        return ptr;
    }
    if rest.len() > ascii {
        // Mostly non-ASCII: the decoder's own loops are as quick as ours, and it makes one pass.
        return ffi::PyUnicode_FromStringAndSize(s.as_ptr().cast(), s.len() as ffi::Py_ssize_t);
    }
    let top = rest.iter().copied().max().unwrap_or(0);
    // Continuation bytes are 0x80..=0xBF; every other byte starts a code point.
    let len = ascii + rest.iter().filter(|&&b| (b as i8) >= -0x40).count();
    let maxchar: ffi::Py_UCS4 = if top >= 0xF0 { 0x10FFFF } else if top >= 0xC4 { 0xFFFF } else { 0xFF };
    let ptr = ffi::PyUnicode_New(len as ffi::Py_ssize_t, maxchar);
    if ptr.is_null() {
        return ptr;
    }
    match maxchar {
        0xFF => {
            let out = std::slice::from_raw_parts_mut(ffi::PyUnicode_1BYTE_DATA(ptr), len);
            out[..ascii].copy_from_slice(&bytes[..ascii]);
            let (mut i, mut j) = (0, ascii);
            while i < rest.len() {
                let b = rest[i];
                // Only 0xC2/0xC3 lead bytes occur here: two bytes for U+0080..=U+00FF.
                out[j] = if b < 0x80 { b } else { i += 1; (b << 6) | (rest[i] & 0x3F) };
                i += 1;
                j += 1;
            }
        }
        0xFFFF => fill_wide(std::slice::from_raw_parts_mut(ffi::PyUnicode_2BYTE_DATA(ptr), len), s, ascii),
        _ => fill_wide(std::slice::from_raw_parts_mut(ffi::PyUnicode_4BYTE_DATA(ptr), len), s, ascii),
    }
    ptr
}

/// Writes `s`'s code points into `out` (2 or 4 bytes each); its first `ascii` bytes are ASCII.
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
fn fill_wide<T: CodeUnit>(out: &mut [T], s: &str, ascii: usize) {
    let (head, tail) = out.split_at_mut(ascii);
    for (o, &b) in head.iter_mut().zip(&s.as_bytes()[..ascii]) {
        *o = T::from_code_point(b as u32);
    }
    for (o, c) in tail.iter_mut().zip(s[ascii..].chars()) {
        *o = T::from_code_point(c as u32);
    }
}

/// `Py_UCS2` or `Py_UCS4`. The width was chosen from the largest code point, so `as` never truncates.
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
trait CodeUnit: Copy {
    fn from_code_point(c: u32) -> Self;
}

#[cfg(not(any(Py_LIMITED_API, PyPy)))]
impl CodeUnit for u16 {
    #[inline]
    fn from_code_point(c: u32) -> Self {
        c as u16
    }
}

#[cfg(not(any(Py_LIMITED_API, PyPy)))]
impl CodeUnit for u32 {
    #[inline]
    fn from_code_point(c: u32) -> Self {
        c
    }
}

/// How many bytes `bytes` starts with below 0x80, read a 32-byte block at a time.
#[cfg(not(any(Py_LIMITED_API, PyPy)))]
fn ascii_prefix_len(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let word = |i: usize| u64::from_ne_bytes(bytes[i..i + 8].try_into().unwrap());
    let mut i = 0;
    while i + 32 <= bytes.len() && (word(i) | word(i + 8) | word(i + 16) | word(i + 24)) & HIGH == 0 {
        i += 32;
    }
    while i < bytes.len() && bytes[i] < 0x80 {
        i += 1;
    }
    i
}

fn nul_error(what: &str) -> PyErr {
    crate::exceptions::PyValueError::new_err(format!("{what} contains a NUL byte"))
}

pub trait PyStringMethods<'py> {
    /// The string as UTF-8; a `UnicodeEncodeError` for lone surrogates.
    /// Borrowing needs `PyUnicode_AsUTF8AndSize`, limited API only from 3.10.
    #[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
    fn to_str(&self) -> PyResult<&str>;
    /// Borrowed where the API allows it, otherwise a copy.
    fn to_cow(&self) -> PyResult<Cow<'_, str>>;
    /// Lone surrogates become U+FFFD.
    fn to_string_lossy(&self) -> Cow<'_, str>;
    fn encode_utf8(&self) -> PyResult<Bound<'py, PyBytes>>;
}

impl<'py> PyStringMethods<'py> for Bound<'py, PyString> {
    #[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
    #[inline]
    fn to_str(&self) -> PyResult<&str> {
        self.as_borrowed().to_str()
    }

    fn to_cow(&self) -> PyResult<Cow<'_, str>> {
        self.as_borrowed().to_cow()
    }

    fn to_string_lossy(&self) -> Cow<'_, str> {
        if let Ok(s) = self.to_cow() {
            return s;
        }
        // Only lone surrogates get here: `surrogatepass` turns them into
        // (invalid) UTF-8 bytes, which the lossy decode then replaces.
        let py = self.py();
        drop(PyErr::take(py));
        unsafe {
            let bytes = ffi::PyUnicode_AsEncodedString(self.as_ptr(), c"utf-8".as_ptr(), c"surrogatepass".as_ptr());
            let bytes: Bound<'_, PyBytes> = Bound::<PyAny>::from_owned_ptr_typed(py, bytes).cast_into_unchecked();
            Cow::Owned(String::from_utf8_lossy(bytes.as_bytes()).into_owned())
        }
    }

    fn encode_utf8(&self) -> PyResult<Bound<'py, PyBytes>> {
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err_typed(self.py(), ffi::PyUnicode_AsUTF8String(self.as_ptr())).map(|b| b.cast_into_unchecked())
        }
    }
}

/// PyO3's readers on an owned reference, borrowed for as long as the reference lives.
impl crate::instance::Py<PyString> {
    /// The string as UTF-8; a `UnicodeEncodeError` for lone surrogates.
    #[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
    pub fn to_str<'a>(&'a self, py: Python<'_>) -> PyResult<&'a str> {
        self.bind_borrowed(py).to_str()
    }

    /// Borrowed where the API allows it, otherwise a copy.
    pub fn to_cow<'a>(&'a self, py: Python<'_>) -> PyResult<Cow<'a, str>> {
        self.bind_borrowed(py).to_cow()
    }

    /// Each byte of a lone surrogate's UTF-8 form becomes U+FFFD (three per surrogate, as in PyO3).
    pub fn to_string_lossy<'a>(&'a self, py: Python<'_>) -> Cow<'a, str> {
        match self.bind_borrowed(py).to_cow() {
            Ok(text) => text,
            Err(_) => Cow::Owned(self.bind(py).to_string_lossy().into_owned()),
        }
    }
}

impl<'a> Borrowed<'a, '_, PyString> {
    /// UTF-8 view cached inside the string object; lives as long as the borrow.
    #[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
    #[inline]
    pub fn to_str(self) -> PyResult<&'a str> {
        let mut size: ffi::Py_ssize_t = 0;
        let data = unsafe { ffi::PyUnicode_AsUTF8AndSize(self.as_ptr(), &mut size) };
        if data.is_null() {
            Err(PyErr::fetch(self.py()))
        } else {
            Ok(unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(data.cast(), size as usize)) })
        }
    }

    pub fn to_cow(self) -> PyResult<Cow<'a, str>> {
        #[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
        {
            self.to_str().map(Cow::Borrowed)
        }
        #[cfg(not(any(Py_3_10, not(Py_LIMITED_API))))]
        {
            // No borrowed UTF-8 view before 3.10's limited API: copy out of a
            // temporary bytes object (already valid UTF-8).
            let bytes: Bound<'_, PyBytes> = unsafe {
                Bound::<PyAny>::from_owned_ptr_or_err_typed(self.py(), ffi::PyUnicode_AsUTF8String(self.as_ptr()))?.cast_into_unchecked()
            };
            Ok(Cow::Owned(unsafe { std::str::from_utf8_unchecked(bytes.as_bytes()) }.to_owned()))
        }
    }
}

impl PyString {
    /// A string decoded from UTF-8 bytes; invalid UTF-8 is Python's `UnicodeDecodeError`.
    pub fn from_bytes<'py>(py: Python<'py>, s: &[u8]) -> PyResult<Bound<'py, PyString>> {
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err_typed(
                py,
                ffi::PyUnicode_FromStringAndSize(s.as_ptr().cast(), s.len() as ffi::Py_ssize_t),
            )
            .map(|b| b.cast_into_unchecked())
        }
    }

    /// `str(src, encoding, errors)` of a bytes-like object (`None`s: UTF-8, `"strict"`).
    pub fn from_encoded_object<'py>(
        src: &Bound<'py, PyAny>,
        encoding: Option<&std::ffi::CStr>,
        errors: Option<&std::ffi::CStr>,
    ) -> PyResult<Bound<'py, PyString>> {
        let encoding = encoding.map_or(std::ptr::null(), |e| e.as_ptr());
        let errors = errors.map_or(std::ptr::null(), |e| e.as_ptr());
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err_typed(
                src.py(),
                ffi::PyUnicode_FromEncodedObject(src.as_ptr(), encoding, errors),
            )
            .map(|b| b.cast_into_unchecked())
        }
    }

    /// A string from `format_args!` (what `py_format!` builds when the text is not constant).
    pub fn from_fmt<'py>(py: Python<'py>, args: std::fmt::Arguments<'_>) -> PyResult<Bound<'py, PyString>> {
        Ok(match args.as_str() {
            Some(s) => PyString::new(py, s),
            None => PyString::new(py, &args.to_string()),
        })
    }
}

/// Equal when the string's text is `other`; a string that is not valid UTF-8
/// (lone surrogates) equals no Rust string.
fn text_equals(s: Borrowed<'_, '_, PyString>, other: &str) -> bool {
    s.to_cow().is_ok_and(|text| text == other)
}

macro_rules! str_eq {
    ($($pystr:ty),*) => {$(
        impl PartialEq<str> for $pystr {
            #[inline]
            fn eq(&self, other: &str) -> bool {
                text_equals(self.as_borrowed(), other)
            }
        }
        impl PartialEq<&'_ str> for $pystr {
            #[inline]
            fn eq(&self, other: &&str) -> bool {
                text_equals(self.as_borrowed(), other)
            }
        }
        impl PartialEq<String> for $pystr {
            #[inline]
            fn eq(&self, other: &String) -> bool {
                text_equals(self.as_borrowed(), other)
            }
        }
        impl PartialEq<$pystr> for str {
            #[inline]
            fn eq(&self, other: &$pystr) -> bool {
                text_equals(other.as_borrowed(), self)
            }
        }
        impl PartialEq<$pystr> for &'_ str {
            #[inline]
            fn eq(&self, other: &$pystr) -> bool {
                text_equals(other.as_borrowed(), self)
            }
        }
        impl PartialEq<$pystr> for String {
            #[inline]
            fn eq(&self, other: &$pystr) -> bool {
                text_equals(other.as_borrowed(), self)
            }
        }
    )*};
}

str_eq!(Bound<'_, PyString>, Borrowed<'_, '_, PyString>);

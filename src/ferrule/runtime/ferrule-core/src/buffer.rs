//! The buffer protocol (`pyo3::buffer`): typed views of `bytes`, `bytearray`,
//! `array.array`, `memoryview`, NumPy arrays and any other exporter.
//! Only where CPython exports it: always with the full API, from 3.11 under
//! the stable ABI (as in PyO3; below that the module does not exist).
#![cfg(any(not(Py_LIMITED_API), Py_3_11))]

use std::cell::{Cell, UnsafeCell};
use std::ffi::{c_char, CStr};
use std::fmt;
use std::marker::{PhantomData, PhantomPinned};
use std::mem;
use std::pin::Pin;
use std::ptr::NonNull;
use std::slice;

use crate::conversion::FromPyObject;
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyBufferError;
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::PyAny;

/// A buffer whose items are `T`, checked against the exporter's format when taken.
#[repr(transparent)]
pub struct PyBuffer<T>(PyUntypedBuffer, PhantomData<[T]>);

/// A buffer of any item type. Released (and the exporter's reference dropped) on drop.
#[repr(transparent)]
pub struct PyUntypedBuffer(Pin<Box<PinnedView>>);

/// Exporters may point the view's fields into the view itself (`PyBuffer_FillInfo`
/// does), so it must never move once filled.
#[repr(transparent)]
struct PinnedView(ffi::Py_buffer, PhantomPinned);

// Python keeps the exported memory alive until release; the view itself is plain data.
unsafe impl Send for PyUntypedBuffer {}
unsafe impl Sync for PyUntypedBuffer {}

/// What a `struct`-module format character describes.
#[derive(Copy, Clone, Debug, Eq, PartialEq)]
pub enum ElementType {
    SignedInteger { bytes: usize },
    UnsignedInteger { bytes: usize },
    Bool,
    Float { bytes: usize },
    Unknown,
}

impl ElementType {
    /// Reads a single-item format such as `b"<i"` or `b"d"`; anything else is `Unknown`.
    pub fn from_format(format: &CStr) -> ElementType {
        match format.to_bytes() {
            [code] | [b'@', code] => native_kind(*code),
            [b'=' | b'<' | b'>' | b'!', code] => standard_kind(*code),
            _ => ElementType::Unknown,
        }
    }
}

/// Sizes in native mode (`@`, the default) follow the C compiler.
fn native_kind(code: u8) -> ElementType {
    use std::ffi::{c_int, c_long, c_longlong, c_short};
    use ElementType::*;
    let signed = |bytes| SignedInteger { bytes };
    let unsigned = |bytes| UnsignedInteger { bytes };
    match code {
        b'c' | b'B' => unsigned(1),
        b'b' => signed(1),
        b'?' => Bool,
        b'h' => signed(mem::size_of::<c_short>()),
        b'H' => unsigned(mem::size_of::<c_short>()),
        b'i' => signed(mem::size_of::<c_int>()),
        b'I' => unsigned(mem::size_of::<c_int>()),
        b'l' => signed(mem::size_of::<c_long>()),
        b'L' => unsigned(mem::size_of::<c_long>()),
        b'q' => signed(mem::size_of::<c_longlong>()),
        b'Q' => unsigned(mem::size_of::<c_longlong>()),
        b'n' => signed(mem::size_of::<isize>()),
        b'N' => unsigned(mem::size_of::<usize>()),
        b'e' => Float { bytes: 2 },
        b'f' => Float { bytes: 4 },
        b'd' => Float { bytes: 8 },
        _ => Unknown,
    }
}

/// Sizes in the standard modes (`=`, `<`, `>`, `!`) are fixed by the `struct` module.
fn standard_kind(code: u8) -> ElementType {
    use ElementType::*;
    match code {
        b'c' | b'B' => UnsignedInteger { bytes: 1 },
        b'b' => SignedInteger { bytes: 1 },
        b'?' => Bool,
        b'h' => SignedInteger { bytes: 2 },
        b'H' => UnsignedInteger { bytes: 2 },
        b'i' | b'l' => SignedInteger { bytes: 4 },
        b'I' | b'L' => UnsignedInteger { bytes: 4 },
        b'q' => SignedInteger { bytes: 8 },
        b'Q' => UnsignedInteger { bytes: 8 },
        b'e' => Float { bytes: 2 },
        b'f' => Float { bytes: 4 },
        b'd' => Float { bytes: 8 },
        _ => Unknown,
    }
}

/// Whether a format's byte-order prefix matches this machine's byte order.
fn native_byte_order(prefix: u8) -> bool {
    match prefix {
        b'@' | b'=' => true,
        b'<' => cfg!(target_endian = "little"),
        b'>' | b'!' => cfg!(target_endian = "big"),
        _ => false,
    }
}

/// A Rust type a buffer item can be read as.
///
/// # Safety
/// Every bit pattern an exporter with a compatible format may store must be a valid `Self`.
pub unsafe trait Element: Copy {
    /// Whether `format` may describe `Self` (size and alignment are checked separately).
    fn is_compatible_format(format: &CStr) -> bool;
}

macro_rules! element {
    ($ty:ty, $kind:ident) => {
        unsafe impl Element for $ty {
            fn is_compatible_format(format: &CStr) -> bool {
                let bytes = format.to_bytes();
                let order_ok = match bytes {
                    [prefix, _] => native_byte_order(*prefix),
                    _ => true,
                };
                order_ok
                    && ElementType::from_format(format) == ElementType::$kind { bytes: mem::size_of::<$ty>() }
            }
        }
    };
}

element!(u8, UnsignedInteger);
element!(u16, UnsignedInteger);
element!(u32, UnsignedInteger);
element!(u64, UnsignedInteger);
element!(usize, UnsignedInteger);
element!(i8, SignedInteger);
element!(i16, SignedInteger);
element!(i32, SignedInteger);
element!(i64, SignedInteger);
element!(isize, SignedInteger);
element!(f32, Float);
element!(f64, Float);

/// A `Cell` without `set`: other code (Python included) may change the value.
#[repr(transparent)]
pub struct ReadOnlyCell<T: Element>(UnsafeCell<T>);

impl<T: Element> ReadOnlyCell<T> {
    #[inline]
    pub fn get(&self) -> T {
        unsafe { *self.0.get() }
    }

    #[inline]
    pub fn as_ptr(&self) -> *const T {
        self.0.get()
    }
}

impl<'a, 'py, T: Element> FromPyObject<'a, 'py> for PyBuffer<T> {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Self::get(&obj)
    }
}

impl<T: Element> PyBuffer<T> {
    /// Takes a buffer from `obj` (`TypeError` when it exports none) and checks its items are `T`.
    pub fn get(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        PyUntypedBuffer::get(obj)?.into_typed()
    }

    /// The items in place, when the buffer is C-contiguous.
    pub fn as_slice<'a>(&'a self, _py: Python<'a>) -> Option<&'a [ReadOnlyCell<T>]> {
        self.is_c_contiguous().then(|| unsafe { slice::from_raw_parts(self.raw().buf.cast(), self.item_count()) })
    }

    /// The items in place, writable, when the buffer is C-contiguous and not read-only.
    pub fn as_mut_slice<'a>(&'a self, _py: Python<'a>) -> Option<&'a [Cell<T>]> {
        (!self.readonly() && self.is_c_contiguous())
            .then(|| unsafe { slice::from_raw_parts(self.raw().buf.cast(), self.item_count()) })
    }

    /// The items in place, when the buffer is Fortran-contiguous.
    pub fn as_fortran_slice<'a>(&'a self, _py: Python<'a>) -> Option<&'a [ReadOnlyCell<T>]> {
        self.is_fortran_contiguous()
            .then(|| unsafe { slice::from_raw_parts(self.raw().buf.cast(), self.item_count()) })
    }

    /// The items in place, writable, when Fortran-contiguous and not read-only.
    pub fn as_fortran_mut_slice<'a>(&'a self, _py: Python<'a>) -> Option<&'a [Cell<T>]> {
        (!self.readonly() && self.is_fortran_contiguous())
            .then(|| unsafe { slice::from_raw_parts(self.raw().buf.cast(), self.item_count()) })
    }

    /// Copies every item into `target` (exactly `item_count()` long), in C order.
    pub fn copy_to_slice(&self, py: Python<'_>, target: &mut [T]) -> PyResult<()> {
        self.copy_out(py, target, b'C')
    }

    /// Copies every item into `target`, in Fortran order.
    pub fn copy_to_fortran_slice(&self, py: Python<'_>, target: &mut [T]) -> PyResult<()> {
        self.copy_out(py, target, b'F')
    }

    /// A copy of every item, in C order.
    pub fn to_vec(&self, py: Python<'_>) -> PyResult<Vec<T>> {
        self.vec_in(py, b'C')
    }

    /// A copy of every item, in Fortran order.
    pub fn to_fortran_vec(&self, py: Python<'_>) -> PyResult<Vec<T>> {
        self.vec_in(py, b'F')
    }

    /// Overwrites every item from `source` (exactly `item_count()` long), read in C order.
    pub fn copy_from_slice(&self, py: Python<'_>, source: &[T]) -> PyResult<()> {
        self.copy_in(py, source, b'C')
    }

    /// Overwrites every item from `source`, read in Fortran order.
    pub fn copy_from_fortran_slice(&self, py: Python<'_>, source: &[T]) -> PyResult<()> {
        self.copy_in(py, source, b'F')
    }

    /// Releases the view now (dropping does the same).
    pub fn release(self, py: Python<'_>) {
        self.0.release(py)
    }

    fn copy_out(&self, py: Python<'_>, target: &mut [T], order: u8) -> PyResult<()> {
        if mem::size_of_val(target) != self.len_bytes() {
            return Err(PyBufferError::new_err(format!(
                "slice to copy to (of length {}) does not match buffer length of {}",
                target.len(),
                self.item_count()
            )));
        }
        let rc = unsafe {
            ffi::PyBuffer_ToContiguous(target.as_mut_ptr().cast(), self.raw(), self.raw().len, order as c_char)
        };
        minus_one_is_error(py, rc)
    }

    fn vec_in(&self, py: Python<'_>, order: u8) -> PyResult<Vec<T>> {
        let count = self.item_count();
        let mut out = Vec::<T>::with_capacity(count);
        let rc = unsafe {
            ffi::PyBuffer_ToContiguous(out.as_mut_ptr().cast(), self.raw(), self.raw().len, order as c_char)
        };
        minus_one_is_error(py, rc)?;
        // Every byte of the first `count` items was written above; `T: Copy` has no drop.
        unsafe { out.set_len(count) };
        Ok(out)
    }

    fn copy_in(&self, py: Python<'_>, source: &[T], order: u8) -> PyResult<()> {
        if self.readonly() {
            return Err(PyBufferError::new_err("cannot write to read-only buffer"));
        }
        if mem::size_of_val(source) != self.len_bytes() {
            return Err(PyBufferError::new_err(format!(
                "slice to copy from (of length {}) does not match buffer length of {}",
                source.len(),
                self.item_count()
            )));
        }
        let rc = unsafe {
            ffi::PyBuffer_FromContiguous(self.raw(), source.as_ptr().cast(), self.raw().len, order as c_char)
        };
        minus_one_is_error(py, rc)
    }
}

fn minus_one_is_error(py: Python<'_>, rc: std::ffi::c_int) -> PyResult<()> {
    if rc == -1 {
        Err(PyErr::fetch(py))
    } else {
        Ok(())
    }
}

impl<T> std::ops::Deref for PyBuffer<T> {
    type Target = PyUntypedBuffer;
    fn deref(&self) -> &PyUntypedBuffer {
        &self.0
    }
}

impl<T> fmt::Debug for PyBuffer<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.debug_as("PyBuffer", f)
    }
}

impl fmt::Debug for PyUntypedBuffer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.debug_as("PyUntypedBuffer", f)
    }
}

impl PyUntypedBuffer {
    /// Takes the fullest view the exporter offers (shape, strides, format).
    pub fn get(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let mut view = Box::pin(PinnedView(ffi::Py_buffer::zeroed(), PhantomPinned));
        // The view is filled in place and never moved afterwards.
        let raw = unsafe { &mut Pin::get_unchecked_mut(view.as_mut()).0 };
        if unsafe { ffi::PyObject_GetBuffer(obj.as_ptr(), raw, ffi::PyBUF_FULL_RO) } == -1 {
            return Err(PyErr::fetch(obj.py()));
        }
        // From here on, dropping `buffer` releases the view.
        #[cfg_attr(not(PyPy), allow(unused_mut))]
        let mut buffer = PyUntypedBuffer(view);
        // cpyext exports a read-only memoryview (of bytes, or `toreadonly()`) as writable:
        // the view's own flag decides there, so safe writes never reach immutable memory.
        #[cfg(PyPy)]
        if unsafe { ffi::PyMemoryView_Check(obj.as_ptr()) } != 0 {
            use crate::types::PyAnyMethods;
            if obj.getattr("readonly")?.is_truthy()? {
                unsafe { Pin::get_unchecked_mut(buffer.0.as_mut()).0.readonly = 1 };
            }
        }
        if buffer.raw().shape.is_null() {
            return Err(PyBufferError::new_err("shape is null"));
        }
        if buffer.raw().strides.is_null() {
            return Err(PyBufferError::new_err("strides is null"));
        }
        Ok(buffer)
    }

    /// This buffer as one of `T` items, if its format, size and alignment fit `T`.
    pub fn into_typed<T: Element>(self) -> PyResult<PyBuffer<T>> {
        self.check_items::<T>()?;
        Ok(PyBuffer(self, PhantomData))
    }

    /// Borrowing form of [`into_typed`](Self::into_typed).
    pub fn as_typed<T: Element>(&self) -> PyResult<&PyBuffer<T>> {
        self.check_items::<T>()?;
        // `PyBuffer<T>` is a transparent wrapper of `PyUntypedBuffer`.
        Ok(unsafe { NonNull::from(self).cast::<PyBuffer<T>>().as_ref() })
    }

    fn check_items<T: Element>(&self) -> PyResult<()> {
        let name = std::any::type_name::<T>();
        if mem::size_of::<T>() != self.item_size() || !T::is_compatible_format(self.format()) {
            return Err(PyBufferError::new_err(format!("buffer contents are not compatible with {name}")));
        }
        if self.raw().buf.align_offset(mem::align_of::<T>()) != 0 {
            return Err(PyBufferError::new_err(format!("buffer contents are insufficiently aligned for {name}")));
        }
        Ok(())
    }

    /// Releases the view now (dropping does the same).
    pub fn release(self, _py: Python<'_>) {
        let mut this = mem::ManuallyDrop::new(self);
        unsafe {
            this.release_view();
            std::ptr::drop_in_place(&mut this.0);
        }
    }

    /// Releases the view; must be attached and must happen once.
    unsafe fn release_view(&mut self) {
        ffi::PyBuffer_Release(&mut Pin::get_unchecked_mut(self.0.as_mut()).0);
    }

    #[inline]
    pub fn buf_ptr(&self) -> *mut std::ffi::c_void {
        self.raw().buf
    }

    /// The exporting object.
    #[inline]
    pub fn obj<'py>(&self, py: Python<'py>) -> Option<&Bound<'py, PyAny>> {
        if self.raw().obj.is_null() {
            None
        } else {
            Some(unsafe { Bound::ref_from_ptr(py, &self.raw().obj) })
        }
    }

    /// The address of one item (or of a sub-array, with fewer indices than dimensions).
    /// Panics when an index is out of range.
    pub fn get_ptr(&self, indices: &[usize]) -> *mut std::ffi::c_void {
        let shape = &self.shape()[..indices.len()];
        for (index, len) in indices.iter().zip(shape) {
            assert!(index < len, "index {index} out of range for dimension of length {len}");
        }
        unsafe { ffi::PyBuffer_GetPointer(self.raw(), indices.as_ptr().cast()) }
    }

    #[inline]
    pub fn readonly(&self) -> bool {
        self.raw().readonly != 0
    }

    #[inline]
    pub fn item_size(&self) -> usize {
        self.raw().itemsize as usize
    }

    #[inline]
    pub fn item_count(&self) -> usize {
        (self.raw().len as usize) / (self.raw().itemsize as usize)
    }

    /// `item_size() * item_count()`: the bytes a contiguous copy takes.
    #[inline]
    pub fn len_bytes(&self) -> usize {
        self.raw().len as usize
    }

    /// 0 for a scalar.
    #[inline]
    pub fn dimensions(&self) -> usize {
        self.raw().ndim as usize
    }

    #[inline]
    pub fn shape(&self) -> &[usize] {
        unsafe { slice::from_raw_parts(self.raw().shape.cast(), self.dimensions()) }
    }

    /// Bytes to step per dimension; may be zero or negative.
    #[inline]
    pub fn strides(&self) -> &[isize] {
        unsafe { slice::from_raw_parts(self.raw().strides, self.dimensions()) }
    }

    #[inline]
    pub fn suboffsets(&self) -> Option<&[isize]> {
        let subs = self.raw().suboffsets;
        (!subs.is_null()).then(|| unsafe { slice::from_raw_parts(subs, self.dimensions()) })
    }

    /// The `struct`-module format of one item; `B` when the exporter gives none.
    #[inline]
    pub fn format(&self) -> &CStr {
        if self.raw().format.is_null() {
            c"B"
        } else {
            unsafe { CStr::from_ptr(self.raw().format) }
        }
    }

    #[inline]
    pub fn is_c_contiguous(&self) -> bool {
        unsafe { ffi::PyBuffer_IsContiguous(self.raw(), b'C' as c_char) != 0 }
    }

    #[inline]
    pub fn is_fortran_contiguous(&self) -> bool {
        unsafe { ffi::PyBuffer_IsContiguous(self.raw(), b'F' as c_char) != 0 }
    }

    #[inline]
    fn raw(&self) -> &ffi::Py_buffer {
        &self.0 .0
    }

    fn debug_as(&self, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let raw = self.raw();
        f.debug_struct(name)
            .field("buf", &raw.buf)
            .field("obj", &raw.obj)
            .field("len", &raw.len)
            .field("itemsize", &raw.itemsize)
            .field("readonly", &raw.readonly)
            .field("ndim", &raw.ndim)
            .field("format", &self.format())
            .field("shape", &self.shape())
            .field("strides", &self.strides())
            .field("suboffsets", &self.suboffsets())
            .field("internal", &raw.internal)
            .finish()
    }
}

impl Drop for PyUntypedBuffer {
    fn drop(&mut self) {
        // After finalization the exporter's memory is gone already; nothing to release.
        if unsafe { ffi::Py_IsInitialized() } != 0 {
            Python::attach(|_| unsafe { self.release_view() });
        }
    }
}

//! `slice`.
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::{native_type, PyAny};

native_type!(PySlice, "slice", ffi::PySlice_Type, ffi::PySlice_Check);

/// A slice resolved against a sequence length (`slice.indices(len)` plus the
/// number of items it selects).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PySliceIndices {
    pub start: isize,
    pub stop: isize,
    pub step: isize,
    pub slicelength: usize,
}

impl PySliceIndices {
    /// Indices with `slicelength` left at 0.
    pub fn new(start: isize, stop: isize, step: isize) -> PySliceIndices {
        PySliceIndices { start, stop, step, slicelength: 0 }
    }
}

impl PySlice {
    /// `slice(start, stop, step)`.
    pub fn new(py: Python<'_>, start: isize, stop: isize, step: isize) -> Bound<'_, PySlice> {
        unsafe {
            let start = ffi::PyLong_FromSsize_t(start);
            let stop = ffi::PyLong_FromSsize_t(stop);
            let step = ffi::PyLong_FromSsize_t(step);
            // PySlice_New takes new references of its own.
            let slice = ffi::PySlice_New(start, stop, step);
            ffi::Py_DecRef(start);
            ffi::Py_DecRef(stop);
            ffi::Py_DecRef(step);
            Bound::<PyAny>::from_owned_ptr_typed(py, slice).cast_into_unchecked()
        }
    }

    /// `slice(None)`, i.e. `[:]`.
    pub fn full(py: Python<'_>) -> Bound<'_, PySlice> {
        unsafe {
            Bound::<PyAny>::from_owned_ptr_typed(py, ffi::PySlice_New(ffi::Py_None(), ffi::Py_None(), ffi::Py_None())).cast_into_unchecked()
        }
    }
}

pub trait PySliceMethods<'py> {
    /// Resolves the slice for a sequence of `length` items; a `ValueError`
    /// for a zero step.
    fn indices(&self, length: isize) -> PyResult<PySliceIndices>;
}

impl<'py> PySliceMethods<'py> for Bound<'py, PySlice> {
    fn indices(&self, length: isize) -> PyResult<PySliceIndices> {
        let (mut start, mut stop, mut step) = (0, 0, 0);
        unsafe {
            // Unpack + AdjustIndices is what PySlice_GetIndicesEx expands to;
            // both halves are in the stable ABI.
            if ffi::PySlice_Unpack(self.as_ptr(), &mut start, &mut stop, &mut step) == -1 {
                return Err(PyErr::fetch(self.py()));
            }
            let slicelength = ffi::PySlice_AdjustIndices(length as ffi::Py_ssize_t, &mut start, &mut stop, step);
            Ok(PySliceIndices {
                start: start as isize,
                stop: stop as isize,
                step: step as isize,
                slicelength: slicelength as usize,
            })
        }
    }
}

//! `complex`.
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::{native_type, PyAny};

native_type!(PyComplex, "complex", ffi::PyComplex_Type, ffi::PyComplex_Check);

impl PyComplex {
    /// `complex(real, imag)`.
    pub fn from_doubles(py: Python<'_>, real: f64, imag: f64) -> Bound<'_, PyComplex> {
        unsafe { Bound::<PyAny>::from_owned_ptr_typed(py, ffi::PyComplex_FromDoubles(real, imag)).cast_into_unchecked() }
    }
}

pub trait PyComplexMethods<'py> {
    fn real(&self) -> f64;
    fn imag(&self) -> f64;
}

// PyComplex_RealAsDouble/ImagAsDouble are stable ABI, so these need no cfg.
impl<'py> PyComplexMethods<'py> for Bound<'py, PyComplex> {
    fn real(&self) -> f64 {
        unsafe { ffi::PyComplex_RealAsDouble(self.as_ptr()) }
    }

    fn imag(&self) -> f64 {
        unsafe { ffi::PyComplex_ImagAsDouble(self.as_ptr()) }
    }
}

//! `num_complex::Complex<f32/f64>` ↔ `complex`. Extraction takes what
//! `complex()` would take from a number: `complex`, `__complex__`, `__float__`,
//! `__index__` (never a string).
use std::convert::Infallible;
use std::ffi::c_double;

use num_complex::Complex;

use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{PyAny, PyComplex};

impl PyComplex {
    /// A Python `complex` from num-complex's [`Complex`].
    pub fn from_complex_bound<F: Into<c_double>>(py: Python<'_>, complex: Complex<F>) -> Bound<'_, PyComplex> {
        PyComplex::from_doubles(py, complex.re.into(), complex.im.into())
    }
}

/// (real, imag) of a number, with CPython's TypeError for anything else.
fn parts(obj: Borrowed<'_, '_, PyAny>) -> PyResult<(f64, f64)> {
    let py = obj.py();
    #[cfg(not(any(Py_LIMITED_API, PyPy)))]
    unsafe {
        let v = ffi::PyComplex_AsCComplex(obj.as_ptr());
        if v.real == -1.0 {
            if let Some(e) = PyErr::take(py) {
                return Err(e);
            }
        }
        Ok((v.real, v.imag))
    }
    #[cfg(any(Py_LIMITED_API, PyPy))]
    unsafe {
        use crate::types::PyAnyMethods;
        // The stable calls see only `complex` and `__float__`; `__complex__` is
        // looked up on the type, as CPython does for special methods.
        let converted;
        let mut target = obj.as_ptr();
        if ffi::PyComplex_Check(target) == 0 {
            if let Some(method) = obj.get_type().getattr_opt(crate::intern!(py, "__complex__"))? {
                converted = method.call1((obj,))?;
                target = converted.as_ptr();
            }
        }
        let real = ffi::PyComplex_RealAsDouble(target);
        if real == -1.0 {
            if let Some(e) = PyErr::take(py) {
                return Err(e);
            }
        }
        Ok((real, ffi::PyComplex_ImagAsDouble(target)))
    }
}

macro_rules! complex {
    ($float:ty) => {
        impl<'py> IntoPyObject<'py> for Complex<$float> {
            type Target = PyComplex;
            type Output = Bound<'py, PyComplex>;
            type Error = Infallible;
            fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Infallible> {
                Ok(PyComplex::from_doubles(py, self.re as f64, self.im as f64))
            }
        }

        ref_into_pyobject_by_copy!(Complex<$float>);

        impl<'a, 'py> FromPyObject<'a, 'py> for Complex<$float> {
            type Error = PyErr;
            fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
                let (re, im) = parts(obj)?;
                Ok(Complex::new(re as $float, im as $float))
            }
        }
    };
}

complex!(f32);
complex!(f64);

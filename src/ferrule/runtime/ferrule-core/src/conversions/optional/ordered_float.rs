//! `ordered_float::{OrderedFloat, NotNan}` of `f32`/`f64` ↔ `float`, as the
//! plain floats convert; a NaN into `NotNan` is ValueError ("NotNan constructed with NaN").
use std::convert::Infallible;

use ordered_float::{NotNan, OrderedFloat};

use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyValueError;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{PyAny, PyFloat};

macro_rules! wrapper {
    ($wrapper:ident, $float:ty, $make:expr) => {
        impl<'a, 'py> FromPyObject<'a, 'py> for $wrapper<$float> {
            type Error = PyErr;
            fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
                let value = <$float as FromPyObject<'a, 'py>>::extract(obj).map_err(Into::<PyErr>::into)?;
                $make(value)
            }
        }

        impl<'py> IntoPyObject<'py> for $wrapper<$float> {
            type Target = PyFloat;
            type Output = Bound<'py, PyFloat>;
            type Error = Infallible;
            fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Infallible> {
                self.into_inner().into_pyobject(py)
            }
        }

        ref_into_pyobject_by_copy!($wrapper<$float>);
    };
}

fn not_nan<F: ordered_float::FloatCore>(value: F) -> PyResult<NotNan<F>> {
    NotNan::new(value).map_err(|e| PyValueError::new_err(e.to_string()))
}

wrapper!(OrderedFloat, f32, |v| Ok(OrderedFloat(v)));
wrapper!(OrderedFloat, f64, |v| Ok(OrderedFloat(v)));
wrapper!(NotNan, f32, not_nan);
wrapper!(NotNan, f64, not_nan);

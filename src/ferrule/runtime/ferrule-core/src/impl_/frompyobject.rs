//! Used by the glue of `#[derive(FromPyObject)]`: field extraction that names
//! the field in its error, and the error of an enum none of whose variants fit.
use std::fmt::Write;

use crate::conversion::FromPyObject;
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyTypeError;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::{PyAny, PyAnyMethods};

/// `TypeError: failed to extract enum Name ('A | B')` followed by one line per
/// variant with its error and that error's causes (PyO3's wording).
#[cold]
pub fn failed_to_extract_enum(
    py: Python<'_>,
    type_name: &str,
    variant_names: &[&str],
    error_names: &[&str],
    errors: &[PyErr],
) -> PyErr {
    let mut message = format!("failed to extract enum {} ('{}')", type_name, error_names.join(" | "));
    for ((variant, shown), error) in variant_names.iter().zip(error_names).zip(errors) {
        let _ = write!(message, "\n- variant {variant} ({shown}): {}", with_causes(py, error));
    }
    PyTypeError::new_err(message)
}

fn with_causes(py: Python<'_>, error: &PyErr) -> String {
    let mut text = error.to_string();
    let mut next = error.cause(py);
    while let Some(cause) = next {
        let _ = write!(text, ", caused by {cause}");
        next = cause.cause(py);
    }
    text
}

#[cold]
fn field_error(py: Python<'_>, cause: PyErr, field: std::fmt::Arguments<'_>) -> PyErr {
    let err = PyTypeError::new_err(format!("failed to extract field {field}"));
    err.set_cause(py, Some(cause));
    err
}

pub fn extract_struct_field<'a, 'py, T: FromPyObject<'a, 'py>>(
    obj: &'a Bound<'py, PyAny>,
    struct_name: &str,
    field_name: &str,
) -> PyResult<T> {
    obj.extract().map_err(|e: T::Error| field_error(obj.py(), e.into(), format_args!("{struct_name}.{field_name}")))
}

pub fn extract_struct_field_with<'a, 'py, T>(
    extractor: fn(&'a Bound<'py, PyAny>) -> PyResult<T>,
    obj: &'a Bound<'py, PyAny>,
    struct_name: &str,
    field_name: &str,
) -> PyResult<T> {
    extractor(obj).map_err(|e| field_error(obj.py(), e, format_args!("{struct_name}.{field_name}")))
}

pub fn extract_tuple_struct_field<'a, 'py, T: FromPyObject<'a, 'py>>(
    obj: &'a Bound<'py, PyAny>,
    struct_name: &str,
    index: usize,
) -> PyResult<T> {
    obj.extract().map_err(|e: T::Error| field_error(obj.py(), e.into(), format_args!("{struct_name}.{index}")))
}

pub fn extract_tuple_struct_field_with<'a, 'py, T>(
    extractor: fn(&'a Bound<'py, PyAny>) -> PyResult<T>,
    obj: &'a Bound<'py, PyAny>,
    struct_name: &str,
    index: usize,
) -> PyResult<T> {
    extractor(obj).map_err(|e| field_error(obj.py(), e, format_args!("{struct_name}.{index}")))
}

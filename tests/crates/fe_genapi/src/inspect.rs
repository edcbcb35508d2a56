//! Feature `experimental-inspect` as PyO3 users write for it: a signature with custom annotations,
//! a class from another module as argument, a hand-written `FromPyObject` that names its
//! `INPUT_TYPE`, and `pyo3::inspect` hints read back as text.
use pyo3::inspect::{PyStaticConstant, PyStaticExpr};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use pyo3::{type_hint_identifier, type_hint_subscript, type_hint_union, PyTypeInfo};

use crate::classes::Cloned;

#[pyfunction(signature = (a: "list[int]", *args: "str", b: "int | None" = None, **kwargs: "bool") -> "int")]
pub fn annotated<'py>(
    a: Bound<'py, PyAny>,
    args: Bound<'py, PyTuple>,
    b: Option<Bound<'py, PyAny>>,
    kwargs: Option<Bound<'py, PyDict>>,
) -> PyResult<usize> {
    Ok(a.len()? + args.len() + b.map_or(0, |_| 1) + kwargs.map_or(0, |k| k.len()))
}

#[pyfunction]
pub fn takes_other_module_class(c: &Cloned) -> i64 {
    c.v
}

pub struct Celsius(pub f64);

impl<'a, 'py> FromPyObject<'a, 'py> for Celsius {
    type Error = PyErr;
    #[cfg(feature = "experimental-inspect")]
    const INPUT_TYPE: PyStaticExpr = type_hint_identifier!("builtins", "float");
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(Celsius(obj.extract()?))
    }
}

#[pyfunction]
pub fn to_kelvin(t: Celsius) -> f64 {
    t.0 + 273.15
}

/// Hints as user code reads them: its own, the runtime's, a class's, and built ones.
#[pyfunction]
pub fn hints() -> Vec<String> {
    const BUILT: PyStaticExpr = type_hint_subscript!(
        type_hint_identifier!("builtins", "dict"),
        type_hint_identifier!("builtins", "str"),
        type_hint_union!(
            type_hint_identifier!("datetime", "date"),
            PyStaticExpr::Constant { value: PyStaticConstant::None }
        )
    );
    vec![
        <Celsius as FromPyObject>::INPUT_TYPE.to_string(),
        <Bound<'_, PyList> as FromPyObject>::INPUT_TYPE.to_string(),
        <Cloned as PyTypeInfo>::TYPE_HINT.to_string(),
        <Cloned as IntoPyObject>::OUTPUT_TYPE.to_string(),
        <i32 as IntoPyObject>::OUTPUT_TYPE.to_string(),
        BUILT.to_string(),
    ]
}

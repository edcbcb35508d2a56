//! uuid's `Uuid` and `NonNilUuid`.
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use uuid::{NonNilUuid, Uuid};

#[pyfunction]
pub fn uuid_text(id: Uuid) -> String {
    id.hyphenated().to_string()
}

#[pyfunction]
pub fn uuid_parse(text: &str) -> PyResult<Uuid> {
    Uuid::parse_str(text).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The version number uuid reads from the bits.
#[pyfunction]
pub fn uuid_version(id: NonNilUuid) -> usize {
    Uuid::from(id).get_version_num()
}

#[pyfunction]
pub fn uuid_max() -> NonNilUuid {
    NonNilUuid::new(Uuid::max()).expect("max is not nil")
}

#[pyfunction]
pub fn uuid_nil() -> Uuid {
    Uuid::nil()
}

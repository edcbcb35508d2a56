//! Functions exported into `fe_modules` from another file.
use ferrule::prelude::*;

#[pyfunction]
pub fn shout(text: &str) -> String {
    text.to_uppercase()
}

#[pyfunction]
pub fn whisper(text: &str) -> String {
    text.to_lowercase()
}

//! PyO3 API pieces: derived conversions.
use pyo3::prelude::*;

mod derives;

#[pymodule]
fn fe_genapi(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(derives::point_sum, m)?)?;
    m.add_function(wrap_pyfunction!(derives::config_text, m)?)?;
    m.add_function(wrap_pyfunction!(derives::all_items, m)?)?;
    m.add_function(wrap_pyfunction!(derives::renamed, m)?)?;
    m.add_function(wrap_pyfunction!(derives::pair_roundtrip, m)?)?;
    m.add_function(wrap_pyfunction!(derives::meters, m)?)?;
    m.add_function(wrap_pyfunction!(derives::meters_ref, m)?)?;
    m.add_function(wrap_pyfunction!(derives::wrapped, m)?)?;
    m.add_function(wrap_pyfunction!(derives::number, m)?)?;
    m.add_function(wrap_pyfunction!(derives::shape, m)?)?;
    m.add_function(wrap_pyfunction!(derives::borrowing, m)?)?;
    m.add_function(wrap_pyfunction!(derives::generic, m)?)?;
    m.add_function(wrap_pyfunction!(derives::report, m)?)?;
    m.add_function(wrap_pyfunction!(derives::values, m)?)?;
    Ok(())
}

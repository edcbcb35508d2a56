//! PyO3's optional-crate conversions, used as a PyO3 crate uses them.
use pyo3::prelude::*;
// Each optional crate's conversions are a public module, as in PyO3 (`pyo3::conversions::num_bigint`).
#[allow(unused_imports)]
use pyo3::conversions::{
    anyhow as _, bigdecimal as _, bytes as _, either as _, eyre as _, hashbrown as _, indexmap as _,
    num_bigint as _, num_complex as _, num_rational as _, ordered_float as _, rust_decimal as _, serde as _,
    smallvec as _,
};

mod containers;
mod errors;
mod numbers;
mod shared;

#[pymodule]
fn fe_optional_num(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(numbers::big_times, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::big_digits, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::big_from_digits, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::factorial, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::ubig_bits, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::big_refs, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::complex_mul, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::complex32_conj, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::complex_from_parts, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::ratio_add, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::ratio_small, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::big_ratio_square, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::dec_add, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::dec_parts, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::bigdec_mul, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::bigdec_text, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::ordered_max, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::not_nan_half, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::not_nan32, m)?)?;
    m.add_function(wrap_pyfunction!(containers::hb_invert, m)?)?;
    m.add_function(wrap_pyfunction!(containers::hb_union, m)?)?;
    m.add_function(wrap_pyfunction!(containers::hb_by_ref, m)?)?;
    m.add_function(wrap_pyfunction!(containers::im_reversed, m)?)?;
    m.add_function(wrap_pyfunction!(containers::im_keys, m)?)?;
    m.add_function(wrap_pyfunction!(containers::sv_sum, m)?)?;
    m.add_function(wrap_pyfunction!(containers::sv_range, m)?)?;
    m.add_function(wrap_pyfunction!(containers::sv_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(containers::either_describe, m)?)?;
    m.add_function(wrap_pyfunction!(containers::either_make, m)?)?;
    m.add_function(wrap_pyfunction!(containers::bytes_upper, m)?)?;
    m.add_function(wrap_pyfunction!(containers::bytes_shares, m)?)?;
    m.add_function(wrap_pyfunction!(errors::anyhow_result, m)?)?;
    m.add_function(wrap_pyfunction!(errors::eyre_result, m)?)?;
    m.add_class::<shared::Point>()?;
    m.add_function(wrap_pyfunction!(shared::points_json, m)?)?;
    m.add_function(wrap_pyfunction!(shared::point_json_while_borrowed, m)?)?;
    m.add_function(wrap_pyfunction!(shared::points_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(shared::slow_add, m)?)?;
    m.add_function(wrap_pyfunction!(shared::rwlock_value, m)?)?;
    m.add_function(wrap_pyfunction!(shared::once_init, m)?)?;
    m.add_function(wrap_pyfunction!(shared::once_lock_value, m)?)?;
    Ok(())
}

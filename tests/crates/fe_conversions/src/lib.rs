//! Values crossing the boundary: each function hands its argument straight back
//! (or a simple function of it), so Python sees both directions of a conversion.
use std::borrow::Cow;

use ferrule::prelude::*;

mod collections;
mod nested;
mod tuples;

// `#[pyfunction]` items must be written out: ferrule reads the source, it does not expand macros.
#[pyfunction]
fn echo_i8(x: i8) -> i8 {
    x
}

#[pyfunction]
fn echo_i16(x: i16) -> i16 {
    x
}

#[pyfunction]
fn echo_i32(x: i32) -> i32 {
    x
}

#[pyfunction]
fn echo_i64(x: i64) -> i64 {
    x
}

#[pyfunction]
fn echo_isize(x: isize) -> isize {
    x
}

#[pyfunction]
fn echo_u8(x: u8) -> u8 {
    x
}

#[pyfunction]
fn echo_u16(x: u16) -> u16 {
    x
}

#[pyfunction]
fn echo_u32(x: u32) -> u32 {
    x
}

#[pyfunction]
fn echo_u64(x: u64) -> u64 {
    x
}

#[pyfunction]
fn echo_usize(x: usize) -> usize {
    x
}

#[pyfunction]
fn echo_i128(x: i128) -> i128 {
    x
}

#[pyfunction]
fn echo_u128(x: u128) -> u128 {
    x
}

/// `?` on std's conversion errors: `TryFromIntError` is a ValueError, as in PyO3.
#[pyfunction]
fn narrow(x: i64) -> PyResult<u8> {
    Ok(u8::try_from(x)?)
}

#[pyfunction]
fn echo_f64(x: f64) -> f64 {
    x
}

#[pyfunction]
fn echo_f32(x: f32) -> f32 {
    x
}

#[pyfunction]
fn echo_bool(x: bool) -> bool {
    x
}

#[pyfunction]
fn echo_char(x: char) -> char {
    x
}

#[pyfunction]
fn echo_string(x: String) -> String {
    x
}

/// The three readers of an owned `Py<PyString>`: strict, borrowed-or-copied, lossy.
#[pyfunction]
fn owned_str_readers(py: Python<'_>, s: Py<ferrule::types::PyString>) -> (Option<String>, Option<String>, String) {
    let strict = s.to_str(py).ok().map(str::to_owned);
    let cow = s.to_cow(py).ok().map(|c| c.into_owned());
    (strict, cow, s.to_string_lossy(py).into_owned())
}

#[pyfunction]
fn echo_opt_i64(x: Option<i64>) -> Option<i64> {
    x
}

#[pyfunction]
fn str_len(s: &str) -> usize {
    s.chars().count()
}

/// Borrows when it can, allocates when it must.
#[pyfunction]
fn cow_upper(s: Cow<'_, str>) -> Cow<'static, str> {
    if s.chars().all(|c| !c.is_lowercase()) {
        Cow::Owned(s.into_owned())
    } else {
        Cow::Owned(s.to_uppercase())
    }
}

#[pymodule]
fn fe_conversions(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(echo_i8, m)?)?;
    m.add_function(wrap_pyfunction!(echo_i16, m)?)?;
    m.add_function(wrap_pyfunction!(echo_i32, m)?)?;
    m.add_function(wrap_pyfunction!(echo_i64, m)?)?;
    m.add_function(wrap_pyfunction!(echo_isize, m)?)?;
    m.add_function(wrap_pyfunction!(echo_u8, m)?)?;
    m.add_function(wrap_pyfunction!(echo_u16, m)?)?;
    m.add_function(wrap_pyfunction!(echo_u32, m)?)?;
    m.add_function(wrap_pyfunction!(echo_u64, m)?)?;
    m.add_function(wrap_pyfunction!(echo_usize, m)?)?;
    m.add_function(wrap_pyfunction!(echo_i128, m)?)?;
    m.add_function(wrap_pyfunction!(echo_u128, m)?)?;
    m.add_function(wrap_pyfunction!(narrow, m)?)?;
    m.add_function(wrap_pyfunction!(echo_f64, m)?)?;
    m.add_function(wrap_pyfunction!(echo_f32, m)?)?;
    m.add_function(wrap_pyfunction!(echo_bool, m)?)?;
    m.add_function(wrap_pyfunction!(echo_char, m)?)?;
    m.add_function(wrap_pyfunction!(echo_string, m)?)?;
    m.add_function(wrap_pyfunction!(owned_str_readers, m)?)?;
    m.add_function(wrap_pyfunction!(echo_opt_i64, m)?)?;
    m.add_function(wrap_pyfunction!(str_len, m)?)?;
    m.add_function(wrap_pyfunction!(cow_upper, m)?)?;
    collections::register(m)?;
    nested::register(m)?;
    tuples::register(m)?;
    Ok(())
}

//! num-bigint, num-complex, num-rational, rust_decimal, bigdecimal, ordered-float.
use std::str::FromStr;

use bigdecimal::BigDecimal;
use num_bigint::{BigInt, BigUint};
use num_complex::Complex;
use num_rational::{BigRational, Ratio};
use ordered_float::{NotNan, OrderedFloat};
use pyo3::prelude::*;
use pyo3::types::PyComplex;
use rust_decimal::Decimal;

#[pyfunction]
pub fn big_times(x: BigInt, k: i64) -> BigInt {
    x * k
}

#[pyfunction]
pub fn big_digits(x: BigInt) -> String {
    x.to_string()
}

#[pyfunction]
pub fn big_from_digits(text: &str) -> BigInt {
    BigInt::from_str(text).unwrap()
}

#[pyfunction]
pub fn factorial(n: u32) -> BigUint {
    (1..=n).fold(BigUint::from(1u32), |acc, i| acc * i)
}

#[pyfunction]
pub fn ubig_bits(x: BigUint) -> u64 {
    x.bits()
}

/// Through `&BigInt`/`&BigUint`, which a getter or a borrowed field uses.
#[pyfunction]
pub fn big_refs(py: Python<'_>, x: BigInt) -> PyResult<(Bound<'_, PyAny>, Bound<'_, PyAny>)> {
    let magnitude = x.magnitude().clone();
    Ok(((&x).into_pyobject(py)?.into_any(), (&magnitude).into_pyobject(py)?.into_any()))
}

#[pyfunction]
pub fn complex_mul(a: Complex<f64>, b: Complex<f64>) -> Complex<f64> {
    a * b
}

#[pyfunction]
pub fn complex32_conj(a: Complex<f32>) -> Complex<f32> {
    a.conj()
}

#[pyfunction]
pub fn complex_from_parts(py: Python<'_>, re: f64, im: f64) -> Bound<'_, PyComplex> {
    PyComplex::from_complex_bound(py, Complex::new(re, im))
}

#[pyfunction]
pub fn ratio_add(a: Ratio<i64>, b: Ratio<i64>) -> Ratio<i64> {
    a + b
}

#[pyfunction]
pub fn ratio_small(a: Ratio<i8>) -> (i8, i8) {
    (*a.numer(), *a.denom())
}

#[pyfunction]
pub fn big_ratio_square(a: BigRational) -> BigRational {
    &a * &a
}

#[pyfunction]
pub fn dec_add(a: Decimal, b: Decimal) -> Decimal {
    a + b
}

#[pyfunction]
pub fn dec_parts(a: Decimal) -> (String, u32) {
    (a.mantissa().to_string(), a.scale())
}

#[pyfunction]
pub fn bigdec_mul(a: BigDecimal, b: BigDecimal) -> BigDecimal {
    a * b
}

#[pyfunction]
pub fn bigdec_text(a: BigDecimal) -> String {
    a.to_string()
}

#[pyfunction]
pub fn ordered_max(values: Vec<OrderedFloat<f64>>) -> Option<OrderedFloat<f64>> {
    values.into_iter().max()
}

#[pyfunction]
pub fn not_nan_half(x: NotNan<f64>) -> NotNan<f64> {
    NotNan::new(x.into_inner() / 2.0).unwrap()
}

#[pyfunction]
pub fn not_nan32(x: NotNan<f32>) -> f32 {
    x.into_inner()
}

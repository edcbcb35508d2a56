//! Conversions for the crates PyO3 converts behind features of the same names
//! (PyO3 0.29's `conversions::*`); each file compiles only with its feature.
#[cfg(feature = "anyhow")]
pub mod anyhow;
#[cfg(feature = "bigdecimal")]
pub mod bigdecimal;
#[cfg(feature = "bytes")]
pub mod bytes;
#[cfg(feature = "chrono")]
pub mod chrono;
#[cfg(feature = "chrono-tz")]
pub mod chrono_tz;
#[cfg(any(feature = "chrono", feature = "time", feature = "jiff-02"))]
mod datetime_util;
#[cfg(feature = "either")]
pub mod either;
#[cfg(feature = "eyre")]
pub mod eyre;
#[cfg(feature = "hashbrown")]
pub mod hashbrown;
#[cfg(feature = "indexmap")]
pub mod indexmap;
#[cfg(feature = "jiff-02")]
pub mod jiff;
#[cfg(feature = "num-bigint")]
pub mod num_bigint;
#[cfg(feature = "num-complex")]
pub mod num_complex;
#[cfg(feature = "num-rational")]
pub mod num_rational;
#[cfg(feature = "ordered-float")]
pub mod ordered_float;
#[cfg(feature = "rust_decimal")]
pub mod rust_decimal;
#[cfg(feature = "serde")]
pub mod serde;
#[cfg(feature = "smallvec")]
pub mod smallvec;
#[cfg(feature = "time")]
pub mod time;
#[cfg(feature = "uuid")]
pub mod uuid;

/// `decimal.Decimal`, imported once.
#[cfg(any(feature = "rust_decimal", feature = "bigdecimal"))]
fn decimal_type(py: crate::marker::Python<'_>) -> crate::err::PyResult<&crate::instance::Bound<'_, crate::types::PyType>> {
    static DECIMAL: crate::sync::PyOnceLock<crate::instance::Py<crate::types::PyType>> = crate::sync::PyOnceLock::new();
    DECIMAL.import(py, "decimal", "Decimal")
}

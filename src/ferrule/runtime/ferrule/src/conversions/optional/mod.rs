//! Conversions for the crates PyO3 converts behind features of the same names
//! (PyO3 0.29's `conversions::*`); each file compiles only with its feature.
#[cfg(feature = "anyhow")]
mod anyhow;
#[cfg(feature = "bigdecimal")]
mod bigdecimal;
#[cfg(feature = "bytes")]
mod bytes;
#[cfg(feature = "chrono")]
mod chrono;
#[cfg(feature = "chrono-tz")]
mod chrono_tz;
#[cfg(any(feature = "chrono", feature = "time", feature = "jiff-02"))]
mod datetime_util;
#[cfg(feature = "either")]
mod either;
#[cfg(feature = "eyre")]
mod eyre;
#[cfg(feature = "hashbrown")]
mod hashbrown;
#[cfg(feature = "indexmap")]
mod indexmap;
#[cfg(feature = "jiff-02")]
mod jiff;
#[cfg(feature = "num-bigint")]
mod num_bigint;
#[cfg(feature = "num-complex")]
mod num_complex;
#[cfg(feature = "num-rational")]
mod num_rational;
#[cfg(feature = "ordered-float")]
mod ordered_float;
#[cfg(feature = "rust_decimal")]
mod rust_decimal;
#[cfg(feature = "serde")]
mod serde;
#[cfg(feature = "smallvec")]
mod smallvec;
#[cfg(feature = "time")]
mod time;
#[cfg(feature = "uuid")]
mod uuid;

/// `decimal.Decimal`, imported once.
#[cfg(any(feature = "rust_decimal", feature = "bigdecimal"))]
fn decimal_type(py: crate::marker::Python<'_>) -> crate::err::PyResult<&crate::instance::Bound<'_, crate::types::PyType>> {
    static DECIMAL: crate::sync::PyOnceLock<crate::instance::Py<crate::types::PyType>> = crate::sync::PyOnceLock::new();
    DECIMAL.import(py, "decimal", "Decimal")
}

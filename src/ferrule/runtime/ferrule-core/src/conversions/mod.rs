//! `IntoPyObject`/`FromPyObject` for std types, one file per family.

/// `IntoPyObject for &T` of `Copy` types: converts a copy, as the owned impl does.
macro_rules! ref_into_pyobject_by_copy {
    ($($ty:ty),* $(,)?) => {$(
        impl<'py> $crate::conversion::IntoPyObject<'py> for &$ty {
            type Target = <$ty as $crate::conversion::IntoPyObject<'py>>::Target;
            type Output = <$ty as $crate::conversion::IntoPyObject<'py>>::Output;
            type Error = <$ty as $crate::conversion::IntoPyObject<'py>>::Error;
            #[inline]
            fn into_pyobject(self, py: $crate::Python<'py>) -> Result<Self::Output, Self::Error> {
                (*self).into_pyobject(py)
            }
        }
    )*};
}
mod int;
mod float;
mod string;
mod option;
mod bool_unit;
mod int128;
mod nonzero;
mod osstr_path;
mod std_bytes; // not `bytes`: that name is the `bytes` crate's public module
mod seq;
mod tuple;
mod map;
mod set;
mod smart;
mod std_time; // not `time`: that name is the `time` crate's public module
mod ipaddr;
mod cstring;
// Optional crates (num-bigint, rust_decimal, indexmap, ...), each behind its feature; public as
// `pyo3::conversions::<crate>` as in PyO3 (they hold impls only; the std ones stay private there too).
mod optional;
#[allow(unused_imports)] // nothing to re-export when no optional crate is on
pub use optional::*;

//! hashbrown, indexmap, smallvec, either, bytes.
use bytes::Bytes;
use either::Either;
use indexmap::IndexMap;
use pyo3::prelude::*;
use smallvec::SmallVec;

#[pyfunction]
pub fn hb_invert(m: hashbrown::HashMap<String, i64>) -> hashbrown::HashMap<i64, String> {
    m.into_iter().map(|(k, v)| (v, k)).collect()
}

#[pyfunction]
pub fn hb_union(a: hashbrown::HashSet<i64>, b: hashbrown::HashSet<i64>) -> hashbrown::HashSet<i64> {
    a.union(&b).copied().collect()
}

#[pyfunction]
pub fn hb_by_ref(py: Python<'_>, a: hashbrown::HashSet<String>) -> PyResult<Bound<'_, PyAny>> {
    Ok((&a).into_pyobject(py)?.into_any())
}

#[pyfunction]
pub fn im_reversed(m: IndexMap<String, i64>) -> IndexMap<String, i64> {
    m.into_iter().rev().collect()
}

#[pyfunction]
pub fn im_keys(m: IndexMap<String, i64>) -> Vec<String> {
    m.keys().cloned().collect()
}

#[pyfunction]
pub fn sv_sum(v: SmallVec<[i64; 4]>) -> (i64, bool) {
    (v.iter().sum(), v.spilled())
}

#[pyfunction]
pub fn sv_range(n: i32) -> SmallVec<[i32; 4]> {
    (0..n).collect()
}

#[pyfunction]
pub fn sv_bytes(n: u8) -> SmallVec<[u8; 8]> {
    (0..n).collect()
}

#[pyfunction]
pub fn either_describe(v: Either<i64, String>) -> String {
    match v {
        Either::Left(n) => format!("int {n}"),
        Either::Right(s) => format!("str {s}"),
    }
}

#[pyfunction]
pub fn either_make(number: bool) -> Either<i64, String> {
    if number { Either::Left(7) } else { Either::Right("seven".to_string()) }
}

#[pyfunction]
pub fn bytes_upper(b: Bytes) -> Bytes {
    Bytes::from(b.to_ascii_uppercase())
}

/// A `Bytes` taken from a `bytes` object shares its memory.
#[pyfunction]
pub fn bytes_shares(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let b: Bytes = obj.extract()?;
    let backing = obj.extract::<&[u8]>().map(|s| s.as_ptr()).ok();
    Ok(backing == Some(b.as_ptr()))
}

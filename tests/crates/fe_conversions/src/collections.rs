//! Containers, bytes and paths.
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use ferrule::prelude::*;

#[pyfunction]
fn bytes_sum(data: &[u8]) -> u64 {
    data.iter().map(|&b| u64::from(b)).sum()
}

/// A `Vec<u8>` goes to Python as `bytes`, as in PyO3 since 0.23.
#[pyfunction]
fn bytes_as_vec(data: &[u8]) -> Vec<u8> {
    data.to_vec()
}

/// Any sequence of ints in, `bytes` out.
#[pyfunction]
fn ints_as_bytes(data: Vec<u8>) -> Vec<u8> {
    data
}

#[pyfunction]
fn u8_array() -> [u8; 4] {
    [1, 2, 3, 255]
}

/// A boxed slice of `u8` stays a list (the stub says `list[int]`), as does a `VecDeque<u8>`.
#[pyfunction]
fn boxed_u8s() -> (Box<[u8]>, std::collections::VecDeque<u8>) {
    (vec![1u8, 2].into_boxed_slice(), [3u8].into_iter().collect())
}

/// Each kind of u8 sequence, converted inside Rust, so Python sees what each makes.
#[pyfunction]
fn u8_sequences(py: Python<'_>) -> PyResult<Vec<Py<PyAny>>> {
    let owned = vec![7u8, 8];
    let wide = vec![7u16, 8];
    let deque: std::collections::VecDeque<u8> = [7u8, 8].into_iter().collect();
    let cow: std::borrow::Cow<'_, [u8]> = std::borrow::Cow::Borrowed(&owned);
    Ok(vec![
        owned.as_slice().into_pyobject(py)?.unbind(),
        (&owned).into_pyobject(py)?.unbind(),
        cow.into_pyobject(py)?.unbind(),
        (&[9u8; 2]).into_pyobject(py)?.unbind(),
        wide.into_pyobject(py)?.unbind(),
        deque.into_pyobject(py)?.unbind(),
    ])
}

#[pyfunction]
fn vec_squares(xs: Vec<i64>) -> Vec<i64> {
    xs.iter().map(|x| x * x).collect()
}

#[pyfunction]
fn vec_words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

#[pyfunction]
fn array_rev(xs: [i32; 3]) -> [i32; 3] {
    [xs[2], xs[1], xs[0]]
}

#[pyfunction]
fn swap_pair(pair: (i64, String)) -> (String, i64) {
    (pair.1, pair.0)
}

#[pyfunction]
fn min_max(xs: Vec<i64>) -> Option<(i64, i64)> {
    Some((*xs.iter().min()?, *xs.iter().max()?))
}

#[pyfunction]
fn hashmap_invert(map: HashMap<String, i64>) -> HashMap<i64, String> {
    map.into_iter().map(|(k, v)| (v, k)).collect()
}

#[pyfunction]
fn btreemap_keys(map: BTreeMap<String, i64>) -> Vec<String> {
    map.into_keys().collect()
}

#[pyfunction]
fn btreemap_counts(text: &str) -> BTreeMap<char, usize> {
    let mut out = BTreeMap::new();
    for c in text.chars() {
        *out.entry(c).or_insert(0) += 1;
    }
    out
}

#[pyfunction]
fn hashset_unique(xs: Vec<i64>) -> HashSet<i64> {
    xs.into_iter().collect()
}

#[pyfunction]
fn hashset_len(set: HashSet<String>) -> usize {
    set.len()
}

#[pyfunction]
fn path_join(base: PathBuf, name: &str) -> PathBuf {
    base.join(name)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(bytes_sum, m)?)?;
    m.add_function(wrap_pyfunction!(bytes_as_vec, m)?)?;
    m.add_function(wrap_pyfunction!(ints_as_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(u8_array, m)?)?;
    m.add_function(wrap_pyfunction!(u8_sequences, m)?)?;
    m.add_function(wrap_pyfunction!(boxed_u8s, m)?)?;
    m.add_function(wrap_pyfunction!(vec_squares, m)?)?;
    m.add_function(wrap_pyfunction!(vec_words, m)?)?;
    m.add_function(wrap_pyfunction!(array_rev, m)?)?;
    m.add_function(wrap_pyfunction!(swap_pair, m)?)?;
    m.add_function(wrap_pyfunction!(min_max, m)?)?;
    m.add_function(wrap_pyfunction!(hashmap_invert, m)?)?;
    m.add_function(wrap_pyfunction!(btreemap_keys, m)?)?;
    m.add_function(wrap_pyfunction!(btreemap_counts, m)?)?;
    m.add_function(wrap_pyfunction!(hashset_unique, m)?)?;
    m.add_function(wrap_pyfunction!(hashset_len, m)?)?;
    m.add_function(wrap_pyfunction!(path_join, m)?)?;
    Ok(())
}

//! Nested containers, for the property tests (tests/test_properties.py).
use std::collections::{BTreeSet, HashMap, HashSet};

use ferrule::prelude::*;

#[pyfunction]
fn echo_nested_list(x: Vec<Vec<i64>>) -> Vec<Vec<i64>> {
    x
}

#[pyfunction]
fn echo_tuple_mix(x: (i64, f64, String, bool)) -> (i64, f64, String, bool) {
    x
}

#[pyfunction]
fn echo_dict_of_lists(x: HashMap<String, Vec<Option<i64>>>) -> HashMap<String, Vec<Option<i64>>> {
    x
}

#[pyfunction]
fn echo_int_set(x: HashSet<i64>) -> HashSet<i64> {
    x
}

#[pyfunction]
fn echo_str_set(x: BTreeSet<String>) -> BTreeSet<String> {
    x
}

#[pyfunction]
fn echo_deep(x: Vec<(String, HashMap<i64, Vec<(bool, f64)>>)>) -> Vec<(String, HashMap<i64, Vec<(bool, f64)>>)> {
    x
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(echo_nested_list, m)?)?;
    m.add_function(wrap_pyfunction!(echo_tuple_mix, m)?)?;
    m.add_function(wrap_pyfunction!(echo_dict_of_lists, m)?)?;
    m.add_function(wrap_pyfunction!(echo_int_set, m)?)?;
    m.add_function(wrap_pyfunction!(echo_str_set, m)?)?;
    m.add_function(wrap_pyfunction!(echo_deep, m)?)?;
    Ok(())
}

// Python code cannot mutate a `frozen` class either: no field setter on it.
use ferrule::prelude::*;

#[pyclass(frozen)]
pub struct Fixed {
    #[pyo3(get, set)] // ERROR: field `value` of frozen class `Fixed` cannot have a setter && remove `set`
    pub value: i32,
}

// What stays allowed: a getter.
#[pyclass(frozen)]
pub struct Readable {
    #[pyo3(get)]
    pub value: i32,
}

// Python code cannot mutate a `frozen` class either: no field setter on it.
use ferrule::prelude::*;

#[pyclass(frozen)]
pub struct Fixed {
    #[pyo3(get, set)]
    pub value: i32, // ERROR: field `value` of frozen class `Fixed` cannot have a setter && remove `set`
}

// What stays allowed: a getter.
#[pyclass(frozen)]
pub struct Readable {
    #[pyo3(get)]
    pub value: i32,
}

// A `&mut self` method on a `frozen` class.
use ferrule::prelude::*;

#[pyclass(frozen)]
pub struct Fixed {
    value: i32,
}

#[pymethods]
impl Fixed {
    fn bump(&mut self) { // ERROR: `bump` takes `&mut self`, but `Fixed` is `frozen`
        self.value += 1;
    }
}

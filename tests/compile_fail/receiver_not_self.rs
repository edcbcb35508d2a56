// A method's first parameter is its receiver: `self` by reference, or the object itself as
// `PyRef`, `PyRefMut`, `Bound` or `Py` of the class. Anything else cannot hold the object.
use ferrule::prelude::*;

#[pyclass]
pub struct Thing {
    value: i32,
}

#[pymethods]
impl Thing {
    fn by_number(_slf: i32) -> i32 { // ERROR: `_slf: i32` cannot be the receiver of `by_number`
        0
    }

    // What stays allowed: the object itself as the first parameter.
    fn by_pyref(slf: PyRef<'_, Self>) -> i32 {
        slf.value
    }

    fn by_bound(slf: &Bound<'_, Self>) -> i32 {
        slf.borrow().value
    }
}

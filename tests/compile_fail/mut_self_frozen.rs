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

#[pyclass(frozen)]
pub struct FixedToo {
    value: i32,
}

#[pymethods]
impl FixedToo {
    fn bump(mut slf: PyRefMut<'_, Self>) { // ERROR: `bump` takes `PyRefMut<Self>`, but `FixedToo` is `frozen`
        slf.value += 1;
    }

    // What stays allowed: shared receivers.
    fn read(&self) -> i32 {
        self.value
    }

    fn read_ref(slf: PyRef<'_, Self>) -> i32 {
        slf.value
    }
}

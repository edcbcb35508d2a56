// `get()` skips the borrow flag, so it exists only for `frozen` classes.
use ferrule::prelude::*;

#[pyclass]
pub struct Mutable {
    pub value: i32,
}

pub fn main_case(obj: &Bound<'_, Mutable>) -> i32 {
    obj.get().value // ERROR E0271: type mismatch resolving `<Mutable as PyClass>::Frozen == True`
}

pub fn through_py(obj: Py<Mutable>) -> i32 {
    obj.get().value // ERROR E0271: type mismatch resolving `<Mutable as PyClass>::Frozen == True`
}

// What stays allowed: `get()` on a `frozen` class, through `Bound` and `Py`.
#[pyclass(frozen)]
pub struct Fixed {
    pub value: i32,
}

pub fn frozen_case(obj: &Bound<'_, Fixed>, owned: Py<Fixed>) -> i32 {
    obj.get().value + owned.get().value
}

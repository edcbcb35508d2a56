// `get()` skips the borrow flag, so it exists only for `frozen` classes.
use ferrule::prelude::*;

#[pyclass]
pub struct Mutable {
    pub value: i32,
}

pub fn main_case(obj: &Bound<'_, Mutable>) -> i32 {
    obj.get().value // ERROR E0271: type mismatch resolving `<Mutable as PyClass>::Frozen == True`
}

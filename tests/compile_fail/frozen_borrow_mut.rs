// A `frozen` class hands out `&T` with no borrow flag, so no `&mut T` ever.
use ferrule::prelude::*;

#[pyclass(frozen)]
pub struct Fixed {
    pub value: i32,
}

pub fn main_case(obj: &Bound<'_, Fixed>) {
    let mut r = obj.borrow_mut(); // ERROR E0271: type mismatch resolving `<Fixed as PyClass>::Frozen == False`
    r.value = 1;
}

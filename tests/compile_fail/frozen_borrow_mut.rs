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

// A `frozen` class over a mutable base is frozen too: no `&mut` to it.
#[pyclass(subclass)]
pub struct Open {
    pub value: i32,
}

#[pyclass(frozen, extends = Open)]
pub struct FixedChild {
    pub tag: i32,
}

pub fn child_case(child: &Bound<'_, FixedChild>) {
    let _ = child.borrow_mut(); // ERROR E0271: type mismatch resolving `<FixedChild as PyClass>::Frozen == False`
}

// What stays allowed: shared access, with or without the flag.
pub fn reads(obj: &Bound<'_, Fixed>) -> i32 {
    obj.get().value + obj.borrow().value
}

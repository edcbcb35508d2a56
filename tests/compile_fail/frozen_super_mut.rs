// A mutable class over a `frozen` base: the base may be read with no flag
// (`get()`), so `as_super`/`into_super` on a `PyRefMut` must not reach it.
use ferrule::prelude::*;

#[pyclass(frozen, subclass)]
pub struct FixedBase {
    pub items: Vec<u8>,
}

#[pyclass(extends = FixedBase)]
pub struct Child {
    pub n: i32,
}

pub fn through_as_super(mut child: PyRefMut<'_, Child>) {
    let _ = child.as_super(); // ERROR E0271: type mismatch resolving `<FixedBase as PyClass>::Frozen == False`
}

pub fn through_into_super(child: PyRefMut<'_, Child>) {
    let _ = child.into_super(); // ERROR E0271: type mismatch resolving `<FixedBase as PyClass>::Frozen == False`
}

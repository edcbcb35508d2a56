// Better than PyO3 (its issue 6083): the base view of a `PyRefMut` is unsized,
// so it cannot be swapped with another object's and leave a `Child` borrow
// pointing at a plain `Base`.
use ferrule::prelude::*;

#[pyclass(subclass)]
pub struct Base {
    pub x: i32,
}

#[pyclass(extends = Base)]
pub struct Child {
    pub y: i32,
}

pub fn main_case(mut child: PyRefMut<'_, Child>, mut other: PyRefMut<'_, Child>) {
    std::mem::swap(child.as_super(), other.as_super()); // ERROR E0277: the size for values of type
}

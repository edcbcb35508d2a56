//! What the attributes check under a plain `cargo check` (no glue): a parameter or
//! result type the glue could not convert, said in the user's terms at the type.
use crate::conversion::{FromPyObject, IntoPyObject};

#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be used as a Python function argument",
    label = "no `FromPyObject` for `{Self}`",
    note = "implement `FromPyObject` for it (`#[derive(FromPyObject)]`, or make it a `#[pyclass]`), or take a type that has it"
)]
pub trait Takes<'a, 'py> {}
impl<'a, 'py, T: FromPyObject<'a, 'py>> Takes<'a, 'py> for T {}

#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be converted to a Python object",
    label = "no `IntoPyObject` for `{Self}`",
    note = "implement `IntoPyObject` for it (`#[derive(IntoPyObject)]`, or make it a `#[pyclass]`), or return a type that has it"
)]
pub trait Gives<'py> {}
impl<'py, T: IntoPyObject<'py>> Gives<'py> for T {}

pub fn takes<'a, 'py, T: Takes<'a, 'py>>() {}
pub fn gives<'py, T: Gives<'py>>() {}

//! Names Python sees for raw identifiers, and defaults written in other bases.
use pyo3::prelude::*;

/// Variants named by raw identifiers lose their `r#` in Python, before `rename_all` too.
#[pyclass(eq, eq_int)]
#[derive(PartialEq, Clone)]
pub enum Keyword {
    r#Loop,
    r#Yield,
    Plain,
}

#[pyclass(eq, eq_int, rename_all = "UPPERCASE")]
#[derive(PartialEq, Clone)]
pub enum Shouted {
    r#Await,
    Quiet,
}

/// A complex enum's raw variant is a subclass named without `r#`.
#[pyclass]
pub enum Wrapped {
    r#Box { r#in: i32 },
    Empty(),
}

/// Integer defaults written in hex, octal or binary: `inspect.signature` shows base 10, as PyO3 does.
#[pyfunction]
#[pyo3(signature = (mask = 0xff, mode = Some(0o644), bits = 0b1010_1010u8))]
pub fn perms(mask: u32, mode: Option<u32>, bits: u8) -> (u32, Option<u32>, u8) {
    (mask, mode, bits)
}

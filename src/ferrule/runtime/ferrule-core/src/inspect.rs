//! Type hints as compile-time values (feature `experimental-inspect`), with PyO3's names:
//! `FromPyObject::INPUT_TYPE`, `IntoPyObject::OUTPUT_TYPE` and `PyTypeInfo::TYPE_HINT` are
//! `PyStaticExpr`s. ferrule writes stubs from the source, so these exist for user code to
//! define and read (`to_string()` gives the Python expression).
use std::fmt::{self, Display, Formatter, Write};

/// `module.name` (or `name` for `builtins`) as a [`PyStaticExpr`](crate::inspect::PyStaticExpr).
#[macro_export]
macro_rules! type_hint_identifier {
    ("builtins", $name:expr) => {
        $crate::inspect::PyStaticExpr::Name { id: $name }
    };
    ($module:expr, $name:expr) => {
        $crate::inspect::PyStaticExpr::Attribute { value: &$crate::inspect::PyStaticExpr::Name { id: $module }, attr: $name }
    };
}

/// `a | b | ...`.
#[macro_export]
macro_rules! type_hint_union {
    ($e:expr) => { $e };
    ($first:expr, $($rest:expr),+) => {
        $crate::inspect::PyStaticExpr::BinOp {
            left: &$first,
            op: $crate::inspect::PyStaticOperator::BitOr,
            right: &$crate::type_hint_union!($($rest),+),
        }
    };
}

/// `value[a]` or `value[a, b, ...]`.
#[macro_export]
macro_rules! type_hint_subscript {
    ($value:expr, $slice:expr) => {
        $crate::inspect::PyStaticExpr::Subscript { value: &$value, slice: &$slice }
    };
    ($value:expr, $($item:expr),+) => {
        $crate::inspect::PyStaticExpr::Subscript {
            value: &$value,
            slice: &$crate::inspect::PyStaticExpr::Tuple { elts: &[$($item),+] },
        }
    };
}

pub use crate::{type_hint_identifier, type_hint_subscript, type_hint_union};

/// A Python expression (a subset of `ast.expr`) usable in `const` items.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum PyStaticExpr {
    Constant { value: PyStaticConstant },
    Name { id: &'static str },
    Attribute { value: &'static PyStaticExpr, attr: &'static str },
    BinOp { left: &'static PyStaticExpr, op: PyStaticOperator, right: &'static PyStaticExpr },
    Tuple { elts: &'static [PyStaticExpr] },
    List { elts: &'static [PyStaticExpr] },
    Subscript { value: &'static PyStaticExpr, slice: &'static PyStaticExpr },
    /// A `#[pyclass]`, shown as its expression.
    PyClass(PyClassNameStaticExpr),
}

/// A literal inside a [`PyStaticExpr`]; numbers are kept as their source text.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum PyStaticConstant {
    None,
    Bool(bool),
    Int(&'static str),
    Float(&'static str),
    Str(&'static str),
    Ellipsis,
}

#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum PyStaticOperator {
    BitOr,
}

/// A class's hint and the id that names it across modules.
#[derive(Clone, Copy, Debug)]
pub struct PyClassNameStaticExpr {
    expr: &'static PyStaticExpr,
    introspection_id: &'static str,
}

impl PyClassNameStaticExpr {
    #[doc(hidden)]
    pub const fn new(expr: &'static PyStaticExpr, introspection_id: &'static str) -> Self {
        Self { expr, introspection_id }
    }

    #[doc(hidden)]
    pub const fn introspection_id(&self) -> &'static str {
        self.introspection_id
    }

    pub const fn expr(&self) -> &'static PyStaticExpr {
        self.expr
    }
}

impl AsRef<PyStaticExpr> for PyClassNameStaticExpr {
    fn as_ref(&self) -> &PyStaticExpr {
        self.expr
    }
}

fn comma_separated(items: &[PyStaticExpr], f: &mut Formatter<'_>) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        Display::fmt(item, f)?;
    }
    Ok(())
}

impl Display for PyStaticExpr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Self::Constant { value } => Display::fmt(value, f),
            Self::Name { id } => f.write_str(id),
            Self::Attribute { value, attr } => write!(f, "{value}.{attr}"),
            Self::BinOp { left, op: PyStaticOperator::BitOr, right } => write!(f, "{left} | {right}"),
            Self::Tuple { elts } => {
                f.write_char('(')?;
                comma_separated(elts, f)?;
                f.write_str(if elts.len() == 1 { ",)" } else { ")" })
            }
            Self::List { elts } => {
                f.write_char('[')?;
                comma_separated(elts, f)?;
                f.write_char(']')
            }
            Self::Subscript { value, slice } => {
                write!(f, "{value}[")?;
                match slice {
                    Self::Tuple { elts } => comma_separated(elts, f)?, // `dict[str, int]`, not `dict[(str, int)]`
                    other => Display::fmt(other, f)?,
                }
                f.write_char(']')
            }
            Self::PyClass(class) => Display::fmt(class.expr, f),
        }
    }
}

impl Display for PyStaticConstant {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Self::None => f.write_str("None"),
            Self::Bool(b) => f.write_str(if *b { "True" } else { "False" }),
            Self::Int(text) => f.write_str(text),
            // A float written without `.` or exponent would read back as an int.
            Self::Float(text) if !text.contains(['.', 'e', 'E']) => write!(f, "{text}."),
            Self::Float(text) => f.write_str(text),
            Self::Str(text) => write!(f, "{text:?}"),
            Self::Ellipsis => f.write_str("..."),
        }
    }
}

/// What a type that says nothing more is hinted as (as in PyO3).
pub(crate) const INCOMPLETE: PyStaticExpr = type_hint_identifier!("_typeshed", "Incomplete");

pub mod area;
pub mod circle;
mod square;
mod polygon;

pub use self::polygon::*;

/// What the crate root glob-imports: one plain re-export, one renamed.
pub mod prelude {
    pub use super::circle::Circle;
    pub use super::square::Square as Sq;
}

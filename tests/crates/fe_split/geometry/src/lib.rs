//! Plain Rust geometry with its Python bindings written next to it, PyO3-style.
use pyo3::prelude::*;

pub mod shapes;

pub use shapes::Circle;

/// A point in the plane.
#[pyclass(eq)]
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    #[pyo3(get, set)]
    pub x: f64,
    #[pyo3(get, set)]
    pub y: f64,
}

#[pymethods]
impl Point {
    #[new]
    #[pyo3(signature = (x = 0.0, y = 0.0))]
    pub fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }

    /// Distance from the origin.
    pub fn norm(&self) -> f64 {
        self.x.hypot(self.y)
    }

    pub fn shifted(&self, dx: f64, dy: f64) -> Point {
        Point { x: self.x + dx, y: self.y + dy }
    }

    fn __repr__(&self) -> String {
        format!("Point({}, {})", self.x, self.y)
    }
}

/// Distance between two points.
#[pyfunction]
pub fn distance(a: &Point, b: &Point) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

/// A conversion derived in the core crate: a `(x, y)` tuple or a point-like object.
#[derive(FromPyObject)]
pub enum Coords {
    Pair(f64, f64),
    Attrs { x: f64, y: f64 },
}

/// The x of anything `Coords` reads.
#[pyfunction]
pub fn coord_x(c: Coords) -> f64 {
    match c {
        Coords::Pair(x, _) | Coords::Attrs { x, .. } => x,
    }
}

/// Rust callers use the same types without Python.
pub fn centroid(points: &[Point]) -> Point {
    let n = points.len().max(1) as f64;
    Point { x: points.iter().map(|p| p.x).sum::<f64>() / n, y: points.iter().map(|p| p.y).sum::<f64>() / n }
}

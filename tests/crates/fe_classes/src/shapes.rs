//! A complex enum: variants with fields become subclasses of the enum's class.
use ferrule::prelude::*;

/// A shape.
#[pyclass(eq)]
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Circle { radius: f64 },
    Rectangle { width: f64, height: f64 },
    Pair(i64, String),
    Nothing(),
    Blank {},
}

#[pymethods]
impl Shape {
    fn area(&self) -> f64 {
        match self {
            Shape::Circle { radius } => 3.0 * radius * radius,
            Shape::Rectangle { width, height } => width * height,
            _ => 0.0,
        }
    }

    fn describe(slf: PyRef<'_, Self>) -> String {
        format!("{:?}", *slf)
    }
}

#[pyfunction]
pub fn make_shape(kind: &str) -> Option<Shape> {
    match kind {
        "circle" => Some(Shape::Circle { radius: 2.0 }),
        "rectangle" => Some(Shape::Rectangle { width: 2.0, height: 3.0 }),
        "pair" => Some(Shape::Pair(7, "seven".to_string())),
        "nothing" => Some(Shape::Nothing()),
        "blank" => Some(Shape::Blank {}),
        _ => None,
    }
}

#[pyfunction]
pub fn shape_debug(shape: Shape) -> String {
    format!("{shape:?}")
}

#[pyfunction]
pub fn shape_new_bound(py: Python<'_>) -> PyResult<Bound<'_, Shape>> {
    Bound::new(py, Shape::Pair(1, "one".to_string()))
}

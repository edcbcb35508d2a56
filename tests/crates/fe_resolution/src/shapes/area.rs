use pyo3::prelude::*;

pub fn circle_area(radius: f64) -> f64 {
    std::f64::consts::PI * radius * radius
}

/// Sum of the areas of circles with these radii.
#[pyfunction]
pub fn total_area(radii: Vec<f64>) -> f64 {
    radii.into_iter().map(circle_area).sum()
}

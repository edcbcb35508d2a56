//! The binding crate: one module made of the core crate's classes and functions,
//! plus a function of its own over them.
use geometry::shapes::Circle;
use pyo3::prelude::*;

/// The centroid of some points, through the core crate's plain Rust API.
#[pyfunction]
fn centroid(points: Vec<geometry::Point>) -> geometry::Point {
    geometry::centroid(&points)
}

/// A mutable class over the core crate's frozen `Shape`: its borrow flag is its own.
#[pyclass(extends = geometry::shapes::Shape)]
struct Square {
    #[pyo3(get, set)]
    side: f64,
}

#[pymethods]
impl Square {
    #[new]
    fn new(side: f64) -> PyClassInitializer<Self> {
        PyClassInitializer::from(geometry::shapes::Shape::new(4)).add_subclass(Square { side })
    }

    fn grow(&mut self, by: f64) {
        self.side += by;
    }

    fn describe(slf: PyRef<'_, Self>) -> String {
        format!("{} sides of {:?}", slf.as_super().sides, slf.side)
    }
}

/// Values of each level dropped so far: (Shape, Square).
#[pyfunction]
fn drops() -> (usize, usize) {
    use std::sync::atomic::Ordering::Relaxed;
    (geometry::shapes::SHAPE_DROPS.load(Relaxed), SQUARE_DROPS.load(Relaxed))
}

static SQUARE_DROPS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

impl Drop for Square {
    fn drop(&mut self) {
        SQUARE_DROPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
}

#[pymodule]
fn fe_split(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<geometry::Point>()?;
    m.add_class::<Circle>()?;
    m.add_function(wrap_pyfunction!(geometry::distance, m)?)?;
    m.add_function(wrap_pyfunction!(geometry::coord_x, m)?)?;
    m.add_function(wrap_pyfunction!(centroid, m)?)?;
    m.add_class::<geometry::shapes::Shape>()?;
    m.add_class::<Square>()?;
    m.add_function(wrap_pyfunction!(drops, m)?)?;
    Ok(())
}

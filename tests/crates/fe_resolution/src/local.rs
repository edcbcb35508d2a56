//! Items declared inside function bodies, as PyO3 allows: seen only in their body,
//! where they shadow this module's items of the same name.
use pyo3::prelude::*;

/// This module's `shadowed`; the body of `local` declares its own.
#[pyfunction]
pub fn shadowed() -> &'static str {
    "module"
}

/// Writes a `#[pyfunction]` named by the caller, returning `value`.
macro_rules! constant_fn {
    ($name:ident, $value:expr) => {
        #[pyfunction]
        fn $name() -> i64 {
            $value
        }
    };
}

/// A plain function handed the module: its body's items are added from here.
fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // The module's macro, invoked in a body: the item is this body's.
    constant_fn!(from_module_macro, 7);
    m.add_function(wrap_pyfunction!(from_module_macro, m)?)?;
    #[pyclass]
    struct Tally {
        n: i64,
    }
    #[pymethods]
    impl Tally {
        #[new]
        fn new(start: i64) -> Self {
            Tally { n: start }
        }
        fn add(&mut self, k: i64) -> i64 {
            self.n += k;
            self.n
        }
    }
    m.add_class::<Tally>()
}

#[pymodule]
pub fn local(m: &Bound<'_, PyModule>) -> PyResult<()> {
    /// Declared in the module function's body.
    #[pyfunction]
    fn shadowed() -> &'static str {
        "body"
    }
    #[pyclass(frozen)]
    struct Pair(i64, i64);
    #[pymethods]
    impl Pair {
        #[new]
        fn new(a: i64, b: i64) -> Self {
            Pair(a, b)
        }
        fn sum(&self) -> i64 {
            self.0 + self.1
        }
    }
    pyo3::create_exception!(local, BodyError, pyo3::exceptions::PyValueError);
    #[derive(FromPyObject)]
    struct Point {
        x: i64,
        y: i64,
    }
    /// Takes any object with `x` and `y`.
    #[pyfunction]
    fn manhattan(p: Point) -> i64 {
        p.x.abs() + p.y.abs()
    }
    // A body's own macros: this `constant_fn` shadows the module's for the rest of the body.
    macro_rules! constant_fn {
        ($name:ident) => {
            #[pyfunction]
            fn $name() -> i64 {
                -1
            }
        };
    }
    macro_rules! add_functions {
        ($($f:ident),*) => { $( m.add_function(wrap_pyfunction!($f, m)?)?; )* };
    }
    constant_fn!(from_body_macro);
    add_functions!(shadowed, manhattan, from_body_macro);
    m.add_class::<Pair>()?;
    m.add("BodyError", m.py().get_type::<BodyError>())?;
    register(m)
}

/// A declarative module whose `#[pymodule_init]` declares what it adds.
#[pymodule]
pub mod local_init {
    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        #[pyfunction]
        fn twice(x: i64) -> i64 {
            x * 2
        }
        m.add_function(wrap_pyfunction!(twice, m)?)?;
        // Not shadowed here: the module's `shadowed`.
        m.add_function(wrap_pyfunction!(super::shadowed, m)?)
    }
}

//! Bindings that reach the module through `use` chains across files, one kind per file:
//! classes in `shapes/` (three files) and `extra/tools_impl.rs` reached through `use`,
//! re-exports and globs; classes, methods, functions and exceptions written by this
//! crate's `macro_rules!` in `codecs.rs`; items declared inside function bodies in
//! `local.rs`. The module is renamed: `_native`, in the package `fe_resolution`.
use pyo3::prelude::*;

mod codecs;
mod errors;
mod later;
mod local;
#[path = "extra/tools_impl.rs"]
mod tools;
mod shapes;
mod submodule;

// A glob re-export of a module that itself re-exports (one with a rename).
pub use shapes::prelude::*;
use self::tools::{measure as measure_fn, Ruler};

// A crate macro in the module function's body writing `add_class` lines.
macro_rules! add_classes {
    ($m:ident, $($class:ty),+) => {
        $( $m.add_class::<$class>()?; )+
    };
}

/// Named `_native` for Python; the library is `fe_resolution_native`.
#[pymodule]
#[pyo3(name = "_native")]
fn fe_resolution_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // `use` in the body: its names are seen in this body only.
    use crate::codecs::{Brotli as Br, *};
    m.add_class::<Br>()?;
    m.add_function(wrap_pyfunction!(triple, m)?)?;
    m.add_class::<Circle>()?;
    m.add_class::<Sq>()?;
    add_classes!(m, Ruler, shapes::Polygon);
    m.add_function(wrap_pyfunction!(measure_fn, m)?)?;
    m.add_function(wrap_pyfunction!(area_of, m)?)?;
    m.add("ShapeError", m.py().get_type::<errors::ShapeError>())?;
    m.add_wrapped(wrap_pymodule!(submodule::geometry))?;
    m.add_wrapped(wrap_pymodule!(submodule::units))?;
    m.add_wrapped(wrap_pymodule!(submodule::codecs))?;
    m.add_wrapped(wrap_pymodule!(local::local))?;
    m.add_wrapped(wrap_pymodule!(local::local_init))?;
    Ok(())
}

// Declared after its use in the module function.
use crate::shapes::area::total_area as area_of;

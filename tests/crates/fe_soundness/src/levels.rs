//! A mutable class over a frozen one (the borrow flag is the subclass's own) and a frozen class
//! over a mutable one: each level's value is dropped once, the memory freed once, the type
//! released once per object.
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use ferrule::prelude::*;

static DROPS: [AtomicUsize; 4] = [AtomicUsize::new(0), AtomicUsize::new(0), AtomicUsize::new(0), AtomicUsize::new(0)];

/// Drops so far of (FrozenBase, OverFrozen, MutableBase, FrozenOverMutable).
#[pyfunction]
pub fn level_drops() -> (usize, usize, usize, usize) {
    (DROPS[0].load(Relaxed), DROPS[1].load(Relaxed), DROPS[2].load(Relaxed), DROPS[3].load(Relaxed))
}

macro_rules! counted {
    ($ty:ty, $i:expr) => {
        impl Drop for $ty {
            fn drop(&mut self) {
                DROPS[$i].fetch_add(1, Relaxed);
            }
        }
    };
}

#[pyclass(frozen, subclass)]
pub struct FrozenBase {
    #[pyo3(get)]
    base: i64,
}
counted!(FrozenBase, 0);

#[pyclass(extends = FrozenBase)]
pub struct OverFrozen {
    #[pyo3(get, set)]
    own: i64,
}
counted!(OverFrozen, 1);

#[pymethods]
impl OverFrozen {
    #[new]
    fn new(base: i64, own: i64) -> PyClassInitializer<Self> {
        PyClassInitializer::from(FrozenBase { base }).add_subclass(OverFrozen { own })
    }

    fn sum(slf: PyRef<'_, Self>) -> i64 {
        slf.own + slf.as_super().base
    }
}

#[pyclass(subclass)]
pub struct MutableBase {
    #[pyo3(get, set)]
    count: i64,
}
counted!(MutableBase, 2);

#[pyclass(frozen, extends = MutableBase)]
pub struct FrozenOverMutable {
    #[pyo3(get)]
    label: i64,
}
counted!(FrozenOverMutable, 3);

#[pymethods]
impl FrozenOverMutable {
    #[new]
    fn new(count: i64, label: i64) -> PyClassInitializer<Self> {
        PyClassInitializer::from(MutableBase { count }).add_subclass(FrozenOverMutable { label })
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<FrozenBase>()?;
    m.add_class::<OverFrozen>()?;
    m.add_class::<MutableBase>()?;
    m.add_class::<FrozenOverMutable>()?;
    m.add_function(wrap_pyfunction!(level_drops, m)?)?;
    Ok(())
}

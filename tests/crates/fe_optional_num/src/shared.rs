//! serde on `Py<T>`, and the lock/once extensions that wait detached.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::cell::Cell;
use std::sync::{Arc, Mutex, Once, OnceLock, RwLock};
use std::time::Duration;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::{MutexExt, OnceExt, OnceLockExt, RwLockExt};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[pyclass]
pub struct Point {
    #[pyo3(get)]
    x: f64,
    #[pyo3(get)]
    y: f64,
}

#[pymethods]
impl Point {
    #[new]
    fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }
}

// Written by hand (no serde_derive): a point is the pair [x, y].
impl Serialize for Point {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.x, self.y).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Point {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (x, y) = <(f64, f64)>::deserialize(d)?;
        Ok(Point { x, y })
    }
}

fn json_error(e: serde_json::Error) -> PyErr {
    PyValueError::new_err(e.to_string())
}

#[pyfunction]
pub fn points_json(points: Vec<Py<Point>>) -> PyResult<String> {
    serde_json::to_string(&points).map_err(json_error)
}

#[pyfunction]
pub fn point_json_while_borrowed(point: Bound<'_, Point>) -> PyResult<String> {
    let _held = point.borrow_mut();
    serde_json::to_string(&point.clone().unbind()).map_err(json_error)
}

#[pyfunction]
pub fn points_from_json(text: &str) -> PyResult<Vec<Py<Point>>> {
    serde_json::from_str(text).map_err(json_error)
}

static STD_COUNTER: Mutex<i64> = Mutex::new(0);
static PL_COUNTER: parking_lot::Mutex<i64> = parking_lot::const_mutex(0);
static PL_RWLOCK: parking_lot::RwLock<i64> = parking_lot::const_rwlock(0);
static ARC_COUNTER: OnceLock<Arc<parking_lot::Mutex<i64>>> = OnceLock::new();
static ARC_RWLOCK: OnceLock<Arc<parking_lot::RwLock<i64>>> = OnceLock::new();
static STD_RWLOCK: RwLock<i64> = RwLock::new(0);
static REENTRANT: parking_lot::ReentrantMutex<Cell<i64>> = parking_lot::const_reentrant_mutex(Cell::new(0));

/// Reads, sleeps detached, writes: only mutual exclusion keeps every update.
/// A waiter blocking while attached would deadlock with the holder re-attaching.
#[pyfunction]
pub fn slow_add(py: Python<'_>, lock: &str, pause_ms: u64) -> PyResult<i64> {
    let pause = Duration::from_millis(pause_ms);
    let bump = |slot: &mut i64| {
        let seen = *slot;
        py.detach(|| std::thread::sleep(pause));
        *slot = seen + 1;
        *slot
    };
    Ok(match lock {
        "std" => bump(&mut STD_COUNTER.lock_py_attached(py).unwrap()),
        "parking_lot" => bump(&mut PL_COUNTER.lock_py_attached(py)),
        "rwlock" => bump(&mut PL_RWLOCK.write_py_attached(py)),
        "std_rwlock" => bump(&mut STD_RWLOCK.write_py_attached(py).unwrap()),
        "arc_rwlock" => {
            let shared = ARC_RWLOCK.get_or_init_py_attached(py, || Arc::new(parking_lot::RwLock::new(0)));
            bump(&mut shared.write_py_attached(py))
        }
        "reentrant" => {
            let outer = REENTRANT.lock_py_attached(py);
            // The owning thread locks again without waiting.
            let inner = REENTRANT.lock_py_attached(py);
            let mut value = inner.get();
            let seen = bump(&mut value);
            outer.set(seen);
            seen
        }
        "arc" => {
            let shared = ARC_COUNTER.get_or_init_py_attached(py, || Arc::new(parking_lot::Mutex::new(0)));
            bump(&mut shared.lock_py_attached(py))
        }
        _ => return Err(PyValueError::new_err(format!("no lock {lock}"))),
    })
}

#[pyfunction]
pub fn rwlock_value(py: Python<'_>) -> i64 {
    *PL_RWLOCK.read_py_attached(py)
}

static STD_ONCE: Once = Once::new();
static PL_ONCE: parking_lot::Once = parking_lot::Once::new();
static STD_RUNS: AtomicUsize = AtomicUsize::new(0);
static PL_RUNS: AtomicUsize = AtomicUsize::new(0);
static SLOW_VALUE: OnceLock<String> = OnceLock::new();

/// Runs a slow initialiser once (it detaches, so it must be called attached)
/// and returns how many times it ran.
#[pyfunction]
pub fn once_init(py: Python<'_>, which: &str, pause_ms: u64) -> PyResult<usize> {
    let pause = Duration::from_millis(pause_ms);
    let (once_runs, run): (&AtomicUsize, &dyn Fn(&dyn Fn())) = match which {
        "std" => (&STD_RUNS, &|f: &dyn Fn()| STD_ONCE.call_once_py_attached(py, f)),
        "parking_lot" => (&PL_RUNS, &|f: &dyn Fn()| PL_ONCE.call_once_py_attached(py, f)),
        _ => return Err(PyValueError::new_err(format!("no once {which}"))),
    };
    run(&|| {
        py.detach(|| std::thread::sleep(pause));
        once_runs.fetch_add(1, Ordering::SeqCst);
    });
    Ok(once_runs.load(Ordering::SeqCst))
}

#[pyfunction]
pub fn once_lock_value(py: Python<'_>, pause_ms: u64) -> String {
    SLOW_VALUE
        .get_or_init_py_attached(py, || {
            py.detach(|| std::thread::sleep(Duration::from_millis(pause_ms)));
            format!("made by {:?}", std::thread::current().id())
        })
        .clone()
}

use ferrule::exceptions::{PyException, PyValueError};
use ferrule::prelude::*;
use ferrule::pyclass::CompareOp;
use ferrule::types::PyType;

mod guards;
mod panicky;
mod shapes;

/// A counter.
#[pyclass(subclass)]
#[derive(Clone)]
struct Counter {
    #[pyo3(get, set)]
    count: i64,
    #[pyo3(get)]
    label: String,
}

#[pymethods]
impl Counter {
    #[new]
    #[pyo3(signature = (count=0, label="c".to_string()))]
    fn new(count: i64, label: String) -> Self {
        Counter { count, label }
    }

    /// Adds `n`.
    fn add(&mut self, n: i64) -> i64 {
        self.count += n;
        self.count
    }

    fn get(&self) -> i64 {
        self.count
    }

    fn reenter(&mut self, other: PyRef<'_, Counter>) -> i64 {
        self.count + other.count
    }

    fn via_ref(slf: PyRef<'_, Self>) -> i64 {
        slf.count
    }

    fn via_mut(mut slf: PyRefMut<'_, Self>) -> i64 {
        slf.count *= 2;
        slf.count
    }

    fn via_bound(slf: &Bound<'_, Self>) -> i64 {
        slf.borrow().count + 1
    }

    fn call_back(&self, f: &Bound<'_, PyAny>) -> PyResult<()> {
        f.call0()?;
        Ok(())
    }

    #[getter]
    fn double(&self) -> i64 {
        self.count * 2
    }

    #[getter(name)]
    fn get_the_label(&self) -> String {
        self.label.clone()
    }

    #[setter]
    fn set_name(&mut self, value: String) -> PyResult<()> {
        if value.is_empty() {
            return Err(PyValueError::new_err("empty name"));
        }
        self.label = value;
        Ok(())
    }

    #[staticmethod]
    fn twice(x: i64) -> i64 {
        x * 2
    }

    #[classmethod]
    fn kind(cls: &Bound<'_, PyType>) -> PyResult<String> {
        Ok(cls.name()?.to_string())
    }

    #[classattr]
    const LIMIT: i64 = 100;

    #[classattr]
    fn default_label() -> String {
        "c".to_string()
    }

    fn __repr__(&self) -> String {
        format!("Counter({}, {:?})", self.count, self.label)
    }
}

fn as_step(obj: &Bound<'_, PyAny>) -> PyResult<i64> {
    Ok(obj.len()? as i64)
}

#[pymethods]
impl Counter {
    fn second_block(&self) -> &'static str {
        "second"
    }

    /// Adds the length of `step` (any sized object), read by `from_py_with`.
    fn add_len(&mut self, #[pyo3(from_py_with = as_step)] step: i64) -> i64 {
        self.count += step;
        self.count
    }

    /// Adds `other`'s count: `other` is borrowed for the call.
    fn merge(&mut self, other: &Self) -> i64 {
        self.count += other.count;
        self.count
    }

    #[pyo3(signature = (other=None))]
    fn plus(&self, other: Option<&Self>) -> i64 {
        self.count + other.map_or(0, |o| o.count)
    }

    fn give_to(&self, other: &mut Counter) {
        other.count += self.count;
    }

    fn __lt__(&self, other: &Self) -> bool {
        self.count < other.count
    }
}

// Declared before `Point`: references to classes are resolved after parsing.
#[pyfunction]
fn point_sum(p: &Point) -> i32 {
    p.x + p.y
}

#[pyfunction]
#[pyo3(signature = (p=None))]
fn maybe_point(p: Option<&Point>) -> i32 {
    p.map_or(-1, |p| p.x)
}

const ORIGIN: Point = Point { x: 0, y: 0 };

// A borrowed class defaulting to a reference, evaluated only when `p` is missing.
#[pyfunction]
#[pyo3(signature = (p=&ORIGIN, scale=1))]
fn point_or_origin(p: &Point, scale: i32) -> i32 {
    (p.x + p.y) * scale
}

#[pyfunction]
fn bump(c: &mut Counter, by: i64) -> i64 {
    c.count += by;
    c.count
}

#[pyclass]
struct NoNew {
    value: i32,
}

#[pymethods]
impl NoNew {
    fn value(&self) -> i32 {
        self.value
    }
}

#[pyfunction]
fn make_no_new(value: i32) -> NoNew {
    NoNew { value }
}

#[pyfunction]
fn take_counter(c: Counter) -> i64 {
    c.count
}

#[pyfunction]
fn take_ref(c: PyRef<'_, Counter>) -> i64 {
    c.count
}

#[pyfunction]
fn take_mut(mut c: PyRefMut<'_, Counter>) {
    c.count += 1;
}

#[pyfunction]
fn take_bound(c: &Bound<'_, Counter>) -> PyResult<i64> {
    Ok(c.try_borrow()?.count)
}

#[pyfunction]
fn take_py(py: Python<'_>, c: Py<Counter>) -> i64 {
    c.borrow(py).count
}

/// An immutable point.
#[pyclass(frozen, eq, hash, str, get_all)]
#[derive(PartialEq, Eq, Hash, Clone)]
struct Point {
    x: i32,
    y: i32,
}

impl std::fmt::Display for Point {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

#[pymethods]
impl Point {
    #[new]
    fn new(x: i32, y: i32) -> Self {
        Point { x, y }
    }

    fn norm1(slf: &Bound<'_, Self>) -> i32 {
        let p = slf.get();
        p.x.abs() + p.y.abs()
    }

    #[pyo3(signature = (other=&ORIGIN))]
    fn distance1(&self, other: &Point) -> i32 {
        (self.x - other.x).abs() + (self.y - other.y).abs()
    }
}

/// `x` of a `Point`, through a `Borrowed` cast and `Borrowed::get`.
#[pyfunction]
fn borrowed_point_x(obj: &Bound<'_, PyAny>) -> PyResult<i32> {
    let point = obj.as_borrowed().cast::<Point>()?;
    Ok(point.get().x)
}

#[pyclass(eq, eq_int)]
#[derive(PartialEq, Clone, Copy)]
enum Color {
    Red,
    Green = 5,
    Blue,
}

/// `int()` and `==` with ints use the `#[repr]` integer, so discriminants past `isize` stay exact.
#[pyclass(eq, eq_int)]
#[derive(PartialEq, Clone, Copy)]
#[repr(usize)]
#[allow(clippy::enum_clike_unportable_variant)]
enum Capacity {
    Unbounded = usize::MAX,
    Tiny = 1 << 2,
}

#[pyclass(eq, eq_int, ord)]
#[derive(PartialEq, PartialOrd, Clone, Copy)]
#[repr(i8)]
enum Tilt {
    Down = -3,
    Level = 0,
    Up = 2 + 1,
}

#[pyclass(extends = PyException)]
struct MyError {
    code: i32,
}

#[pymethods]
impl MyError {
    #[new]
    fn new(code: i32) -> Self {
        MyError { code }
    }

    #[getter]
    fn code(&self) -> i32 {
        self.code
    }
}

#[pyclass(subclass)]
struct Base {
    #[pyo3(get)]
    base_value: i32,
}

#[pymethods]
impl Base {
    #[new]
    fn new(base_value: i32) -> Self {
        Base { base_value }
    }

    fn who(&self) -> &'static str {
        "base"
    }
}

#[pyclass(extends = Base, subclass)]
struct Child {
    #[pyo3(get)]
    child_value: i32,
}

#[pymethods]
impl Child {
    #[new]
    fn new(b: i32, c: i32) -> (Self, Base) {
        (Child { child_value: c }, Base { base_value: b })
    }

    fn total(slf: PyRef<'_, Self>) -> i32 {
        slf.child_value + slf.as_super().base_value
    }

    /// `who` looked up through `super(type(self), self)`.
    fn super_who(slf: &Bound<'_, Self>) -> PyResult<String> {
        slf.py_super()?.call_method0("who")?.extract()
    }

    /// The base's field through `Bound::as_super`, then by value through `into_super`.
    fn base_twice(slf: Bound<'_, Self>) -> i32 {
        let via_ref = slf.as_super().borrow().base_value;
        let base: Bound<'_, Base> = slf.into_super();
        via_ref + base.borrow().base_value
    }
}

#[pyclass(dict, weakref)]
struct Open {}

#[pymethods]
impl Open {
    #[new]
    fn new() -> Self {
        Open {}
    }
}

/// Remembers which class built it: `#[new] #[classmethod]` hands the constructor the type.
#[pyclass(subclass)]
struct Stamped {
    #[pyo3(get)]
    made_by: String,
}

#[pymethods]
impl Stamped {
    #[new]
    #[classmethod]
    fn new(cls: &Bound<'_, PyType>, suffix: &str) -> PyResult<Self> {
        Ok(Stamped { made_by: format!("{}{suffix}", cls.name()?) })
    }
}

/// The same, taking the class by value.
#[pyclass]
struct StampedOwned {
    #[pyo3(get)]
    made_by: String,
}

#[pymethods]
impl StampedOwned {
    #[new]
    #[classmethod]
    fn new(cls: Bound<'_, PyType>) -> PyResult<Self> {
        Ok(StampedOwned { made_by: cls.qualname()?.to_string() })
    }
}

#[pyclass]
struct Dropper {
    panic: bool,
    log: Py<PyAny>,
}

#[pymethods]
impl Dropper {
    #[new]
    fn new(panic: bool, log: Py<PyAny>) -> Self {
        Dropper { panic, log }
    }
}

impl Drop for Dropper {
    fn drop(&mut self) {
        Python::attach(|py| {
            let _ = self.log.bind(py).call_method1("append", ("dropped",));
        });
        if self.panic {
            panic!("drop panicked");
        }
    }
}

/// A node of a possibly cyclic graph.
#[pyclass]
struct Node {
    next: Option<Py<Node>>,
    payload: Py<PyAny>,
}

#[pymethods]
impl Node {
    #[new]
    fn new(payload: Py<PyAny>) -> Self {
        Node { next: None, payload }
    }

    fn link(&mut self, other: Py<Node>) {
        self.next = Some(other);
    }

    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        visit.call(&self.next)?;
        visit.call(&self.payload)?;
        Ok(())
    }

    fn __clear__(&mut self) {
        self.next = None;
    }
}

#[pymodule]
fn fe_classes(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Counter>()?;
    m.add_class::<NoNew>()?;
    m.add_class::<Point>()?;
    m.add_class::<Color>()?;
    m.add_class::<Capacity>()?;
    m.add_class::<Tilt>()?;
    m.add_class::<MyError>()?;
    m.add_class::<Base>()?;
    m.add_class::<Child>()?;
    m.add_class::<Open>()?;
    m.add_class::<Stamped>()?;
    m.add_class::<StampedOwned>()?;
    m.add_class::<Dropper>()?;
    m.add_class::<Node>()?;
    m.add_class::<shapes::Shape>()?;
    m.add_class::<guards::Ledger>()?;
    m.add_function(wrap_pyfunction!(guards::largest, m)?)?;
    m.add_function(wrap_pyfunction!(guards::append, m)?)?;
    m.add_class::<panicky::Panicky>()?;
    m.add_class::<panicky::PanicIter>()?;
    m.add_function(wrap_pyfunction!(shapes::make_shape, m)?)?;
    m.add_function(wrap_pyfunction!(shapes::shape_debug, m)?)?;
    m.add_function(wrap_pyfunction!(shapes::shape_new_bound, m)?)?;
    m.add_function(wrap_pyfunction!(make_no_new, m)?)?;
    m.add_function(wrap_pyfunction!(borrowed_point_x, m)?)?;
    m.add_function(wrap_pyfunction!(take_counter, m)?)?;
    m.add_function(wrap_pyfunction!(take_ref, m)?)?;
    m.add_function(wrap_pyfunction!(take_mut, m)?)?;
    m.add_function(wrap_pyfunction!(take_bound, m)?)?;
    m.add_function(wrap_pyfunction!(take_py, m)?)?;
    m.add_function(wrap_pyfunction!(point_sum, m)?)?;
    m.add_function(wrap_pyfunction!(maybe_point, m)?)?;
    m.add_function(wrap_pyfunction!(point_or_origin, m)?)?;
    m.add_function(wrap_pyfunction!(bump, m)?)?;
    let _ = CompareOp::Eq;
    Ok(())
}

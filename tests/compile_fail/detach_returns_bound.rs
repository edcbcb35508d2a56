// What `detach` returns crosses back from the detached world: a `Bound` made
// by attaching again inside it must not escape (its `Python` is gone).
use ferrule::prelude::*;
use ferrule::types::PyList;

pub fn main_case() {
    Python::attach(|py| {
        let list = py.detach(|| Python::attach(|py| PyList::empty(py))); // ERROR E0277: cannot be sent between threads safely
        let _ = list;
    });
}

// What stays allowed: an unbound `Py<T>` is `Send`, so it may be returned from `detach`.
pub fn returns_py() -> usize {
    Python::attach(|py| {
        let list: Py<PyList> = py.detach(|| Python::attach(|py| PyList::empty(py).unbind()));
        list.bind(py).len()
    })
}

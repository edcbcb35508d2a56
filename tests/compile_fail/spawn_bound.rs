// A `Bound` cannot be sent to another thread.
use ferrule::prelude::*;
use ferrule::types::PyList;

pub fn main_case() {
    Python::attach(|py| {
        let list = PyList::empty(py);
        std::thread::spawn(move || { // ERROR E0277: cannot be sent between threads safely
            drop(list);
        });
    });
}

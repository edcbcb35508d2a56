// A `Bound` is tied to the attached thread: it cannot be used inside `detach`.
use ferrule::prelude::*;
use ferrule::types::PyString;

pub fn main_case() {
    Python::attach(|py| {
        let text = PyString::new(py, "text");
        py.detach(|| { // ERROR E0277: cannot be shared between threads safely
            println!("{:?}", text);
        });
    });
}

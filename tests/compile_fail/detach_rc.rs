// `detach` runs its closure where other threads may run: what it captures must be `Send`.
use std::rc::Rc;

use ferrule::prelude::*;

pub fn main_case() {
    let shared = Rc::new(5);
    Python::attach(|py| {
        py.detach(|| *shared + 1); // ERROR E0277: cannot be shared between threads safely
    });
}

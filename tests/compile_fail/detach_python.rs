// The `Python` token proves attachment: a detached closure may not capture it.
use ferrule::prelude::*;

pub fn main_case() {
    Python::attach(|py| {
        py.detach(|| { // ERROR E0277: cannot be shared between threads safely
            let _ = py.None();
        });
    });
}

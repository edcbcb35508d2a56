// runtime features: experimental-async
// `&self` stays borrowed across `.await`, so another thread could reach a value
// that must stay on its creating thread: refused for `unsendable` classes.
use std::rc::Rc;

use ferrule::prelude::*;

#[pyclass(unsendable)]
struct Local {
    value: Rc<u8>,
}

#[pymethods]
impl Local {
    async fn read(&self) -> u8 { // ERROR: the future of `async fn read` cannot be sent between threads safely
        *self.value
    }
}

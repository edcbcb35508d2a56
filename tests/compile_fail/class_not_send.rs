// Every thread that reaches the object reaches its value: a `#[pyclass]` must
// be `Send + Sync` unless it is `unsendable`.
use std::cell::Cell;
use std::rc::Rc;

use ferrule::prelude::*;

#[pyclass]
pub struct Shared { // ERROR E0277: `Rc<Vec<u64>>` cannot be sent between threads safely && pyclass_requires_Send_and_Sync__or_pyclass_unsendable
    data: Rc<Vec<u64>>,
}

#[pyclass]
pub struct Counter { // ERROR E0277: `Cell<i64>` cannot be shared between threads safely && pyclass_requires_Send_and_Sync__or_pyclass_unsendable
    count: Cell<i64>,
}

#[pyclass(unsendable)]
pub struct Local {
    data: Rc<Vec<u64>>,
}

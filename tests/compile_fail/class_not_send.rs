// Every thread that reaches the object reaches its value: a `#[pyclass]` must
// be `Send + Sync` unless it is `unsendable`.
use std::cell::Cell;
use std::ffi::c_void;
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

// A promise of one bound does not stand for the other.
#[pyclass]
pub struct SendOnly { // ERROR E0277: `*mut c_void` cannot be shared between threads safely && pyclass_requires_Send_and_Sync__or_pyclass_unsendable
    raw: *mut c_void,
}
unsafe impl Send for SendOnly {}

#[pyclass]
pub struct SyncOnly { // ERROR E0277: `*mut c_void` cannot be sent between threads safely && pyclass_requires_Send_and_Sync__or_pyclass_unsendable
    raw: *mut c_void,
}
unsafe impl Sync for SyncOnly {}

// What stays allowed: each of these as `unsendable` (kept on its creating thread).
#[pyclass(unsendable)]
pub struct Local {
    data: Rc<Vec<u64>>,
}

#[pyclass(unsendable)]
pub struct LocalCounter {
    count: Cell<i64>,
}

#[pyclass(unsendable)]
pub struct LocalRaw {
    raw: *mut c_void,
}

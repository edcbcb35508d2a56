// A closure made into a Python function can be called after the frame that made it
// has returned: it must own what it captures (`'static`), and be `Send + Sync`.
use std::cell::Cell;
use std::rc::Rc;

use ferrule::prelude::*;
use ferrule::types::PyCFunction;

pub fn borrows_a_local(py: Python<'_>) {
    let name = String::from("local");
    let borrowed = &name; // ERROR E0597: argument requires that `name` is borrowed for `'static`
    let _ = PyCFunction::new_closure(py, None, None, move |_args, _kwargs| -> PyResult<usize> { Ok(borrowed.len()) });
}

pub fn captures_an_rc(py: Python<'_>) {
    let shared = Rc::new(5);
    let _ = PyCFunction::new_closure(py, None, None, move |_args, _kwargs| -> PyResult<i32> { Ok(*shared) }); // ERROR E0277: cannot be sent between threads safely
}

pub fn captures_a_cell(py: Python<'_>) {
    let counter = Cell::new(0);
    let _ = PyCFunction::new_closure(py, None, None, move |_args, _kwargs| -> PyResult<i32> { counter.set(counter.get() + 1); Ok(counter.get()) }); // ERROR E0277: cannot be shared between threads safely
}

// What stays allowed: a closure that owns `Send + Sync` data.
pub fn owns_its_data(py: Python<'_>) -> PyResult<()> {
    let name = String::from("owned");
    let counter = std::sync::atomic::AtomicUsize::new(0);
    let f = PyCFunction::new_closure(py, None, None, move |_args, _kwargs| -> PyResult<usize> {
        Ok(name.len() + counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    })?;
    f.call0()?;
    Ok(())
}

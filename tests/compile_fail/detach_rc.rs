// `detach` runs its closure where other threads may run: what it captures must be `Send`.
use std::rc::Rc;

use ferrule::prelude::*;

pub fn main_case() {
    let shared = Rc::new(5);
    Python::attach(|py| {
        py.detach(|| *shared + 1); // ERROR E0277: cannot be shared between threads safely
    });
}

// What stays allowed: `&T` with `T: Sync` (here a `Vec` and an `Arc`) inside `detach`.
pub fn shares_sync_data() -> usize {
    let names = vec![String::from("a"), String::from("b")];
    let counted = std::sync::Arc::new(7usize);
    Python::attach(|py| {
        let names_ref: &Vec<String> = &names;
        py.detach(|| names_ref.len() + *counted)
    })
}

// runtime features: experimental-async
// A coroutine may be resumed on another thread: its future must be `Send`.
use std::rc::Rc;

use ferrule::prelude::*;

#[pyfunction]
async fn holds_rc_across_await() -> usize { // ERROR: the future of `async fn holds_rc_across_await` cannot be sent between threads safely
    let shared = Rc::new(1);
    std::future::ready(()).await;
    *shared
}

#[pyfunction]
async fn takes_bound(obj: Bound<'_, PyAny>) -> usize { // ERROR: cannot be sent between threads safely
    obj.len().unwrap_or(0)
}

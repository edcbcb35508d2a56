// `'static` cannot be claimed for the token's lifetime: a `Bound<'static, _>`
// would outlive every attachment.
use ferrule::prelude::*;
use ferrule::types::PyList;

static mut KEPT: Option<Bound<'static, PyList>> = None;

pub fn keep<'py>(list: Bound<'py, PyList>) {
    unsafe { KEPT = Some(list) }; // ERROR: lifetime may not live long enough
}

// A `PyClassGuard` holds a borrow flag only attached threads may touch: it cannot
// cross `detach` (PyO3's guard can, its flag being atomic; ferrule's is not).
use ferrule::prelude::*;

#[pyclass]
pub struct Tally {
    n: u64,
}

pub fn main_case(tally: &Bound<'_, Tally>) -> u64 {
    let guard = PyClassGuard::try_from(tally).unwrap();
    tally.py().detach(|| guard.n) // ERROR E0277: cannot be shared between threads safely
}

//! A module whose `#[pymodule]` body panics: importing it must raise, not abort.
use ferrule::prelude::*;

#[pyfunction]
fn unreachable_fn() -> i64 {
    0
}

#[pymodule]
fn fe_panic_init(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(unreachable_fn, m)?)?;
    if std::env::var_os("FE_PANIC_INIT_PAYLOAD").is_some() {
        std::panic::panic_any(12_u8);
    }
    panic!("fe_panic_init refuses to start");
}

//! `PyClassGuard`/`PyClassGuardMut` (PyO3 0.29) as receivers and parameters.
use ferrule::prelude::*;

#[pyclass]
#[derive(Debug)]
pub struct Ledger {
    entries: Vec<i64>,
}

#[pymethods]
impl Ledger {
    #[new]
    fn new() -> Self {
        Ledger { entries: Vec::new() }
    }

    fn record(mut slf: PyClassGuardMut<'_, Self>, amount: i64) -> usize {
        slf.entries.push(amount);
        slf.entries.len()
    }

    fn total(slf: PyClassGuard<'_, Self>) -> i64 {
        slf.entries.iter().sum()
    }

    /// Calls `callback(self)` while this method still holds its shared borrow.
    fn with_borrow<'py>(slf: PyClassGuard<'_, Self>, callback: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let last = slf.map(|l| l.entries.last().unwrap_or(&0));
        let _ = *last;
        callback.call0()
    }

    /// `{:?}` of the guard, and the first entry through `map`.
    fn describe(slf: PyClassGuard<'_, Self>) -> (String, i64) {
        let text = format!("{slf:?}");
        let first = slf.map(|l| l.entries.first().unwrap_or(&0));
        (text, *first)
    }
}

/// A guard as an ordinary parameter, and one taken from a `Bound`.
#[pyfunction]
pub fn largest(ledger: PyClassGuard<'_, Ledger>, other: Bound<'_, Ledger>) -> PyResult<i64> {
    let other = PyClassGuard::try_from(&other)?;
    Ok(ledger.entries.iter().chain(other.entries.iter()).copied().max().unwrap_or(0))
}

/// Adds to a ledger through `PyClassGuardMut`, mapped onto its vector.
#[pyfunction]
pub fn append(ledger: PyClassGuardMut<'_, Ledger>, amount: i64) -> usize {
    let mut entries = ledger.map(|l| &mut l.entries);
    entries.push(amount);
    entries.len()
}

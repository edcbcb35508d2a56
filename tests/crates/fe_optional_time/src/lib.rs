//! PyO3's optional-crate conversions for dates, times and ids (features chrono, chrono-local,
//! chrono-tz, jiff-02, time, uuid), checked by tests/test_e2e_optional_time.py.
use pyo3::prelude::*;
// Each optional crate's conversions are a public module, as in PyO3 (`pyo3::conversions::chrono`).
#[allow(unused_imports)]
use pyo3::conversions::{chrono as _, chrono_tz as _, jiff as _, time as _, uuid as _};

mod chrono_fns;
mod ids;
mod jiff_fns;
mod time_fns;

#[pymodule]
fn fe_optional_time(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(chrono_fns::chrono_next_day, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::chrono_date, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::chrono_time, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::chrono_time_parts, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::chrono_naive_text, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::chrono_naive, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::chrono_utc_micros, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::chrono_utc, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::chrono_fixed_parts, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::chrono_fixed, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::chrono_offset_secs, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::chrono_offset, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::chrono_utc_zone, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::chrono_is_utc, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::chrono_delta_micros, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::chrono_delta, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::tz_wall, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::tz_parts, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::tz_name, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::tz_zone, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::local_zone, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::local_micros, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::local_at, m)?)?;
    m.add_function(wrap_pyfunction!(chrono_fns::chrono_ordinal, m)?)?;
    m.add_function(wrap_pyfunction!(ids::uuid_text, m)?)?;
    m.add_function(wrap_pyfunction!(ids::uuid_parse, m)?)?;
    m.add_function(wrap_pyfunction!(ids::uuid_version, m)?)?;
    m.add_function(wrap_pyfunction!(ids::uuid_max, m)?)?;
    m.add_function(wrap_pyfunction!(ids::uuid_nil, m)?)?;
    m.add_function(wrap_pyfunction!(jiff_fns::jiff_date_text, m)?)?;
    m.add_function(wrap_pyfunction!(jiff_fns::jiff_date, m)?)?;
    m.add_function(wrap_pyfunction!(jiff_fns::jiff_week, m)?)?;
    m.add_function(wrap_pyfunction!(jiff_fns::jiff_time_text, m)?)?;
    m.add_function(wrap_pyfunction!(jiff_fns::jiff_time, m)?)?;
    m.add_function(wrap_pyfunction!(jiff_fns::jiff_datetime_text, m)?)?;
    m.add_function(wrap_pyfunction!(jiff_fns::jiff_datetime, m)?)?;
    m.add_function(wrap_pyfunction!(jiff_fns::jiff_zoned_text, m)?)?;
    m.add_function(wrap_pyfunction!(jiff_fns::jiff_zoned, m)?)?;
    m.add_function(wrap_pyfunction!(jiff_fns::jiff_timestamp_micros, m)?)?;
    m.add_function(wrap_pyfunction!(jiff_fns::jiff_timestamp, m)?)?;
    m.add_function(wrap_pyfunction!(jiff_fns::jiff_zone_parts, m)?)?;
    m.add_function(wrap_pyfunction!(jiff_fns::jiff_zone, m)?)?;
    m.add_function(wrap_pyfunction!(jiff_fns::jiff_posix_zone, m)?)?;
    m.add_function(wrap_pyfunction!(jiff_fns::jiff_offset_secs, m)?)?;
    m.add_function(wrap_pyfunction!(jiff_fns::jiff_offset, m)?)?;
    m.add_function(wrap_pyfunction!(jiff_fns::jiff_signed_parts, m)?)?;
    m.add_function(wrap_pyfunction!(jiff_fns::jiff_signed, m)?)?;
    m.add_function(wrap_pyfunction!(jiff_fns::jiff_span_parts, m)?)?;
    m.add_function(wrap_pyfunction!(time_fns::time_date_parts, m)?)?;
    m.add_function(wrap_pyfunction!(time_fns::time_date, m)?)?;
    m.add_function(wrap_pyfunction!(time_fns::time_time_parts, m)?)?;
    m.add_function(wrap_pyfunction!(time_fns::time_time, m)?)?;
    m.add_function(wrap_pyfunction!(time_fns::time_primitive_micros, m)?)?;
    m.add_function(wrap_pyfunction!(time_fns::time_primitive, m)?)?;
    m.add_function(wrap_pyfunction!(time_fns::time_offset_parts, m)?)?;
    m.add_function(wrap_pyfunction!(time_fns::time_offset_datetime, m)?)?;
    m.add_function(wrap_pyfunction!(time_fns::time_utc_micros, m)?)?;
    m.add_function(wrap_pyfunction!(time_fns::time_utc, m)?)?;
    m.add_function(wrap_pyfunction!(time_fns::time_offset_secs, m)?)?;
    m.add_function(wrap_pyfunction!(time_fns::time_offset, m)?)?;
    m.add_function(wrap_pyfunction!(time_fns::time_duration_micros, m)?)?;
    m.add_function(wrap_pyfunction!(time_fns::time_duration, m)?)?;
    Ok(())
}

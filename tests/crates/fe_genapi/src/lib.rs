//! PyO3 API pieces: derived conversions, class options, every special-method slot, raw identifiers,
//! `async fn` bindings, `experimental-inspect`.
use pyo3::prelude::*;

mod classes;
mod coroutines;
mod derives;
mod forms;
mod names;
#[cfg(feature = "experimental-inspect")]
mod inspect;

#[pymodule]
fn fe_genapi(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(derives::point_sum, m)?)?;
    m.add_function(wrap_pyfunction!(derives::outcome, m)?)?;
    m.add_class::<derives::Stage>()?;
    m.add_function(wrap_pyfunction!(derives::gated, m)?)?;
    m.add_function(wrap_pyfunction!(derives::config_text, m)?)?;
    m.add_function(wrap_pyfunction!(derives::all_items, m)?)?;
    m.add_function(wrap_pyfunction!(derives::renamed, m)?)?;
    m.add_function(wrap_pyfunction!(derives::pair_roundtrip, m)?)?;
    m.add_function(wrap_pyfunction!(derives::meters, m)?)?;
    m.add_function(wrap_pyfunction!(derives::meters_ref, m)?)?;
    m.add_function(wrap_pyfunction!(derives::wrapped, m)?)?;
    m.add_function(wrap_pyfunction!(derives::number, m)?)?;
    m.add_function(wrap_pyfunction!(derives::shape, m)?)?;
    m.add_function(wrap_pyfunction!(derives::borrowing, m)?)?;
    m.add_function(wrap_pyfunction!(derives::generic, m)?)?;
    m.add_function(wrap_pyfunction!(derives::bounded, m)?)?;
    m.add_function(wrap_pyfunction!(derives::report, m)?)?;
    m.add_function(wrap_pyfunction!(derives::values, m)?)?;
    m.add_class::<classes::Cloned>()?;
    m.add_class::<classes::Opted>()?;
    m.add_class::<classes::Skipped>()?;
    m.add_class::<classes::NotClone>()?;
    m.add_class::<classes::Attrs>()?;
    m.add_class::<classes::Shouting>()?;
    m.add_class::<classes::Recorder>()?;
    m.add_class::<classes::SetOnly>()?;
    m.add_class::<classes::Ready>()?;
    m.add_class::<classes::Countdown>()?;
    m.add_class::<classes::Num>()?;
    m.add_class::<classes::Seq>()?;
    m.add_class::<classes::Inited>()?;
    m.add_class::<classes::Bytes3>()?;
    m.add_class::<classes::Token>()?;
    m.add_function(wrap_pyfunction!(classes::take_cloned, m)?)?;
    m.add_function(wrap_pyfunction!(classes::take_custom, m)?)?;
    m.add_class::<classes::KnowsType>()?;
    m.add_class::<classes::Shapeish>()?;
    m.add_function(wrap_pyfunction!(classes::shapeish, m)?)?;
    m.add_class::<classes::Slot>()?;
    m.add_class::<classes::Defaults>()?;
    m.add_class::<classes::Bag>()?;
    m.add_class::<forms::Die>()?;
    m.add_class::<forms::Row>()?;
    m.add_class::<forms::Index>()?;
    m.add_class::<forms::Notes>()?;
    m.add_class::<forms::Crate>()?;
    m.add_class::<forms::Tagged>()?;
    m.add_class::<forms::Parcel>()?;
    m.add_class::<forms::Origin>()?;
    m.add_class::<forms::Spelled>()?;
    m.add_class::<forms::r#Match>()?;
    m.add_class::<names::Keyword>()?;
    m.add_class::<names::Shouted>()?;
    m.add_class::<names::Wrapped>()?;
    m.add_function(wrap_pyfunction!(names::perms, m)?)?;
    m.add_function(wrap_pyfunction!(forms::gather, m)?)?;
    m.add_function(wrap_pyfunction!(forms::old_area, m)?)?;
    m.add_function(wrap_pyfunction!(forms::noticed, m)?)?;
    m.add_class::<forms::Gauge>()?;
    m.add_class::<forms::Power>()?;
    m.add_class::<forms::Letters>()?;
    m.add_class::<forms::Reading>()?;
    m.add_class::<forms::Bare>()?;
    m.add_class::<forms::Pin>()?;
    m.add_class::<forms::Signal>()?;
    m.add_function(wrap_pyfunction!(forms::signal, m)?)?;
    m.add_class::<forms::Pair2>()?;
    m.add_function(wrap_pyfunction!(forms::pair2, m)?)?;
    m.add_class::<forms::Span2>()?;
    m.add_function(wrap_pyfunction!(forms::touch_unbuildable, m)?)?;
    m.add_function(wrap_pyfunction!(forms::number_ops, m)?)?;
    m.add_function(wrap_pyfunction!(forms::c_text, m)?)?;
    m.add_function(wrap_pyfunction!(coroutines::doubled, m)?)?;
    m.add_function(wrap_pyfunction!(coroutines::detached, m)?)?;
    m.add_function(wrap_pyfunction!(coroutines::nothing, m)?)?;
    m.add_function(wrap_pyfunction!(coroutines::with_length, m)?)?;
    m.add_function(wrap_pyfunction!(coroutines::after, m)?)?;
    m.add_function(wrap_pyfunction!(coroutines::yield_then, m)?)?;
    m.add_function(wrap_pyfunction!(coroutines::fails_later, m)?)?;
    m.add_function(wrap_pyfunction!(coroutines::panics, m)?)?;
    m.add_function(wrap_pyfunction!(coroutines::until_thrown, m)?)?;
    m.add_function(wrap_pyfunction!(coroutines::count_until_cancelled, m)?)?;
    m.add_function(wrap_pyfunction!(coroutines::sum_counts, m)?)?;
    m.add_function(wrap_pyfunction!(coroutines::gather_args, m)?)?;
    m.add_class::<coroutines::Counter>()?;
    #[cfg(feature = "experimental-inspect")]
    {
        m.add_function(wrap_pyfunction!(inspect::annotated, m)?)?;
        m.add_function(wrap_pyfunction!(inspect::takes_other_module_class, m)?)?;
        m.add_function(wrap_pyfunction!(inspect::to_kelvin, m)?)?;
        m.add_function(wrap_pyfunction!(inspect::hints, m)?)?;
    }
    Ok(())
}

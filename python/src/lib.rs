//! The `tamis._tamis` extension module: tamis' stages for Python, each call releasing the GIL
//! while Rust works. The `tamis` package re-exports it with docstrings and type stubs.

mod convert;
mod dedup;
mod errors;
mod pipeline;
mod quality;
mod shards;
mod text;

use pyo3::prelude::*;

#[pymodule]
fn _tamis(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    // "debug" or "release": benchmarks refuse a debug build.
    m.add(
        "__build__",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
    )?;
    errors::register(m)?;
    m.add(
        "SHARDED_THRESHOLD",
        tamis::dedup::sharded::DEFAULT_THRESHOLD,
    )?;
    m.add_class::<text::Detection>()?;
    m.add_class::<text::Removal>()?;
    m.add_class::<pipeline::Pipeline>()?;
    m.add_class::<dedup::Deduplicator>()?;
    m.add_class::<quality::QualityFilters>()?;
    m.add_function(wrap_pyfunction!(text::normalize, m)?)?;
    m.add_function(wrap_pyfunction!(text::normalize_batch, m)?)?;
    m.add_function(wrap_pyfunction!(text::detect, m)?)?;
    m.add_function(wrap_pyfunction!(text::language_code, m)?)?;
    m.add_function(wrap_pyfunction!(text::detect_batch, m)?)?;
    m.add_function(wrap_pyfunction!(text::strip_boilerplate, m)?)?;
    m.add_function(wrap_pyfunction!(text::strip_boilerplate_batch, m)?)?;
    m.add_function(wrap_pyfunction!(text::extract_html, m)?)?;
    m.add_function(wrap_pyfunction!(text::fold, m)?)?;
    m.add_function(wrap_pyfunction!(pipeline::merge_line_tables, m)?)?;
    m.add_function(wrap_pyfunction!(shards::dedup_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(shards::dedup_cluster, m)?)?;
    m.add_function(wrap_pyfunction!(pipeline::_pipeline_from_settings, m)?)?;
    m.add_function(wrap_pyfunction!(dedup::_deduplicator_from_state, m)?)?;
    Ok(())
}

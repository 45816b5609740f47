//! The sharded near-duplicate stages from Python: `Pipeline.sign_shard`, `dedup_pairs`,
//! `dedup_cluster` and `Pipeline.filter_shard`, what `tamis.ray` schedules.

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::PyDict;

use tamis::dedup::sharded;
use tamis::io::{NamedPath, OutputFormat, OutputSpec};

use crate::convert::to_py;
use crate::errors::{config_error, to_py_err};
use crate::pipeline::{Pipeline, inputs_of, stats_to_py};

/// A band range: `(start, end)` (end excluded) or a string `"A..B"`.
fn bands_of(bands: Option<&Bound<'_, PyAny>>) -> PyResult<Option<std::ops::Range<usize>>> {
    let Some(bands) = bands else {
        return Ok(None);
    };
    if let Ok(text) = bands.extract::<String>() {
        return sharded::parse_bands(&text).map(Some).map_err(config_error);
    }
    let (start, end): (usize, usize) = bands
        .extract()
        .map_err(|_| config_error("bands: give (start, end) or \"A..B\""))?;
    if start >= end {
        return Err(config_error(format!("bands: ({start}, {end}) is empty")));
    }
    Ok(Some(start..end))
}

#[pymethods]
impl Pipeline {
    /// The LSH banding of the near-duplicate settings: `(bands, rows)`. `dedup_pairs` takes
    /// ranges of `range(bands)`; the default settings' when the pipeline has no dedup stage.
    fn dedup_banding(&self) -> (usize, usize) {
        let banding = match self.inner().config().dedup() {
            Some(dedup) => dedup.banding(),
            None => tamis::dedup::DedupConfig::default().banding(),
        };
        (banding.bands, banding.rows)
    }

    /// Signs the documents of one shard (`inputs`: a path or a list of paths, read in order)
    /// and writes the signature file to `output` (as `tamis dedup sign`); `name` is how
    /// `filter_shard` will find the shard (default: its paths). Returns `{"name",
    /// "documents", "signed", "fingerprint", "bad_records"}`.
    #[pyo3(signature = (inputs, output, *, name=None))]
    fn sign_shard<'py>(
        &self,
        py: Python<'py>,
        inputs: &Bound<'py, PyAny>,
        output: PathBuf,
        name: Option<String>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let inputs = inputs_of(inputs)?;
        let name = name.unwrap_or_else(|| sharded::default_shard_name(&inputs));
        let signed = py
            .detach(|| self.inner().sign_shard(&inputs, &name, &output, &mut ()))
            .map_err(to_py_err)?;
        let info = PyDict::new(py);
        info.set_item("name", &signed.shard.name)?;
        info.set_item("documents", signed.shard.documents)?;
        info.set_item("signed", signed.shard.signed)?;
        info.set_item("fingerprint", signed.shard.fingerprint)?;
        info.set_item("bad_records", signed.bad_records)?;
        Ok(info)
    }

    /// Writes the documents of one shard that the clusters file `clusters` keeps to `output`
    /// (as `tamis dedup filter`), and the report lines of the clusters that start in the shard
    /// to `report`. Refuses (writing nothing) a shard other than the one signed. Returns the
    /// shard's stats.
    #[pyo3(signature = (inputs, clusters, output, *, name=None, report=None, stats=None))]
    #[allow(clippy::too_many_arguments)]
    fn filter_shard<'py>(
        &self,
        py: Python<'py>,
        inputs: &Bound<'py, PyAny>,
        clusters: PathBuf,
        output: PathBuf,
        name: Option<String>,
        report: Option<PathBuf>,
        stats: Option<PathBuf>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let inputs = inputs_of(inputs)?;
        let name = name.unwrap_or_else(|| sharded::default_shard_name(&inputs));
        let jsonl = |path: PathBuf| OutputSpec {
            path: Some(path),
            format: OutputFormat::Jsonl,
        };
        let output = jsonl(output);
        let report = report.map(jsonl);
        let stats = py
            .detach(|| -> tamis::Result<_> {
                let clusters = sharded::read_shard_clusters(&clusters, &name)?;
                self.inner().filter_shard(
                    &inputs,
                    &clusters,
                    &output,
                    report.as_ref(),
                    stats.as_deref(),
                    &mut (),
                )
            })
            .map_err(to_py_err)?;
        stats_to_py(py, &stats)
    }
}

/// Merges the band keys of every shard's signature file (`signatures`, in corpus order) for
/// the bands `bands` (`(start, end)` or `"A..B"`; all by default) into candidate pairs verified
/// by the sketches, written to `output` (as `tamis dedup pairs`). Returns the counts.
#[pyfunction]
#[pyo3(signature = (signatures, output, *, bands=None))]
pub fn dedup_pairs<'py>(
    py: Python<'py>,
    signatures: Vec<PathBuf>,
    output: PathBuf,
    bands: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let bands = bands_of(bands)?;
    let pairs = py
        .detach(|| sharded::find_pairs(&signatures, bands, &output))
        .map_err(to_py_err)?;
    let counts = PyDict::new(py);
    counts.set_item("bands", (pairs.bands.start, pairs.bands.end))?;
    counts.set_item("documents", pairs.documents)?;
    counts.set_item("exact_pairs", pairs.exact_pairs)?;
    counts.set_item("verified_pairs", pairs.verified_pairs)?;
    counts.set_item("rejected_pairs", pairs.rejected_pairs)?;
    Ok(counts)
}

/// Joins the pairs of every band range (`edges`: the files of `dedup_pairs`) into clusters and
/// writes the clusters file to `output` (as `tamis dedup cluster`), the corpus's duplicates
/// report to `report`; the documents' records come from the signature files `dedup_pairs`
/// read, or `signatures` (the same, elsewhere). Returns the near-duplicate counters.
#[pyfunction]
#[pyo3(signature = (edges, output, *, report=None, signatures=None))]
pub fn dedup_cluster<'py>(
    py: Python<'py>,
    edges: Vec<PathBuf>,
    output: PathBuf,
    report: Option<PathBuf>,
    signatures: Option<Vec<PathBuf>>,
) -> PyResult<Bound<'py, PyAny>> {
    let summary = py
        .detach(|| -> tamis::Result<_> {
            let read: Vec<NamedPath<'_>> = edges
                .iter()
                .chain(signatures.iter().flatten())
                .map(|path| NamedPath::new("inputs", path))
                .collect();
            let written: Vec<NamedPath<'_>> = std::iter::once(NamedPath::new("output", &output))
                .chain(report.as_deref().map(|path| NamedPath::new("report", path)))
                .collect();
            tamis::io::check_paths(&read, &written)?;
            let clusters = sharded::cluster(&edges, signatures.as_deref(), &output)?;
            if let Some(path) = &report {
                let mut bytes = Vec::new();
                for line in &clusters.report {
                    bytes.extend_from_slice(line);
                    bytes.push(b'\n');
                }
                tamis::io::write_atomically(path, &bytes)?;
            }
            Ok(clusters.summary)
        })
        .map_err(to_py_err)?;
    let value = serde_json::to_value(&summary).map_err(|e| config_error(e.to_string()))?;
    to_py(py, &value)
}

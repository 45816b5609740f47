//! `tamis.Deduplicator`: near-duplicate detection over documents added from Python.

use std::path::PathBuf;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyTuple};
use rayon::prelude::*;
use serde_json::{Map, Value};

use tamis::Document;
use tamis::dedup::{
    DedupConfig, DedupIndex, Entry, EntryMaker, IndexEncoder, Resolution, SavedIndex, Signature,
};
use tamis::io::ReadOptions;

use crate::convert::{document, to_py, to_value};
use crate::errors::{config_error, to_py_err};

/// Near-duplicate detection (MinHash LSH, then exact verification and the template check, as
/// `tamis dedup` does): add documents, then ask for the clusters. Settings as keyword arguments:
/// `Deduplicator(threshold=0.8, num_perm=128, shingle="char", ngram=5, keep="first", …)`.
///
/// It holds, per document, its id, its signature (`num_perm` bytes) and its comparison key
/// (about the size of its text) for exact verification.
#[pyclass(module = "tamis._tamis")]
pub struct Deduplicator {
    config: DedupConfig,
    maker: EntryMaker,
    entries: Vec<Entry>,
    earlier: Option<SavedIndex>,
    /// The clusters of what was added so far, until the next addition.
    resolution: Option<Resolution>,
}

impl Deduplicator {
    fn with_config(config: DedupConfig) -> PyResult<Self> {
        config.validate().map_err(to_py_err)?;
        let maker = DedupIndex::new(&config).entry_maker();
        Ok(Deduplicator {
            config,
            maker,
            entries: Vec::new(),
            earlier: None,
            resolution: None,
        })
    }

    fn config_of(settings: Option<&Bound<'_, PyDict>>) -> PyResult<DedupConfig> {
        let value = match settings {
            Some(settings) => to_value(settings.as_any())?,
            None => Value::Object(Map::new()),
        };
        serde_json::from_value(value).map_err(|e| config_error(format!("dedup settings: {e}")))
    }

    /// The clusters of every document added so far (computed once per addition).
    fn resolved(&mut self, py: Python<'_>) -> PyResult<&Resolution> {
        if self.resolution.is_none() {
            let mut index = DedupIndex::new(&self.config);
            if let Some(earlier) = &self.earlier {
                index.against(earlier.clone());
            }
            let entries = &self.entries;
            let resolution = py
                .detach(|| -> tamis::Result<Resolution> {
                    for entry in entries {
                        index.push(entry.clone())?;
                    }
                    index.resolve()
                })
                .map_err(to_py_err)?;
            self.resolution = Some(resolution);
        }
        self.resolution
            .as_ref()
            .ok_or_else(|| PyValueError::new_err("no resolution"))
    }

    fn push(&mut self, entries: Vec<Entry>) {
        self.entries.extend(entries);
        self.resolution = None;
    }
}

/// The document of one item of `add_batch`: a dict (id, text, date) or an `(id, text)` pair.
fn item_document(
    item: &Bound<'_, PyAny>,
    position: usize,
    read: &ReadOptions,
) -> PyResult<Document> {
    if let Ok(pair) = item.cast::<PyTuple>() {
        let (id, text): (String, String) = pair
            .extract()
            .map_err(|_| PyTypeError::new_err("a pair to deduplicate is (id: str, text: str)"))?;
        return Ok(Document::new(id, text));
    }
    document(item, read, || position.to_string())
}

#[pymethods]
impl Deduplicator {
    #[new]
    #[pyo3(signature = (**settings))]
    fn new(settings: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        Self::with_config(Self::config_of(settings)?)
    }

    /// A deduplicator whose documents are also compared with those of an index saved by
    /// `save` or by `tamis dedup --save-index` (settings must match those it was saved with).
    #[staticmethod]
    #[pyo3(signature = (path, **settings))]
    fn load(path: PathBuf, settings: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let mut dedup = Self::with_config(Self::config_of(settings)?)?;
        let index_settings = DedupIndex::new(&dedup.config).settings();
        dedup.earlier =
            Some(tamis::pipeline::load_index(&path, &index_settings).map_err(to_py_err)?);
        Ok(dedup)
    }

    /// Adds one document (`date`, e.g. "2018-06", is used by `keep="newest"`).
    #[pyo3(signature = (id, text, date=None))]
    fn add(&mut self, id: String, text: String, date: Option<String>) {
        let mut doc = Document::new(id, text);
        if let Some(date) = date {
            doc.meta.insert("date".into(), Value::String(date));
        }
        let entry = self.maker.entry(&doc);
        self.push(vec![entry]);
    }

    /// Adds documents, signed in parallel: dicts with "id", "text" (and "date"), or
    /// `(id, text)` pairs.
    fn add_batch(&mut self, py: Python<'_>, docs: &Bound<'_, PyAny>) -> PyResult<()> {
        let read = ReadOptions::default();
        let start = self.entries.len();
        let docs = docs
            .try_iter()?
            .enumerate()
            .map(|(i, item)| item_document(&item?, start + i, &read))
            .collect::<PyResult<Vec<Document>>>()?;
        let maker = self.maker;
        let entries = py.detach(|| docs.par_iter().map(|doc| maker.entry(doc)).collect());
        self.push(entries);
        Ok(())
    }

    /// The clusters of near-duplicates, largest first... in the order of their first
    /// document: each a list of ids, the kept one first.
    fn clusters(&mut self, py: Python<'_>) -> PyResult<Vec<Vec<String>>> {
        let resolution = self.resolved(py)?;
        Ok(resolution
            .report()
            .map(|line| {
                std::iter::once(line.kept.to_owned())
                    .chain(line.duplicates.iter().map(|d| d.id.to_owned()))
                    .collect()
            })
            .collect())
    }

    /// Every duplicate as `(id, kept_id, similarity)`, in the order added.
    fn duplicates(&mut self, py: Python<'_>) -> PyResult<Vec<(String, String, f64)>> {
        let resolution = self.resolved(py)?;
        let mut found: Vec<(String, String, f64)> = Vec::new();
        for line in resolution.report() {
            for duplicate in &line.duplicates {
                found.push((
                    duplicate.id.to_owned(),
                    line.kept.to_owned(),
                    duplicate.similarity,
                ));
            }
        }
        let order: std::collections::HashMap<&str, usize> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        found.sort_by_key(|(id, _, _)| order.get(id.as_str()).copied().unwrap_or(usize::MAX));
        Ok(found)
    }

    /// One bool per document added, in order: True for a duplicate (to drop).
    fn duplicate_mask(&mut self, py: Python<'_>) -> PyResult<Vec<bool>> {
        let n = self.entries.len();
        let resolution = self.resolved(py)?;
        Ok((0..n).map(|i| resolution.is_duplicate(i)).collect())
    }

    /// One dict per document added, in order: the fields `tamis dedup --annotate` writes,
    /// `dup_cluster` (position of the cluster's first document; its own for a unique one),
    /// `dup_size` and `dup_kept` (id of the kept document; its own when kept or unique).
    fn annotations<'py>(&mut self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let ids: Vec<String> = self.entries.iter().map(|e| e.id.clone()).collect();
        let resolution = self.resolved(py)?;
        ids.iter()
            .enumerate()
            .map(|(i, id)| {
                let dict = PyDict::new(py);
                for (field, value) in resolution.annotation(i, id) {
                    dict.set_item(field, to_py(py, &value)?)?;
                }
                Ok(dict)
            })
            .collect()
    }

    /// What was found, as in the `dedup` section of `tamis clean --stats`.
    fn summary<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let summary = self.resolved(py)?.summary().clone();
        let value = serde_json::to_value(&summary).map_err(|e| config_error(e.to_string()))?;
        to_py(py, &value)
    }

    /// Saves the kept documents (and those of a loaded index) for a later `load` or
    /// `tamis dedup --against` (.gz/.zst compressed by name). The file appears whole or not at
    /// all.
    fn save(&mut self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        let resolution = self.resolved(py)?;
        py.detach(|| tamis::pipeline::save_index(resolution, &path))
            .map_err(to_py_err)
    }

    /// Every setting, as a dict.
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let value = serde_json::to_value(&self.config).map_err(|e| config_error(e.to_string()))?;
        to_py(py, &value)
    }

    fn __len__(&self) -> usize {
        self.entries.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Deduplicator(threshold={}, documents={}{})",
            self.config.threshold,
            self.entries.len(),
            self.earlier
                .as_ref()
                .map_or(String::new(), |e| format!(", earlier={}", e.len()))
        )
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py>> {
        let restore = py
            .import("tamis._tamis")?
            .getattr("_deduplicator_from_state")?;
        let state = encode_state(&self.entries, self.earlier.as_ref(), &self.config)?;
        Ok((restore, (self.config(py)?, PyBytes::new(py, &state))))
    }
}

/// What `__reduce__` gives pickle: the function that rebuilds, and its arguments.
type Reduced<'py> = (Bound<'py, PyAny>, (Bound<'py, PyAny>, Bound<'py, PyBytes>));

/// A deduplicator from its settings and the state `__reduce__` encoded: what unpickling calls.
#[pyfunction]
pub fn _deduplicator_from_state(
    settings: &Bound<'_, PyDict>,
    state: &[u8],
) -> PyResult<Deduplicator> {
    let mut dedup = Deduplicator::new(Some(settings))?;
    let index_settings = DedupIndex::new(&dedup.config).settings();
    let (entries, earlier) = decode_state(state, &index_settings)
        .map_err(|e| PyValueError::new_err(format!("not a pickled Deduplicator: {e}")))?;
    dedup.entries = entries;
    dedup.earlier = earlier;
    Ok(dedup)
}

fn encode_state(
    entries: &[Entry],
    earlier: Option<&SavedIndex>,
    config: &DedupConfig,
) -> PyResult<Vec<u8>> {
    let mut out = Vec::new();
    out.extend_from_slice(&(entries.len() as u64).to_le_bytes());
    for entry in entries {
        put_bytes(&mut out, entry.id.as_bytes());
        put_bytes(&mut out, entry.key.as_bytes());
        match &entry.signature {
            None => out.push(0),
            Some(signature) => {
                out.push(1);
                out.extend_from_slice(&signature.exact.to_le_bytes());
                put_bytes(&mut out, &signature.sketch);
            }
        }
        out.extend_from_slice(&(entry.length as u64).to_le_bytes());
        out.extend_from_slice(&entry.date.to_le_bytes());
    }
    match earlier {
        None => out.push(0),
        Some(index) => {
            out.push(1);
            let settings = DedupIndex::new(config).settings();
            out.extend(IndexEncoder::head(&settings));
            let mut encoder = IndexEncoder::default();
            let k = settings.slots as usize;
            for (i, id) in index.ids.iter().enumerate() {
                let sketch = &index.sketches[i * k..(i + 1) * k];
                out.extend(
                    encoder
                        .entry(id, index.exact[i], sketch)
                        .map_err(to_py_err)?,
                );
            }
            out.extend(encoder.end());
        }
    }
    Ok(out)
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// Reads what `encode_state` wrote.
fn decode_state(
    mut state: &[u8],
    settings: &tamis::dedup::IndexSettings,
) -> Result<(Vec<Entry>, Option<SavedIndex>), String> {
    fn take<'a>(state: &mut &'a [u8], n: usize) -> Result<&'a [u8], String> {
        if state.len() < n {
            return Err("truncated".into());
        }
        let (head, rest) = state.split_at(n);
        *state = rest;
        Ok(head)
    }
    fn u64_of(state: &mut &[u8]) -> Result<u64, String> {
        let bytes = take(state, 8)?;
        Ok(u64::from_le_bytes(
            bytes.try_into().map_err(|_| "truncated")?,
        ))
    }
    fn bytes_of<'a>(state: &mut &'a [u8]) -> Result<&'a [u8], String> {
        let n = usize::try_from(u64_of(state)?).map_err(|e| e.to_string())?;
        take(state, n)
    }
    fn string_of(state: &mut &[u8]) -> Result<String, String> {
        String::from_utf8(bytes_of(state)?.to_vec()).map_err(|e| e.to_string())
    }
    let count = u64_of(&mut state)?;
    let mut entries = Vec::new();
    for _ in 0..count {
        let id = string_of(&mut state)?;
        let key = string_of(&mut state)?;
        let signature = match take(&mut state, 1)?[0] {
            0 => None,
            _ => {
                let exact =
                    u128::from_le_bytes(take(&mut state, 16)?.try_into().map_err(|_| "truncated")?);
                let sketch = bytes_of(&mut state)?.to_vec().into_boxed_slice();
                Some(Signature { exact, sketch })
            }
        };
        let length = usize::try_from(u64_of(&mut state)?).map_err(|e| e.to_string())?;
        let date = u64_of(&mut state)?;
        entries.push(Entry {
            id,
            key,
            signature,
            length,
            date,
        });
    }
    let earlier = match take(&mut state, 1)?[0] {
        0 => None,
        _ => Some(
            SavedIndex::read(&mut state, "pickled index", settings).map_err(|e| e.to_string())?,
        ),
    };
    Ok((entries, earlier))
}

//! `tamis.Pipeline`: the cleaning pipeline, over dicts in memory or over files.

use std::collections::HashMap;
use std::path::PathBuf;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde_json::{Map, Value, json};

use tamis::io::{Input, NamedPath, OutputFormat, OutputSpec};
use tamis::{Config, Document, Job, Run, StageConfig, Verdict};

use crate::convert::{document, document_to_py, to_py, to_value};
use crate::errors::{config_error, to_py_err};

/// The cleaning pipeline: header, repair, language, boilerplate, minimum words, typography,
/// then near-duplicates across a batch or a run. Settings as keyword arguments, by section,
/// each editing its stage of the default pipeline:
/// `Pipeline(min_words=0, lang={"keep": ["fr"]}, dedup={"threshold": 0.7})`, or as the stages
/// of a pipeline file (`tamis config` prints one), in the order they run:
/// `Pipeline(stages=[{"type": "language", "keep": ["fr"]}, {"type": "dedup", "threshold": 0.7}])`,
/// the stages left out being off.
#[pyclass(module = "tamis._tamis", frozen)]
pub struct Pipeline {
    inner: tamis::Pipeline,
}

/// Documents read from Python, with the ids that were not strings (given back as they were).
struct Batch<'py> {
    docs: Vec<Document>,
    other_ids: HashMap<String, Bound<'py, PyAny>>,
}

impl Pipeline {
    /// The library's pipeline.
    pub fn inner(&self) -> &tamis::Pipeline {
        &self.inner
    }

    fn from_config(config: Config) -> PyResult<Self> {
        Ok(Pipeline {
            inner: tamis::Pipeline::new(config).map_err(to_py_err)?,
        })
    }

    fn config_value(&self) -> PyResult<Value> {
        serde_json::to_value(self.inner.config()).map_err(|e| config_error(e.to_string()))
    }

    /// Reads `docs` (any iterable of dicts); a document without an id gets its position.
    fn batch<'py>(&self, docs: &Bound<'py, PyAny>) -> PyResult<Batch<'py>> {
        let read = &self.inner.config().read;
        let mut batch = Batch {
            docs: Vec::new(),
            other_ids: HashMap::new(),
        };
        for (position, item) in docs.try_iter()?.enumerate() {
            let item = item?;
            let doc = document(&item, read, || position.to_string())?;
            if let Ok(dict) = item.cast::<PyDict>()
                && let Some(id) = dict.get_item(&read.id_field)?
                && !id.is_instance_of::<PyString>()
                && !id.is_none()
            {
                batch.other_ids.insert(doc.id.clone(), id);
            }
            batch.docs.push(doc);
        }
        Ok(batch)
    }

    fn to_dict<'py>(
        &self,
        py: Python<'py>,
        doc: &Document,
        other_ids: &HashMap<String, Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        document_to_py(py, doc, &self.inner.config().read, other_ids.get(&doc.id))
    }
}

/// A path, or a list of paths, as inputs.
pub fn inputs_of(inputs: &Bound<'_, PyAny>) -> PyResult<Vec<Input>> {
    let one = |obj: &Bound<'_, PyAny>| -> PyResult<Input> {
        let path: PathBuf = obj.extract().map_err(|_| {
            PyTypeError::new_err("inputs are paths (str or os.PathLike), or a list of them")
        })?;
        Ok(Input::parse(&path.to_string_lossy()))
    };
    if inputs.is_instance_of::<PyList>() || inputs.is_instance_of::<pyo3::types::PyTuple>() {
        inputs.try_iter()?.map(|item| one(&item?)).collect()
    } else {
        Ok(vec![one(inputs)?])
    }
}

fn output_format(name: &str) -> PyResult<OutputFormat> {
    match name {
        "jsonl" => Ok(OutputFormat::Jsonl),
        "txt" => Ok(OutputFormat::Txt),
        "parquet" => Ok(OutputFormat::Parquet),
        other => Err(config_error(format!(
            "output_format {other:?}: use \"jsonl\", \"parquet\" or \"txt\" (one .txt file \
             per document in the output directory)"
        ))),
    }
}

/// The `parquet_compression` argument: a codec's name.
fn parquet_compression_named(name: &str) -> PyResult<tamis::io::ParquetCompression> {
    use tamis::io::ParquetCompression;
    match name {
        "zstd" => Ok(ParquetCompression::Zstd),
        "snappy" => Ok(ParquetCompression::Snappy),
        "gzip" => Ok(ParquetCompression::Gzip),
        "lz4" => Ok(ParquetCompression::Lz4),
        "none" => Ok(ParquetCompression::None),
        other => Err(config_error(format!(
            "parquet_compression {other:?}: use \"zstd\", \"snappy\", \"gzip\", \"lz4\" or \
             \"none\""
        ))),
    }
}

fn jsonl_spec(path: PathBuf) -> OutputSpec {
    OutputSpec {
        path: Some(path),
        format: OutputFormat::Jsonl,
    }
}

#[pymethods]
impl Pipeline {
    #[new]
    #[pyo3(signature = (**settings))]
    fn new(settings: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let value = match settings {
            Some(settings) => to_value(settings.as_any())?,
            None => Value::Object(Map::new()),
        };
        // `stages=[…]`: the pipeline-file form, as `tamis config` prints it.
        let config = if value.get("stages").is_some() {
            Config::from_json(&value.to_string())
        } else {
            config_of_sections(value)
        };
        Self::from_config(config.map_err(|e| config_error(format!("pipeline settings: {e}")))?)
    }

    /// A pipeline from a pipeline file (TOML, or JSON when named .json), as `tamis clean
    /// --config FILE` reads it.
    #[staticmethod]
    fn from_file(path: PathBuf) -> PyResult<Self> {
        Self::from_config(Config::from_path(&path).map_err(to_py_err)?)
    }

    /// Every setting, as a dict: how to read and run, and `stages`, the stages in order (what
    /// `Pipeline(**settings)` takes).
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.config_value()?)
    }

    /// The pipeline as a pipeline file (TOML), as `tamis config` prints it.
    fn to_toml(&self) -> PyResult<String> {
        self.inner.config().to_toml().map_err(to_py_err)
    }

    /// Cleans one document (a dict with a text field): the cleaned dict, other keys passed
    /// through, or None when a stage drops it. Nothing is done across documents here: see
    /// `clean_batch` for repeated lines and near-duplicates.
    fn clean<'py>(
        &self,
        py: Python<'py>,
        doc: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyDict>>> {
        let batch = self.batch(PyList::new(py, [doc])?.as_any())?;
        let Some(doc) = batch.docs.into_iter().next() else {
            return Ok(None);
        };
        let processed = py.detach(|| self.inner.process(doc));
        match processed.verdict {
            Verdict::Keep(doc) => Ok(Some(self.to_dict(py, &doc, &batch.other_ids)?)),
            Verdict::Drop(_) => Ok(None),
        }
    }

    /// Runs the per-document stages on every document in parallel: one result per document,
    /// in order, None for a dropped one.
    fn process_batch<'py>(
        &self,
        py: Python<'py>,
        docs: &Bound<'py, PyAny>,
    ) -> PyResult<Vec<Option<Bound<'py, PyDict>>>> {
        let batch = self.batch(docs)?;
        let processed = py.detach(|| self.inner.process_batch(batch.docs));
        processed
            .into_iter()
            .map(|p| match p.verdict {
                Verdict::Keep(doc) => self.to_dict(py, &doc, &batch.other_ids).map(Some),
                Verdict::Drop(_) => Ok(None),
            })
            .collect()
    }

    /// Cleans a batch of documents in parallel, as `tamis clean` cleans a corpus (lines
    /// repeated across the batch, near-duplicates within it): the kept documents, in order.
    /// With `with_stats=True`, a pair `(documents, stats)`.
    #[pyo3(signature = (docs, with_stats=false))]
    fn clean_batch<'py>(
        &self,
        py: Python<'py>,
        docs: &Bound<'py, PyAny>,
        with_stats: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let batch = self.batch(docs)?;
        let cleaned = py
            .detach(|| self.inner.clean(batch.docs))
            .map_err(to_py_err)?;
        let kept = PyList::empty(py);
        for doc in &cleaned.documents {
            kept.append(self.to_dict(py, doc, &batch.other_ids)?)?;
        }
        if !with_stats {
            return Ok(kept.into_any());
        }
        let stats = stats_to_py(py, &cleaned.stats)?;
        Ok((kept, stats).into_pyobject(py)?.into_any())
    }

    /// Runs over files, as the commands do: `job="clean"` (tamis clean), `"dedup"` (tamis
    /// dedup) or `"detect"` (tamis detect). `inputs`: a path or a list of paths (files,
    /// directories, .gz/.zst). `html`: the run's report as one self-contained page.
    /// `line_table`: the merged line counts of the whole corpus (`count_lines`), for a shard.
    /// Inputs may be Parquet; `output` is Parquet when named `.parquet` (or with
    /// `output_format="parquet"`), else JSONL; `parquet_compression`: "zstd" (default),
    /// "snappy", "gzip", "lz4" or "none". `shard_documents` / `shard_size` (bytes) cut the output
    /// into numbered files (`out-00000.parquet`, …). Outputs appear together when the run
    /// succeeds. Returns the stats.
    #[pyo3(signature = (inputs, output=None, *, job="clean", report=None, explain=None, rejects=None, stats=None, save_index=None, against=None, html=None, line_table=None, output_format=None, parquet_compression="zstd", shard_documents=None, shard_size=None))]
    #[allow(clippy::too_many_arguments)]
    fn run<'py>(
        &self,
        py: Python<'py>,
        inputs: &Bound<'py, PyAny>,
        output: Option<PathBuf>,
        job: &str,
        report: Option<PathBuf>,
        explain: Option<PathBuf>,
        rejects: Option<PathBuf>,
        stats: Option<PathBuf>,
        save_index: Option<PathBuf>,
        against: Option<PathBuf>,
        html: Option<PathBuf>,
        line_table: Option<PathBuf>,
        output_format: Option<&str>,
        parquet_compression: &str,
        shard_documents: Option<u64>,
        shard_size: Option<u64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let compression = parquet_compression_named(parquet_compression)?;
        let shard =
            (shard_documents.is_some() || shard_size.is_some()).then_some(tamis::io::ShardLimit {
                documents: shard_documents,
                bytes: shard_size,
            });
        let job = match job {
            "clean" => Job::Clean,
            "dedup" => Job::Dedup,
            "detect" => Job::Detect { tsv: false },
            other => {
                return Err(config_error(format!(
                    "job {other:?}: use \"clean\", \"dedup\" or \"detect\""
                )));
            }
        };
        // Parquet for an output named .parquet, unless a format is given.
        let by_name = output
            .as_deref()
            .and_then(OutputFormat::from_path)
            .filter(|_| output_format.is_none());
        let format = match by_name {
            Some(format) => format,
            None => output_format_for(job, output_format.unwrap_or("jsonl"))?,
        };
        let inputs = inputs_of(inputs)?;
        let stats = py
            .detach(|| {
                let mut run = Run::new(&self.inner)
                    .inputs(inputs)
                    .job(job)
                    .parquet_compression(compression);
                if let Some(limit) = shard {
                    run = run.shard(limit);
                }
                if let Some(output) = output {
                    run = run.output(OutputSpec {
                        path: Some(output),
                        format,
                    });
                }
                if let Some(report) = report {
                    run = run.report(jsonl_spec(report));
                }
                if let Some(explain) = explain {
                    run = run.explain(jsonl_spec(explain));
                }
                if let Some(rejects) = rejects {
                    run = run.rejects(jsonl_spec(rejects));
                }
                if let Some(stats) = stats {
                    run = run.stats(stats);
                }
                if let Some(path) = save_index {
                    run = run.save_index(path);
                }
                if let Some(path) = against {
                    run = run.against(path);
                }
                if let Some(path) = html {
                    run = run.html(path);
                }
                if let Some(path) = line_table {
                    run = run.line_table(path);
                }
                run.execute()
            })
            .map_err(to_py_err)?;
        stats_to_py(py, &stats)
    }

    /// Cleans an Arrow table (or a record batch, a batch reader, a list of batches, anything
    /// `pyarrow.table` takes) as `tamis clean` cleans a Parquet file: the kept rows as a
    /// `pyarrow.Table`, every column with its type plus the columns tamis adds. With
    /// `with_stats=True`, a pair `(table, stats)`. Needs pyarrow (imported on the first call);
    /// the table goes through temporary Parquet files.
    #[pyo3(signature = (data, *, with_stats=false))]
    fn clean_arrow<'py>(
        &self,
        py: Python<'py>,
        data: &Bound<'py, PyAny>,
        with_stats: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let needs = |e: PyErr| {
            pyo3::exceptions::PyImportError::new_err(format!(
                "Pipeline.clean_arrow needs pyarrow (pip install pyarrow): {e}"
            ))
        };
        let pa = py.import("pyarrow").map_err(needs)?;
        let pq = py.import("pyarrow.parquet").map_err(needs)?;
        let table = arrow_table(&pa, data)?;
        let dir = tempfile::Builder::new()
            .prefix("tamis-arrow-")
            .tempdir()
            .map_err(|e| pyo3::exceptions::PyOSError::new_err(e.to_string()))?;
        let (input, output) = (
            dir.path().join("table.parquet"),
            dir.path().join("cleaned.parquet"),
        );
        if table.getattr("num_rows")?.extract::<u64>()? == 0 {
            // Nothing to clean: the table as it is (a run refuses an empty input).
            let stats = stats_to_py(py, &tamis::Stats::default())?;
            return if with_stats {
                Ok((table, stats).into_pyobject(py)?.into_any())
            } else {
                Ok(table)
            };
        }
        let kwargs = PyDict::new(py);
        kwargs.set_item("compression", "none")?;
        pq.call_method("write_table", (&table, &input), Some(&kwargs))?;
        let shown = format!("{}/", dir.path().display());
        let stats = py
            .detach(|| {
                Run::new(&self.inner)
                    .inputs([Input::Path(input.clone())])
                    .output(OutputSpec {
                        path: Some(output.clone()),
                        format: OutputFormat::Parquet,
                    })
                    .execute()
            })
            .map_err(|e| {
                // Messages name the table, not the temporary file it went through.
                let err = to_py_err(e);
                let message = err.value(py).to_string().replace(&shown, "");
                PyErr::from_type(err.get_type(py), message)
            })?;
        let cleaned = pq.call_method1("read_table", (&output,))?;
        if !with_stats {
            return Ok(cleaned);
        }
        let stats = stats_to_py(py, &stats)?;
        Ok((cleaned, stats).into_pyobject(py)?.into_any())
    }

    /// Counts the documents each line of `inputs` occurs in and writes the table to `output`
    /// (as `tamis lines count`); `merge_line_tables` adds the shards' tables up for
    /// `run(…, line_table=)`. Returns `{"documents", "distinct_lines"}`.
    fn count_lines<'py>(
        &self,
        py: Python<'py>,
        inputs: &Bound<'py, PyAny>,
        output: PathBuf,
    ) -> PyResult<Bound<'py, PyDict>> {
        let inputs = inputs_of(inputs)?;
        let table = py
            .detach(|| -> tamis::Result<_> {
                let read: Vec<NamedPath<'_>> = inputs
                    .iter()
                    .filter_map(Input::path)
                    .map(|path| NamedPath::new("inputs", path))
                    .collect();
                tamis::io::check_paths(&read, &[NamedPath::new("output", &output)])?;
                let table = self.inner.count_lines(&inputs, &mut ())?;
                tamis::io::write_atomically(&output, &table.to_bytes())?;
                Ok(table)
            })
            .map_err(to_py_err)?;
        let counts = PyDict::new(py);
        counts.set_item("documents", table.documents)?;
        counts.set_item("distinct_lines", table.counter.distinct_lines())?;
        Ok(counts)
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        let restore = py
            .import("tamis._tamis")?
            .getattr("_pipeline_from_settings")?;
        Ok((restore, (self.config(py)?,)))
    }

    fn __repr__(&self) -> PyResult<String> {
        let stages: Vec<&str> = self
            .inner
            .config()
            .stages
            .iter()
            .map(StageConfig::name)
            .collect();
        Ok(format!("Pipeline({})", stages.join(" → ")))
    }
}

/// `tamis detect` writes JSONL only here; the kept documents may also be .txt files.
/// `data` as a `pyarrow.Table`: a table as it is, a batch reader read whole, a list or iterator
/// of record batches joined, anything else as `pyarrow.table` takes it.
fn arrow_table<'py>(
    pa: &Bound<'py, PyModule>,
    data: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    if data.is_instance(&pa.getattr("Table")?)? {
        return Ok(data.clone());
    }
    if data.is_instance(&pa.getattr("RecordBatchReader")?)? {
        return data.call_method0("read_all");
    }
    let batch_type = pa.getattr("RecordBatch")?;
    let batches = data.is_instance_of::<PyList>()
        || data.is_instance_of::<pyo3::types::PyTuple>()
        || data.hasattr("__next__")?;
    if batches && let Ok(items) = data.try_iter() {
        let batches = PyList::empty(data.py());
        for item in items {
            let item = item?;
            if !item.is_instance(&batch_type)? {
                return Err(PyTypeError::new_err(format!(
                    "clean_arrow takes a pyarrow Table, RecordBatch, RecordBatchReader or \
                     record batches; found a {} among the batches",
                    item.get_type().name()?
                )));
            }
            batches.append(item)?;
        }
        return pa
            .getattr("Table")?
            .call_method1("from_batches", (batches,));
    }
    pa.call_method1("table", (data,))
}

fn output_format_for(job: Job, name: &str) -> PyResult<OutputFormat> {
    let format = output_format(name)?;
    if matches!(job, Job::Detect { .. }) && format == OutputFormat::Txt {
        return Err(config_error(
            "output_format \"txt\" is for documents; job \"detect\" writes JSONL",
        ));
    }
    Ok(format)
}

/// Adds up the line tables of shards (`Pipeline.count_lines`, `tamis lines count`) into
/// `output`, as `tamis lines merge` does. `part="I/N"` keeps the keys of one part only (a
/// large corpus is merged in N parts, then the parts merged); `min_docs` drops the lines of
/// fewer documents (safe up to the cleaning's `repeated_line_min_docs`).
#[pyfunction]
#[pyo3(signature = (tables, output, *, part=None, min_docs=0))]
pub fn merge_line_tables(
    py: Python<'_>,
    tables: Vec<PathBuf>,
    output: PathBuf,
    part: Option<&str>,
    min_docs: u32,
) -> PyResult<()> {
    let part = part
        .map(tamis::boilerplate::KeyPart::parse)
        .transpose()
        .map_err(config_error)?;
    py.detach(|| -> tamis::Result<()> {
        let read: Vec<NamedPath<'_>> = tables
            .iter()
            .map(|path| NamedPath::new("inputs", path))
            .collect();
        tamis::io::check_paths(&read, &[NamedPath::new("output", &output)])?;
        let options = tamis::pipeline::MergeLines { part, min_docs };
        let merged = tamis::pipeline::merge_line_tables_with(&tables, options)?;
        tamis::io::write_atomically(&output, &merged.to_bytes())
    })
    .map_err(to_py_err)
}

/// The pipeline of `settings` (a dict as `Pipeline.config` gives): what unpickling calls.
#[pyfunction]
pub fn _pipeline_from_settings(settings: &Bound<'_, PyDict>) -> PyResult<Pipeline> {
    Pipeline::new(Some(settings))
}

/// The keyword form of the settings: the default pipeline, each section editing its stage —
/// `lang`, `boilerplate`, `quality`, `pii`, `dedup` (dicts of settings; `{"enabled": False}`
/// leaves the stage out; `quality={}` and `pii={}` add stages not in the default pipeline), `normalize` (the repair steps), `extract_header` (bool), `min_words` (0 leaves the
/// stage out), `typography` (policy) — and how to read and run.
fn config_of_sections(value: Value) -> Result<Config, String> {
    let Value::Object(fields) = value else {
        return Err("settings are keyword arguments".into());
    };
    let mut config = Config::default();
    let mut run = Map::new();
    let boilerplate_given = fields.contains_key("boilerplate");
    for (key, value) in fields {
        match key.as_str() {
            "read" | "on_bad_input" | "threads" | "batch_documents" | "batch_bytes" => {
                run.insert(key, value);
            }
            "extract_header" => match value.as_bool() {
                Some(true) => config.set(StageConfig::Header),
                Some(false) => config.remove("header"),
                None => return Err(format!("extract_header {value}: give True or False")),
            },
            "min_words" => match value.as_u64() {
                Some(0) => config.remove("min_words"),
                Some(_) => config.set(stage_of(json!({"type": "min_words", "min_words": value}))?),
                None => return Err(format!("min_words {value}: give a whole number, 0 or more")),
            },
            "normalize" => config.set(stage_of(json!({"type": "repair", "steps": value}))?),
            "typography" => config.set(stage_of(json!({"type": "typography", "policy": value}))?),
            "lang" | "boilerplate" | "quality" | "pii" | "dedup" | "html" => {
                let kind = if key == "lang" {
                    "language"
                } else {
                    key.as_str()
                };
                let Value::Object(mut section) = value else {
                    return Err(format!("{key}: give a dict of the {kind} stage's settings"));
                };
                match section.remove("enabled") {
                    Some(Value::Bool(false)) => {
                        config.remove(kind);
                        continue;
                    }
                    None | Some(Value::Bool(true)) => {}
                    Some(other) => {
                        return Err(format!("{key}.enabled {other}: give True or False"));
                    }
                }
                let mut stage = match config.stage(kind) {
                    Some(stage) => serde_json::to_value(stage).map_err(|e| e.to_string())?,
                    None => json!({ "type": kind }),
                };
                if let Value::Object(stage) = &mut stage {
                    stage.extend(section);
                }
                config.set(stage_of(stage)?);
            }
            other => {
                return Err(format!(
                    "unknown setting {other:?}: expected read, on_bad_input, threads, \
                     batch_documents, batch_bytes, html, extract_header, normalize, lang, \
                     boilerplate, quality, min_words, typography, pii, dedup, or stages"
                ));
            }
        }
    }
    // On pages, the HTML stage's block classifier has judged every block: the line classifier
    // and the repeated-line count are off unless the boilerplate section asks for them (as
    // tamis clean does).
    if config.has("html")
        && !boilerplate_given
        && let Some(boilerplate) = config.boilerplate_mut()
    {
        boilerplate.strictness = tamis::boilerplate::Strictness::Rules;
        boilerplate.repeated_line_min_docs = 0;
    }
    let run = Config::from_json(&Value::Object(run).to_string())?;
    Ok(Config {
        stages: config.stages,
        ..run
    })
}

/// One stage from its settings (tagged by `type`), read as a pipeline file reads it.
fn stage_of(stage: Value) -> Result<StageConfig, String> {
    let mut config = Config::from_json(&json!({ "stages": [stage] }).to_string())?;
    config
        .stages
        .pop()
        .ok_or_else(|| "a stage went missing".to_owned())
}

/// The stats as a dict.
pub fn stats_to_py<'py>(py: Python<'py>, stats: &tamis::Stats) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(stats).map_err(|e| config_error(e.to_string()))?;
    to_py(py, &value)
}

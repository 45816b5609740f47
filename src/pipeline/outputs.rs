//! What a file run writes besides the documents: the checks on its outputs, `--rejects` lines,
//! boilerplate explanations, the saved index, notices about ignored files.

use crate::boilerplate::KeyPart;
use std::path::{Path, PathBuf};

use super::Pipeline;
use super::run::RunOptions;
use crate::boilerplate::{LineTable, Removal};
use crate::dedup::{IndexEncoder, IndexSettings, Resolution, SavedIndex};
use crate::error::{Conflict, Error, Result};
use crate::io::{self, BadInput, NamedPath, OutputFormat, OutputSpec, RawRecord, Ready, Sink};
use crate::stats::DropReason;

/// Where a record was read, and the record as read.
pub(super) struct Origin {
    source: String,
    line: Option<u64>,
    /// `line` numbers a Parquet file's rows.
    row: bool,
    offset: u64,
    record: String,
}

impl Origin {
    pub(super) fn of(raw: &RawRecord, text_field: &str) -> Origin {
        Origin {
            source: raw.source.display.clone(),
            line: raw.line,
            row: raw.format == io::Format::Parquet,
            offset: raw.offset,
            record: match raw.format {
                io::Format::Parquet => io::parquet_record(&raw.bytes, text_field),
                _ => String::from_utf8_lossy(&raw.bytes).into_owned(),
            },
        }
    }
}

/// The `--rejects` line of a record not written: `reason`, `id`, where it was read (when
/// known), the problem (bad input), one `extra` field, and the record as read (or held).
pub(super) fn reject_line(
    reason: DropReason,
    id: &str,
    origin: Option<&Origin>,
    problem: Option<&BadInput>,
    extra: Option<(&'static str, serde_json::Value)>,
    record: Option<&str>,
) -> Result<Vec<u8>> {
    let mut line = serde_json::Map::new();
    line.insert("reason".into(), reason.as_str().into());
    line.insert("id".into(), id.into());
    if let Some(origin) = origin {
        line.insert("source".into(), origin.source.clone().into());
        if let Some(n) = origin.line {
            let key = if origin.row { "row" } else { "line" };
            line.insert(key.into(), n.into());
        }
        // A Parquet row has no byte offset of its own: its row number says where it is.
        if !origin.row {
            line.insert("offset".into(), origin.offset.into());
        }
    }
    if let Some(problem) = problem {
        line.insert("problem".into(), problem.to_string().into());
    }
    if let Some((key, value)) = extra {
        line.insert(key.into(), value);
    }
    if let Some(record) = record.or(origin.map(|o| o.record.as_str())) {
        line.insert("record".into(), record.into());
    }
    let mut bytes =
        serde_json::to_vec(&line).map_err(|e| Error::io("rejects", std::io::Error::other(e)))?;
    bytes.push(b'\n');
    Ok(bytes)
}

impl Pipeline {
    /// Opens the documents' output; a Parquet one types its columns as the first Parquet input
    /// typed them and as tamis types the fields it adds.
    /// A `shard` limit cuts it into numbered files.
    pub(super) fn open_output(
        &self,
        spec: &OutputSpec,
        files: &[io::SourceFile],
        options: &RunOptions,
    ) -> Result<Box<dyn Sink>> {
        let compression = options.parquet_compression;
        let columns = (spec.format == OutputFormat::Parquet).then(|| self.parquet_columns(files));
        match (options.shard, &spec.path) {
            (Some(limit), Some(path)) => {
                let (path, format) = (path.clone(), spec.format);
                let open = move |n: usize| {
                    let spec = OutputSpec {
                        path: Some(io::shard_path(&path, n)),
                        format,
                    };
                    io::open_sink_typed(&spec, columns.clone(), compression)
                };
                Ok(Box::new(io::ShardedSink::new(open, limit)))
            }
            _ => io::open_sink_typed(spec, columns, compression),
        }
    }

    /// The typed columns of a Parquet output: id and text as strings, the other columns of the
    /// first Parquet input, then the fields this pipeline's stages add.
    fn parquet_columns(&self, files: &[io::SourceFile]) -> arrow_schema::SchemaRef {
        use arrow_schema::{DataType, Field, Schema};
        let read = &self.config.read;
        let mut fields = vec![
            Field::new(&read.id_field, DataType::Utf8, true),
            Field::new(&read.text_field, DataType::Utf8, true),
        ];
        let input = files
            .iter()
            .filter(|f| f.format == Some(io::Format::Parquet))
            .find_map(|f| f.path.as_deref().and_then(io::parquet_schema_of));
        if let Some(input) = input {
            for field in input.fields() {
                if field.name() != &read.id_field && field.name() != &read.text_field {
                    fields.push(field.as_ref().clone());
                }
            }
        }
        let mut add = |name: &str, data_type: DataType| {
            if !fields.iter().any(|f| f.name() == name) {
                let added = [(io::ADDED_BY_TAMIS.to_owned(), String::new())].into();
                fields.push(Field::new(name, data_type, true).with_metadata(added));
            }
        };
        if self.config.has("header") {
            add(crate::header::DATE_KEY, DataType::Utf8);
        }
        if self.config.has("language") {
            let [lang, script, confidence] = crate::lang::LANG_FIELDS;
            add(lang, DataType::Utf8);
            add(script, DataType::Utf8);
            add(confidence, DataType::Float64);
        }
        if self.annotates() {
            add("dup_cluster", DataType::UInt64);
            add("dup_size", DataType::UInt64);
            add("dup_kept", DataType::Utf8);
        }
        std::sync::Arc::new(Schema::new(fields))
    }

    /// Checks that the outputs of a run are distinct, are not inputs, and fit the job.
    pub(super) fn check_outputs(
        &self,
        output: Option<&OutputSpec>,
        options: &RunOptions,
        expanded: &io::Expanded,
        dedup: bool,
    ) -> Result<()> {
        // An index and a page are files: `-` would name a file called `-`.
        io::check_file_only("save_index", options.save_index.as_deref())?;
        io::check_file_only("html", options.html.as_deref())?;
        let index_spec = options.save_index.as_deref().map(file_spec);
        let stats_to_stdout = options.stats.as_ref().is_some_and(|p| p.as_os_str() == "-");
        if stats_to_stdout {
            // Refused now rather than after the run, should stdout be closed.
            io::stdout()?;
        }
        let stats_spec = options
            .stats
            .as_deref()
            .filter(|_| !stats_to_stdout)
            .map(file_spec);
        let html_spec = options.html.as_deref().map(file_spec);
        // Each output by the name of its setting (the binary shows its flag).
        let named: Vec<(&'static str, &OutputSpec)> = [
            ("output", output),
            ("explain", options.explain.as_ref()),
            ("report", options.report.as_ref()),
            ("save_index", index_spec.as_ref()),
            ("stats", stats_spec.as_ref()),
            ("rejects", options.rejects.as_ref()),
            ("html", html_spec.as_ref()),
        ]
        .into_iter()
        .filter_map(|(flag, spec)| spec.map(|spec| (flag, spec)))
        .collect();
        let on_stdout: Vec<&'static str> = named
            .iter()
            .filter(|(_, spec)| spec.path.is_none())
            .map(|(name, _)| *name)
            .chain(stats_to_stdout.then_some("stats"))
            .collect();
        if let [first, second, ..] = on_stdout[..] {
            return Err(Error::OutputConflict {
                first,
                second,
                conflict: Conflict::Stdout,
            });
        }
        for (name, spec) in &named {
            if let Some(path) = &spec.path
                && let Some(codec) = io::Compression::unsupported(path)
            {
                return Err(Error::config(
                    name,
                    format!(
                        "`{name}` {}: tamis cannot write {codec}; name the file .gz or .zst to \
                         compress it (gzip, zstd), or give it no compression extension",
                        path.display()
                    ),
                ));
            }
        }
        // Every file the run reads: the corpus (files and directories named), the line table,
        // and the index to deduplicate against (which `save_index` alone may replace: an index
        // that follows a growing corpus).
        let mut inputs: Vec<NamedPath<'_>> = expanded
            .files
            .iter()
            .filter_map(|f| f.path.as_deref())
            .filter(|path| !io::is_special_file(path))
            .chain(expanded.directories.iter().map(PathBuf::as_path))
            .map(|path| NamedPath::new("inputs", path))
            .collect();
        inputs.extend(
            options
                .line_table
                .as_deref()
                .map(|p| NamedPath::new("line_table", p)),
        );
        inputs.extend(
            options
                .against
                .as_deref()
                .map(|p| NamedPath::new("against", p).replaceable_by("save_index")),
        );
        let outputs: Vec<NamedPath<'_>> = named
            .iter()
            .filter_map(|(name, spec)| spec.path.as_deref().map(|p| NamedPath::new(name, p)))
            .collect();
        io::check_paths(&inputs, &outputs)?;
        if !dedup {
            for (name, given) in [
                ("report", options.report.is_some()),
                ("save_index", options.save_index.is_some()),
                ("against", options.against.is_some()),
            ] {
                if given {
                    return Err(Error::config(
                        name,
                        format!(
                            "`{name}` needs near-duplicate detection, which is off in this run"
                        ),
                    ));
                }
            }
        }
        if let Some(limit) = options.shard {
            self.check_shards(output, limit)?;
        }
        if dedup && self.annotates() {
            match output {
                None => {
                    return Err(Error::config(
                        "dedup.annotate",
                        "`dedup.annotate` adds fields to the output documents: give an `output`",
                    ));
                }
                Some(spec) if spec.format == OutputFormat::Txt => {
                    return Err(Error::config(
                        "dedup.annotate",
                        "`dedup.annotate` adds fields, which .txt output cannot hold: use JSONL \
                         output",
                    ));
                }
                Some(_) => {}
            }
        }
        Ok(())
    }
}

impl Pipeline {
    /// A sharded output needs a file name (not stdout, not a .txt directory), a limit, and no
    /// shards of an earlier run where its files go.
    fn check_shards(&self, output: Option<&OutputSpec>, limit: io::ShardLimit) -> Result<()> {
        let refuse = |problem: String| Err(Error::config("shard", problem));
        if limit.documents == Some(0) || limit.bytes == Some(0) {
            return refuse("a shard limit of 0 documents or bytes would hold nothing".into());
        }
        if limit.documents.is_none() && limit.bytes.is_none() {
            return refuse("a sharded output needs a number of documents or bytes per file".into());
        }
        let path = match output {
            Some(OutputSpec {
                path: Some(path),
                format: OutputFormat::Jsonl | OutputFormat::Parquet,
            }) => path,
            Some(OutputSpec { path: None, .. }) | None => {
                return refuse(
                    "a sharded output is written as numbered files: give the `output` a file \
                     name (out.parquet gives out-00000.parquet, out-00001.parquet, …)"
                        .into(),
                );
            }
            Some(_) => {
                return refuse(
                    ".txt output is already one file per document: it is not sharded".into(),
                );
            }
        };
        let existing = io::existing_shards(path);
        if let Some(first) = existing.first() {
            return refuse(format!(
                "directory {} already holds {} file(s) named like this output's shards ({}…): a run would \
                 replace some and leave the others beside them; remove them, or name the output \
                 differently",
                path.parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .map_or_else(|| ".".to_owned(), |p| p.display().to_string()),
                existing.len(),
                first.display()
            ));
        }
        Ok(())
    }
}

/// Writes one `{id, line, text, rule, kind[, why]}` line per removed line.
pub(super) fn write_explanations(
    id: &str,
    removals: &[Removal],
    sink: &mut dyn Sink,
) -> Result<()> {
    for removal in removals {
        let mut record = serde_json::json!({
            "id": id,
            "line": removal.line,
            "text": removal.text,
            "rule": removal.rule,
            "kind": removal.kind.as_str(),
        });
        if !removal.why.is_empty() {
            record["why"] = serde_json::json!(removal.why);
        }
        let mut line = record.to_string().into_bytes();
        line.push(b'\n');
        sink.write(id, &line)?;
    }
    Ok(())
}

/// The `--explain` line of a document a stage dropped for what it measured (the quality
/// stage's rule, value and limit): `{"id", "dropped": reason, <stage>: measure}`.
pub(super) fn write_drop_explanation(
    id: &str,
    reason: DropReason,
    (stage, detail): &(&'static str, serde_json::Value),
    sink: &mut dyn Sink,
) -> Result<()> {
    let mut record = serde_json::Map::new();
    record.insert("id".into(), id.into());
    record.insert("dropped".into(), reason.as_str().into());
    record.insert((*stage).into(), detail.clone());
    let mut line = serde_json::Value::Object(record).to_string().into_bytes();
    line.push(b'\n');
    sink.write(id, &line)
}

/// What the user is told about the files of a directory that are not read.
pub(super) fn ignored_notice(dir: &str, names: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut listed = names
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        listed.push_str(&format!(", and {} more", names.len() - SHOWN));
    }
    let (noun, verb) = if names.len() == 1 {
        ("file", "is")
    } else {
        ("files", "are")
    };
    if dir.starts_with("web pages") {
        return format!("ignored {} {noun} of {dir}: {listed}", names.len());
    }
    format!(
        "{dir}: ignored {} {noun} that {verb} neither .jsonl/.ndjson, .txt, .parquet nor web pages: \
         {listed}",
        names.len()
    )
}

/// An output file that is not a directory (the saved index, the stats).
fn file_spec(path: &Path) -> OutputSpec {
    OutputSpec {
        path: Some(path.to_path_buf()),
        format: OutputFormat::Jsonl,
    }
}

/// Where the run's stats go: a file ready to be renamed into place, or stdout once every
/// output is in place (`-`).
enum StatsOutput {
    File(Ready),
    Stdout(Vec<u8>),
}

/// Adds the stats file (when asked for) to `ready`, renames every output into place, then
/// prints the stats when they go to stdout (`-`): the end of every run.
pub(super) fn commit_with_stats(
    mut ready: io::Ready,
    stats: &crate::Stats,
    path: Option<&Path>,
) -> Result<()> {
    let mut stats_json = None;
    if let Some(path) = path {
        match write_stats(stats, path)? {
            StatsOutput::File(file) => ready.add(file),
            StatsOutput::Stdout(json) => stats_json = Some(json),
        }
    }
    ready.commit()?;
    if let Some(json) = stats_json {
        use std::io::Write;
        let mut stdout = io::stdout()?.lock();
        stdout
            .write_all(&json)
            .and_then(|()| stdout.flush())
            .map_err(|e| Error::io("-", e))?;
    }
    Ok(())
}

/// The run's stats as pretty JSON, for `path`.
fn write_stats(stats: &crate::Stats, path: &Path) -> Result<StatsOutput> {
    let mut json = serde_json::to_vec_pretty(stats)
        .map_err(|e| Error::io(path.display().to_string(), std::io::Error::other(e)))?;
    json.push(b'\n');
    if path.as_os_str() == "-" {
        Ok(StatsOutput::Stdout(json))
    } else {
        Ok(StatsOutput::File(io::write_file_ready(path, &json)?))
    }
}

/// Writes the index of `resolution`'s kept documents to `path` (compressed by its extension),
/// ready to be renamed into place with the run's other outputs.
pub(super) fn write_index(resolution: &Resolution, path: &Path) -> Result<Ready> {
    let mut sink = io::open_sink(&file_spec(path))?;
    sink.write("", &IndexEncoder::head(&resolution.index_settings()))?;
    let mut encoder = IndexEncoder::default();
    resolution
        .index_entries(|id, exact, sketch| sink.write("", &encoder.entry(id, exact, sketch)?))?;
    sink.write("", &encoder.end())?;
    sink.finish()
}

/// Saves the kept documents of `resolution` as an index at `path` (compressed by a `.gz` or
/// `.zst` name), for a later run to deduplicate against: what [`Run::save_index`](super::Run)
/// writes. The file appears whole or not at all.
pub fn save_index(resolution: &Resolution, path: &Path) -> Result<()> {
    write_index(resolution, path)?.commit()
}

/// Reads an index saved by an earlier run (decompressed by its `.gz` or `.zst` name); it must
/// have been written with `settings` (see [`DedupIndex::settings`](crate::dedup::DedupIndex)).
pub fn load_index(path: &Path, settings: &IndexSettings) -> Result<SavedIndex> {
    let display = path.display().to_string();
    let mut reader = io::open_decompressed(path)?;
    SavedIndex::read(&mut reader, &display, settings)
}

/// How [`merge_line_tables_with`] merges.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeLines {
    /// Keep the keys of this part only (of shards' complete tables): a corpus too large for
    /// one merge is merged in parts, each holding its share of the lines.
    pub part: Option<KeyPart>,
    /// Drop the lines of fewer documents than this (0 or 1: keep all). Safe at or below the
    /// `boilerplate.repeated_line_min_docs` of the cleaning, which refuses a table pruned
    /// above it.
    pub min_docs: u32,
}

/// Adds up the line tables at `paths` (each shard's, as `tamis lines count` writes them) into
/// one (as `tamis lines merge`): every table counted with the same settings.
pub fn merge_line_tables(paths: &[impl AsRef<Path>]) -> Result<LineTable> {
    merge_line_tables_with(paths, MergeLines::default())
}

/// Merges the line tables at `paths`: shards' complete tables added up (only the keys of
/// `options.part` kept, when given), or every part of one partition joined into the whole;
/// then pruned to `options.min_docs`.
pub fn merge_line_tables_with(
    paths: &[impl AsRef<Path>],
    options: MergeLines,
) -> Result<LineTable> {
    let mut merged: Option<LineTable> = None;
    let mut parts_seen: Vec<bool> = Vec::new();
    // A table given twice would count its lines twice.
    for (i, first) in paths.iter().enumerate() {
        if let Some(again) = paths[i + 1..]
            .iter()
            .find(|again| io::same_output(first.as_ref(), again.as_ref()))
        {
            return Err(Error::config(
                "tables",
                format!(
                    "{} is given twice (also as {}): its lines would be counted twice",
                    again.as_ref().display(),
                    first.as_ref().display()
                ),
            ));
        }
    }
    for path in paths {
        let path = path.as_ref();
        let display = path.display().to_string();
        let mut table = LineTable::read(&mut io::open_decompressed(path)?, &display)?;
        if let Some(part) = options.part {
            if !table.is_complete() {
                return Err(Error::BadLineTable {
                    path: display,
                    reason: "already a part or pruned: `part` takes the shards' own tables".into(),
                });
            }
            table.keep_part(part);
            table.part = KeyPart::WHOLE; // added up like a complete table, marked at the end
        }
        match &mut merged {
            None => {
                if !table.part.is_whole() {
                    parts_seen = vec![false; table.part.count as usize];
                    parts_seen[table.part.index as usize] = true;
                }
                merged = Some(table);
            }
            Some(merged) if !merged.part.is_whole() || !table.part.is_whole() => {
                join_part(merged, table, &mut parts_seen, &display)?;
            }
            Some(merged) => merged.merge(table, &display)?,
        }
    }
    let mut merged = merged.ok_or_else(|| Error::config("line_table", "no line table to merge"))?;
    if !parts_seen.is_empty() {
        let missing: Vec<String> = (0..parts_seen.len())
            .filter(|&i| !parts_seen[i])
            .map(|i| format!("{i}/{}", parts_seen.len()))
            .collect();
        if !missing.is_empty() {
            return Err(Error::config(
                "line_table",
                format!(
                    "parts {} of the line table are missing: merge every part at once",
                    missing.join(", ")
                ),
            ));
        }
        merged.part = KeyPart::WHOLE;
    }
    if let Some(part) = options.part {
        merged.part = part;
    }
    merged.prune(options.min_docs);
    Ok(merged)
}

/// Joins `table`, a part, into `merged`, another part of the same partition.
fn join_part(
    merged: &mut LineTable,
    table: LineTable,
    seen: &mut [bool],
    display: &str,
) -> Result<()> {
    let bad = |reason: &str| Error::BadLineTable {
        path: display.to_owned(),
        reason: reason.to_owned(),
    };
    let same_partition = merged.part.count == table.part.count
        && merged.max_chars == table.max_chars
        && merged.settings == table.settings
        && merged.documents == table.documents;
    if !same_partition {
        return Err(bad(
            "not a part of the same partition as the tables before it (parts are joined with the \
             other parts of one `lines merge --part I/N` of the same shards and settings)",
        ));
    }
    let index = table.part.index as usize;
    if seen[index] {
        return Err(bad("this part was given already: give each part once"));
    }
    seen[index] = true;
    merged.min_docs = merged.min_docs.max(table.min_docs);
    merged.counter.merge(table.counter);
    Ok(())
}

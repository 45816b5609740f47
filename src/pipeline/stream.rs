//! Running a pipeline over files: a reader thread streams raw records in bounded batches, the
//! workers parse and process each batch in parallel, and the results are accounted for and
//! written in input order.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::time::Instant;

use rayon::prelude::*;

use super::held::Spool;
use super::{Mode, Observer, Pipeline, Processed, Verdict, count_events};
use crate::boilerplate::{LineCounter, Removal, RepeatedLines};
use crate::dedup::{DedupIndex, Entry, EntryMaker, IndexEncoder, Resolution, SavedIndex};
use crate::document::Document;
use crate::error::{Conflict, Error, Result};
use crate::io::{
    self, BadInput, BadInputPolicy, Format, Input, OutputFormat, OutputSpec, Parsed, RawReader,
    RawRecord, Ready, RecordEncoder, Sink,
};
use crate::stats::{DropReason, Stats};

/// What a run writes and reads besides its inputs and its main output.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunOptions {
    /// One JSON line per removed boilerplate line: `{id, line, text, rule, kind}`.
    pub explain: Option<OutputSpec>,
    /// The duplicates report: one JSON line per cluster of near-duplicates.
    pub report: Option<OutputSpec>,
    /// Where to save the index of the kept documents, for a later `against`.
    pub save_index: Option<PathBuf>,
    /// An index saved by an earlier run: documents matching one of its documents are duplicates.
    pub against: Option<PathBuf>,
    /// One JSON line per document not written (bad input, dropped, duplicate) with its reason
    /// and where it was read: `{reason, id, source, line, offset, problem, record}`.
    pub rejects: Option<OutputSpec>,
    /// Where to write the run's [`Stats`] as JSON, renamed into place with the other outputs;
    /// `-` prints them on stdout at the end.
    pub stats: Option<PathBuf>,
}

/// Near-duplicate detection state during the main pass.
struct Held {
    index: DedupIndex,
    spool: Spool,
}

/// What the workers need to know besides the record.
struct PassContext<'a> {
    encoder: &'a RecordEncoder,
    mode: Mode,
    repeated: Option<&'a RepeatedLines>,
    /// Present when near-duplicate detection runs.
    signer: Option<EntryMaker>,
    /// Whether held documents need their bytes (there is an output).
    keep_bytes: bool,
    annotate: bool,
    /// Write JSONL input records as they were read (`tamis dedup`: nothing changes them).
    verbatim: bool,
    /// Keep where each record was read and its bytes, for `--rejects`.
    rejects: bool,
}

/// Batches waiting between the reader thread and the workers.
const BATCHES_IN_FLIGHT: usize = 2;

/// One raw record after parsing and processing, ready to be accounted for and written.
struct Outcome {
    problem: Option<BadInput>,
    /// Where the record was read and its bytes, when rejects are written.
    origin: Option<Box<Origin>>,
    bytes_in: u64,
    events: Vec<(&'static str, &'static str)>,
    /// The document's id and the lines the boilerplate stage removed from it.
    removals: (String, Vec<Removal>),
    fate: Fate,
}

/// Where a record was read, and the record as read.
struct Origin {
    source: String,
    line: Option<u64>,
    offset: u64,
    record: String,
}

impl Origin {
    fn of(raw: &RawRecord) -> Origin {
        Origin {
            source: raw.source.display.clone(),
            line: raw.line,
            offset: raw.offset,
            record: String::from_utf8_lossy(&raw.bytes).into_owned(),
        }
    }
}

/// The `--rejects` line of a record not written: `reason`, `id`, where it was read (when
/// known), the problem (bad input), one `extra` field, and the record as read (or held).
fn reject_line(
    reason: DropReason,
    id: &str,
    origin: Option<&Origin>,
    problem: Option<&BadInput>,
    extra: Option<(&str, serde_json::Value)>,
    record: Option<&str>,
) -> Result<Vec<u8>> {
    let mut line = serde_json::Map::new();
    line.insert("reason".into(), reason.as_str().into());
    line.insert("id".into(), id.into());
    if let Some(origin) = origin {
        line.insert("source".into(), origin.source.clone().into());
        if let Some(n) = origin.line {
            line.insert("line".into(), n.into());
        }
        line.insert("offset".into(), origin.offset.into());
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

enum Fate {
    Write(Encoded),
    /// Held until the near-duplicates are known.
    Hold(Encoded, Box<Entry>),
    Drop(DropReason),
    Fail(Error),
}

struct Encoded {
    id: String,
    bytes: Vec<u8>,
    text_len: u64,
}

impl Pipeline {
    /// How cleaned documents are written to `output`, with the configured field names.
    pub(super) fn document_encoder(&self, output: &OutputSpec) -> RecordEncoder {
        let read = &self.config.read;
        RecordEncoder::new(output.format, &read.id_field, &read.text_field)
    }

    /// Checks that the outputs of a run are distinct, are not inputs, and fit the mode.
    fn check_outputs(
        &self,
        output: Option<&OutputSpec>,
        options: &RunOptions,
        expanded: &io::Expanded,
        dedup: bool,
    ) -> Result<()> {
        let index_spec = options.save_index.as_deref().map(file_spec);
        let stats_to_stdout = options.stats.as_ref().is_some_and(|p| p.as_os_str() == "-");
        let stats_spec = options
            .stats
            .as_deref()
            .filter(|_| !stats_to_stdout)
            .map(file_spec);
        // Each output by the name of its setting (the binary shows its flag).
        let named: Vec<(&'static str, &OutputSpec)> = [
            ("output", output),
            ("explain", options.explain.as_ref()),
            ("report", options.report.as_ref()),
            ("save_index", index_spec.as_ref()),
            ("stats", stats_spec.as_ref()),
            ("rejects", options.rejects.as_ref()),
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
        for (i, (name, spec)) in named.iter().enumerate() {
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
            io::check_output_not_input(spec, expanded)?;
            for (other, other_spec) in &named[i + 1..] {
                if let (Some(a), Some(b)) = (&spec.path, &other_spec.path)
                    && io::same_output(a, b)
                {
                    return Err(Error::OutputConflict {
                        first: name,
                        second: other,
                        conflict: Conflict::SameFile(a.display().to_string()),
                    });
                }
            }
        }
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
        if dedup && self.config.dedup.annotate {
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

    pub(super) fn run_with(
        &self,
        inputs: &[Input],
        output: Option<&OutputSpec>,
        options: &RunOptions,
        encoder: &RecordEncoder,
        mode: Mode,
        observer: &mut dyn Observer,
    ) -> Result<Stats> {
        let started = Instant::now();
        let mut expanded = io::expand_inputs(inputs, self.config.read.format)?;
        let dedup = self.config.dedup.enabled && mode != Mode::Detect;
        // The sinks create missing parent directories, so the paths are comparable only after.
        let mut sink = output.map(io::open_sink).transpose()?;
        let mut explain_sink = options.explain.as_ref().map(io::open_sink).transpose()?;
        let report_sink = options.report.as_ref().map(io::open_sink).transpose()?;
        let mut rejects_sink = options.rejects.as_ref().map(io::open_sink).transpose()?;
        self.check_outputs(output, options, &expanded, dedup)?;
        let mut held = if dedup {
            let mut index = DedupIndex::new(&self.config.dedup);
            if let Some(path) = &options.against {
                let display = path.display().to_string();
                let mut reader = io::open_decompressed(path)?;
                index.against(SavedIndex::read(&mut reader, &display, &index.settings())?);
            }
            Some(Held {
                index,
                spool: Spool::new()?,
            })
        } else {
            None
        };
        for (dir, names) in &expanded.ignored {
            observer.notice(&ignored_notice(dir, names));
        }
        let mut stats = Stats::default();
        // Counting repeated lines reads the input twice: stdin and pipes are copied to
        // temporary files, which live until the end of the run.
        let main_phase = if dedup && mode == Mode::Clean {
            "cleaning and signing"
        } else if dedup {
            "signing"
        } else {
            "cleaning"
        };
        let (repeated, _spooled) = if mode == Mode::Clean && self.counts_repeated_lines() {
            let spooled = io::spool_once_inputs(&mut expanded.files)?;
            observer.start(total_size(&expanded.files));
            observer.phase("counting repeated lines");
            let repeated =
                self.count_repeated_lines(expanded.files.clone(), &mut stats, observer)?;
            observer.phase(main_phase);
            (Some(repeated), Some(spooled))
        } else {
            observer.start(total_size(&expanded.files));
            observer.phase(main_phase);
            (None, None)
        };

        if let (Some(header), Some(sink)) = (encoder.header(), sink.as_mut()) {
            sink.write("", &header)?;
        }
        let reader = RawReader::new(expanded.files);
        let bytes_read = reader.raw_bytes_read();
        let empty_inputs = reader.empty_inputs();
        let mut first_problem: Option<String> = None;
        let context = PassContext {
            encoder,
            mode,
            repeated: repeated.as_ref(),
            signer: held.as_ref().map(|h| h.index.entry_maker()),
            keep_bytes: output.is_some(),
            verbatim: mode == Mode::PassThrough
                && !self.config.dedup.annotate
                && output.is_some_and(|spec| spec.format == OutputFormat::Jsonl),
            annotate: self.config.dedup.annotate,
            rejects: rejects_sink.is_some(),
        };
        std::thread::scope(|scope| -> Result<()> {
            let (sender, batches) = sync_channel(BATCHES_IN_FLIGHT);
            let (max_docs, max_bytes) = (self.config.batch_documents, self.config.batch_bytes);
            scope.spawn(move || send_batches(reader, &sender, max_docs, max_bytes));
            // The workers process a batch while this thread accounts for the one before.
            let mut account_batch = |outcomes: Vec<Outcome>| -> Result<()> {
                for outcome in outcomes {
                    if first_problem.is_none()
                        && let Some(problem) = &outcome.problem
                        && problem.drops_record()
                    {
                        first_problem = Some(problem.to_string());
                    }
                    if let Some(explain) = explain_sink.as_mut() {
                        write_explanations(&outcome.removals, explain.as_mut())?;
                    }
                    self.account(
                        outcome,
                        &mut stats,
                        sink.as_mut(),
                        rejects_sink.as_mut(),
                        held.as_mut(),
                        observer,
                    )?;
                }
                observer.progress(bytes_read.load(Ordering::Relaxed), &stats);
                Ok(())
            };
            let mut previous: Option<Vec<Outcome>> = None;
            for batch in batches {
                let batch = batch?;
                let context = &context;
                let working = scope.spawn(move || {
                    self.pool.install(|| {
                        batch
                            .into_par_iter()
                            .map(|raw| self.process_raw(raw, context))
                            .collect::<Vec<Outcome>>()
                    })
                });
                if let Some(outcomes) = previous.take() {
                    account_batch(outcomes)?;
                }
                previous = Some(
                    working
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                );
            }
            account_batch(previous.unwrap_or_default())?;
            Ok(())
        })?;
        let bad = stats.dropped.get(DropReason::BadRecord.as_str()).copied();
        if bad.is_some_and(|bad| bad == stats.documents_in) {
            return Err(Error::NothingReadable {
                count: stats.documents_in,
                first: first_problem.unwrap_or_default(),
            });
        }
        let empty_inputs = std::mem::take(
            &mut *empty_inputs
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        for path in &empty_inputs {
            observer.notice(&format!("{path}: input is empty (no documents); skipped"));
        }
        if !empty_inputs.is_empty() {
            stats.count_stage("inputs", "empty", empty_inputs.len() as u64);
        }
        // Every output is complete under its temporary name before any is renamed into place.
        let mut ready = Ready::default();
        if let Some(held) = held {
            ready.add(self.write_held(
                held,
                encoder,
                sink.as_mut(),
                rejects_sink.as_mut(),
                report_sink,
                options,
                &mut stats,
                observer,
            )?);
        }
        if let Some(sink) = sink {
            ready.add(sink.finish()?);
        }
        if let Some(explain) = explain_sink {
            ready.add(explain.finish()?);
        }
        if let Some(rejects) = rejects_sink {
            ready.add(rejects.finish()?);
        }
        stats.seconds = started.elapsed().as_secs_f64();
        let mut stats_json = None;
        if let Some(path) = &options.stats {
            let mut json = serde_json::to_vec_pretty(&stats)
                .map_err(|e| Error::io(path.display().to_string(), std::io::Error::other(e)))?;
            json.push(b'\n');
            if path.as_os_str() == "-" {
                stats_json = Some(json);
            } else {
                ready.add(io::write_ready(path, &json, true)?);
            }
        }
        ready.commit()?;
        if let Some(json) = stats_json {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&json)
                .and_then(|()| stdout.flush())
                .map_err(|e| Error::io("-", e))?;
        }
        Ok(stats)
    }

    /// After the main pass: finds the clusters, writes the held documents that are kept (or
    /// every one, annotated), the report and the index; hands back the report and the index
    /// ready to be renamed into place.
    #[allow(clippy::too_many_arguments)]
    fn write_held(
        &self,
        held: Held,
        encoder: &RecordEncoder,
        mut sink: Option<&mut Box<dyn Sink>>,
        mut rejects: Option<&mut Box<dyn Sink>>,
        report: Option<Box<dyn Sink>>,
        options: &RunOptions,
        stats: &mut Stats,
        observer: &mut dyn Observer,
    ) -> Result<Ready> {
        observer.phase("finding near-duplicates");
        let Held { index, spool } = held;
        let resolution = self.pool.install(|| index.resolve())?;
        stats.dedup = Some(resolution.summary().clone());
        observer.phase("writing");
        let annotate = self.config.dedup.annotate;
        let mut fields_replaced = 0u64;
        for (i, record) in spool.into_records()?.enumerate() {
            let record = record?;
            if !annotate && resolution.is_duplicate(i) {
                stats.count_drop(DropReason::Duplicate);
                if let Some(rejects) = rejects.as_mut() {
                    let [_, _, (_, kept)] = resolution.annotation(i, &record.id);
                    // The document as it would have been written, when it was kept in full.
                    let held = String::from_utf8_lossy(&record.bytes);
                    let held = held.trim_end();
                    let line = reject_line(
                        DropReason::Duplicate,
                        &record.id,
                        None,
                        None,
                        Some(("duplicate_of", kept)),
                        (!held.is_empty()).then_some(held),
                    )?;
                    rejects.write(&record.id, &line)?;
                }
                continue;
            }
            if let Some(sink) = sink.as_mut() {
                let bytes = if annotate {
                    let mut doc: Document = serde_json::from_slice(&record.bytes).map_err(|e| {
                        Error::io("temporary file of held documents", std::io::Error::other(e))
                    })?;
                    let mut replaced = false;
                    for (field, value) in resolution.annotation(i, &doc.id) {
                        replaced |= doc.meta.insert(field.into(), value).is_some();
                    }
                    if replaced {
                        fields_replaced += 1;
                    }
                    encoder.encode(&doc)?
                } else {
                    record.bytes
                };
                sink.write(&record.id, &bytes)?;
            }
            stats.documents_out += 1;
            stats.bytes_out += record.text_len;
        }
        if fields_replaced > 0 {
            observer.notice(&format!(
                "{fields_replaced} documents had dup_cluster, dup_size or dup_kept fields of their \
                 own, replaced by `dedup.annotate`'s (counted in \
                 stats.stages.annotate.fields_replaced)"
            ));
            stats.count_stage("annotate", "fields_replaced", fields_replaced);
        }
        let mut ready = Ready::default();
        if let Some(mut report) = report {
            for line in resolution.report() {
                let mut json = serde_json::to_vec(&line)
                    .map_err(|e| Error::io("duplicates report", std::io::Error::other(e)))?;
                json.push(b'\n');
                report.write(line.kept, &json)?;
            }
            ready.add(report.finish()?);
        }
        if let Some(path) = &options.save_index {
            ready.add(write_index(&resolution, path)?);
        }
        Ok(ready)
    }

    /// The first pass: the distinct line keys of every readable document, counted.
    fn count_repeated_lines(
        &self,
        files: Vec<io::SourceFile>,
        stats: &mut Stats,
        observer: &mut dyn Observer,
    ) -> Result<RepeatedLines> {
        let mut counter = LineCounter::default();
        let reader = RawReader::new(files);
        let bytes_read = reader.raw_bytes_read();
        // A reader thread reads and splits the input while the workers key the batch before.
        std::thread::scope(|scope| -> Result<()> {
            let (sender, batches) = sync_channel(BATCHES_IN_FLIGHT);
            let (max_docs, max_bytes) = (self.config.batch_documents, self.config.batch_bytes);
            scope.spawn(move || send_batches(reader, &sender, max_docs, max_bytes));
            for batch in batches {
                let keys: Vec<Vec<u64>> = self.pool.install(|| {
                    batch?
                        .into_par_iter()
                        .map(|raw| match io::parse_record(raw, &self.config.read) {
                            Parsed::Document { doc, .. } => Ok(self.line_keys(&doc.text)),
                            Parsed::Bad(_) => Ok(Vec::new()), // reported by the main pass
                        })
                        .collect::<Result<_>>()
                })?;
                for document in &keys {
                    counter.add(document);
                }
                observer.progress(bytes_read.load(Ordering::Relaxed), stats);
            }
            Ok(())
        })?;
        Ok(self.repeated_lines(counter, stats))
    }

    fn process_raw(&self, raw: RawRecord, context: &PassContext<'_>) -> Outcome {
        // A JSONL record read as it is goes out byte for byte (numeric ids, key order and
        // escapes kept); one repaired from invalid UTF-8 is written re-encoded.
        let verbatim = (context.verbatim && raw.format == Format::Jsonl).then(|| {
            let mut line = raw.bytes.clone();
            line.push(b'\n');
            line
        });
        let origin = context.rejects.then(|| Box::new(Origin::of(&raw)));
        let (doc, problem) = match io::parse_record(raw, &self.config.read) {
            Parsed::Bad(bad) => {
                return Outcome {
                    problem: Some(bad),
                    origin,
                    bytes_in: 0,
                    events: Vec::new(),
                    removals: (String::new(), Vec::new()),
                    fate: Fate::Drop(DropReason::BadRecord),
                };
            }
            Parsed::Document { doc, invalid_utf8 } => (doc, invalid_utf8),
        };
        let bytes_in = doc.text.len() as u64;
        let id = doc.id.clone();
        let Processed {
            verdict,
            events,
            removals,
        } = self.process_in(doc, context.mode, context.repeated);
        let fate = match verdict {
            Verdict::Drop(reason) => Fate::Drop(reason),
            Verdict::Keep(doc) => {
                let bytes = match (context.signer, verbatim) {
                    (Some(_), _) if context.annotate => {
                        serde_json::to_vec(&doc).map_err(|e| Error::Encode {
                            id: doc.id.clone(),
                            message: e.to_string(),
                        })
                    }
                    (Some(_), _) if !context.keep_bytes => Ok(Vec::new()),
                    (_, Some(line)) if problem.is_none() => Ok(line),
                    _ => context.encoder.encode(&doc),
                };
                match bytes {
                    Err(error) => Fate::Fail(error),
                    Ok(bytes) => {
                        let entry = context.signer.map(|signer| Box::new(signer.entry(&doc)));
                        let encoded = Encoded {
                            bytes,
                            text_len: doc.text.len() as u64,
                            id: doc.id,
                        };
                        match entry {
                            Some(entry) => Fate::Hold(encoded, entry),
                            None => Fate::Write(encoded),
                        }
                    }
                }
            }
        };
        let origin = origin.filter(|_| matches!(fate, Fate::Drop(_)));
        Outcome {
            problem,
            origin,
            bytes_in,
            events,
            removals: (id, removals),
            fate,
        }
    }

    fn account(
        &self,
        outcome: Outcome,
        stats: &mut Stats,
        sink: Option<&mut Box<dyn Sink>>,
        rejects: Option<&mut Box<dyn Sink>>,
        held: Option<&mut Held>,
        observer: &mut dyn Observer,
    ) -> Result<()> {
        let problem = outcome.problem;
        if let Some(problem) = &problem {
            if self.config.on_bad_input == BadInputPolicy::Fail {
                return Err(Error::BadInput(problem.clone()));
            }
            if !problem.drops_record() {
                stats.invalid_utf8_documents += 1;
            }
            observer.bad_input(problem);
        }
        stats.documents_in += 1;
        stats.bytes_in += outcome.bytes_in;
        count_events(stats, &outcome.events, &outcome.removals.1);
        match outcome.fate {
            Fate::Write(encoded) => {
                if let Some(sink) = sink {
                    sink.write(&encoded.id, &encoded.bytes)?;
                }
                stats.documents_out += 1;
                stats.bytes_out += encoded.text_len;
            }
            Fate::Hold(encoded, entry) => {
                let Some(held) = held else {
                    return Err(Error::Internal(
                        "a document was held without deduplication".into(),
                    ));
                };
                held.spool
                    .push(&encoded.id, encoded.text_len, &encoded.bytes)?;
                held.index.push(*entry)?;
            }
            Fate::Drop(reason) => {
                stats.count_drop(reason);
                if let Some(rejects) = rejects {
                    let line = reject_line(
                        reason,
                        &outcome.removals.0,
                        outcome.origin.as_deref(),
                        problem.as_ref(),
                        None,
                        None,
                    )?;
                    rejects.write(&outcome.removals.0, &line)?;
                }
            }
            Fate::Fail(error) => return Err(error),
        }
        Ok(())
    }
}

/// The size of the inputs on disk, when every one is known.
fn total_size(files: &[io::SourceFile]) -> Option<u64> {
    files.iter().map(|f| f.size).sum()
}

/// Writes one `{id, line, text, rule, kind[, why]}` line per removed line.
fn write_explanations((id, removals): &(String, Vec<Removal>), sink: &mut dyn Sink) -> Result<()> {
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

/// Reads raw records and sends them in batches of at most `max_docs` records and about
/// `max_bytes` bytes; stops at the first error (sent on) or when the receiver is gone.
fn send_batches(
    reader: RawReader,
    sender: &SyncSender<Result<Vec<RawRecord>>>,
    max_docs: usize,
    max_bytes: usize,
) {
    let mut batch = Vec::new();
    let mut bytes = 0usize;
    for record in reader {
        match record {
            Err(error) => {
                if !batch.is_empty() && sender.send(Ok(std::mem::take(&mut batch))).is_err() {
                    return;
                }
                let _ = sender.send(Err(error));
                return;
            }
            Ok(record) => {
                bytes += record.bytes.len();
                batch.push(record);
                if batch.len() >= max_docs || bytes >= max_bytes {
                    bytes = 0;
                    if sender.send(Ok(std::mem::take(&mut batch))).is_err() {
                        return;
                    }
                }
            }
        }
    }
    if !batch.is_empty() {
        let _ = sender.send(Ok(batch));
    }
}

fn ignored_notice(dir: &str, names: &[String]) -> String {
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
    format!(
        "{dir}: ignored {} {noun} that {verb} neither .jsonl/.ndjson nor .txt: {listed}",
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

/// Writes the index of `resolution`'s kept documents to `path` (compressed by its extension),
/// ready to be renamed into place with the run's other outputs.
fn write_index(resolution: &Resolution, path: &Path) -> Result<Ready> {
    let mut sink = io::open_sink(&file_spec(path))?;
    sink.write("", &IndexEncoder::head(&resolution.index_settings()))?;
    let mut encoder = IndexEncoder::default();
    resolution
        .index_entries(|id, exact, sketch| sink.write("", &encoder.entry(id, exact, sketch)?))?;
    sink.write("", &encoder.end())?;
    sink.finish()
}

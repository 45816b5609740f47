//! The one loop that runs a pipeline, over input files or documents in memory, into output
//! files or a `Vec`: a reader thread sends records in bounded batches, the workers parse and
//! process each batch in parallel, and this thread accounts for the results and writes them in
//! input order. With near-duplicate detection the kept documents are held (spooled to disk in a
//! file run) until the clusters are known.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use rayon::prelude::*;

use super::held::{Body, OutRecord, Spool};
use super::outputs::{
    Origin, commit_with_stats, ignored_notice, load_index, reject_line, write_explanations,
    write_index,
};
use super::run::{Job, RunOptions};
use super::{Observer, Pipeline, Processed, Verdict, count_events};
use crate::boilerplate::{LineTable, Removal, RepeatedLines};
use crate::dedup::{DedupIndex, Entry, EntryMaker};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::io::{
    self, BadInput, BadInputPolicy, Format, Input, OutputFormat, OutputSpec, Parsed, RawReader,
    RawRecord, Ready, RecordEncoder, Sink,
};
use crate::report::{Report, Samples};
use crate::stage::Stage;
use crate::stats::{DropReason, Stats};

/// Where a run's documents come from.
pub(super) enum Source<'a> {
    /// Files, directories or stdin, read raw and parsed by the workers.
    Inputs(&'a [Input]),
    /// Documents in memory.
    Documents(Vec<Document>),
}

/// Where a run's kept documents go.
pub(super) enum Destination<'a> {
    /// Files: the main output (optional for near-duplicates alone), encoded by `encoder`, and
    /// the extra outputs of `options`.
    Files {
        output: Option<&'a OutputSpec>,
        encoder: &'a RecordEncoder,
        options: &'a RunOptions,
    },
    /// The kept documents themselves, in input order.
    Memory,
}

/// A source once its inputs are expanded.
enum Feed {
    Files(io::Expanded),
    Documents(Vec<Document>),
}

/// One record before the workers take it.
pub(super) enum Item {
    Raw(RawRecord),
    Document(Document),
}

impl Item {
    fn len(&self) -> usize {
        match self {
            Item::Raw(raw) => raw.bytes.len(),
            Item::Document(doc) => doc.text.len(),
        }
    }
}

/// Where the kept documents are written.
enum Kept {
    /// Encoded, to the main output when there is one.
    Sink(Option<Box<dyn Sink>>),
    /// As they are.
    Documents(Vec<Document>),
}

impl Kept {
    /// Whether kept records are written anywhere.
    fn wanted(&self) -> bool {
        !matches!(self, Kept::Sink(None))
    }

    fn write(&mut self, id: &str, body: Body) -> Result<()> {
        match (self, body) {
            (Kept::Sink(None), _) => Ok(()),
            (Kept::Sink(Some(sink)), Body::Bytes(bytes)) => sink.write(id, &bytes),
            (Kept::Documents(docs), Body::Document(doc)) => {
                docs.push(*doc);
                Ok(())
            }
            _ => Err(Error::Internal(
                "a document reached a destination of the other kind".into(),
            )),
        }
    }
}

/// Near-duplicate detection state during the main pass.
struct Held {
    index: DedupIndex,
    spool: Spool,
}

/// What the workers need to know besides the record.
struct PassContext<'a> {
    /// How kept documents are encoded; `None`: they are kept as they are (in-memory runs).
    encoder: Option<&'a RecordEncoder>,
    /// The stages this job runs.
    stages: &'a [Box<dyn Stage>],
    /// Whether stages may drop documents (not when only detecting languages).
    filter: bool,
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
pub(super) const BATCHES_IN_FLIGHT: usize = 2;

/// One record after parsing and processing, ready to be accounted for and written.
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

enum Fate {
    Write(OutRecord),
    /// Held until the near-duplicates are known.
    Hold(OutRecord, Box<Entry>),
    Drop(DropReason),
    Fail(Error),
}

impl Pipeline {
    /// How cleaned documents are written to `output`, with the configured field names.
    pub(super) fn document_encoder(&self, output: &OutputSpec) -> RecordEncoder {
        let read = &self.config.read;
        RecordEncoder::new(output.format, &read.id_field, &read.text_field)
    }

    /// Whether near-duplicates are annotated instead of dropped.
    pub(super) fn annotates(&self) -> bool {
        self.config.dedup().is_some_and(|d| d.annotate)
    }

    /// The stages `job` runs, and whether they may drop documents.
    fn stages_of(&self, job: Job) -> (&[Box<dyn Stage>], bool) {
        match job {
            Job::Clean => (&self.stages, true),
            Job::Detect { .. } => (&self.stages[..self.detect_stages.unwrap_or(0)], false),
            Job::Dedup => (&[], false),
        }
    }

    /// Runs `job` from `source` to `destination`: the one loop behind [`Pipeline::clean`] and
    /// [`Run::execute`](super::Run::execute). Returns the stats and, for an in-memory
    /// destination, the kept documents in input order.
    pub(super) fn drive(
        &self,
        source: Source<'_>,
        destination: Destination<'_>,
        job: Job,
        observer: &mut dyn Observer,
    ) -> Result<(Stats, Vec<Document>)> {
        let started = Instant::now();
        let no_options = RunOptions::default();
        let (output, encoder, options) = match destination {
            Destination::Files {
                output,
                encoder,
                options,
            } => (output, Some(encoder), options),
            Destination::Memory => (None, None, &no_options),
        };
        let mut feed = match source {
            Source::Inputs(inputs) => {
                Feed::Files(io::expand_inputs(inputs, self.config.read.format)?)
            }
            Source::Documents(docs) => Feed::Documents(docs),
        };
        let dedup_settings = self
            .config
            .dedup()
            .filter(|_| !matches!(job, Job::Detect { .. }));
        let dedup = dedup_settings.is_some();
        // Checked on the files the paths will name, before anything is created.
        if let Feed::Files(expanded) = &feed {
            self.check_outputs(output, options, expanded, dedup)?;
        }
        let mut kept = match encoder {
            Some(_) => Kept::Sink(output.map(io::open_sink).transpose()?),
            None => Kept::Documents(Vec::new()),
        };
        let mut explain_sink = options.explain.as_ref().map(io::open_sink).transpose()?;
        let report_sink = options.report.as_ref().map(io::open_sink).transpose()?;
        let mut rejects_sink = options.rejects.as_ref().map(io::open_sink).transpose()?;
        let mut held = if let Some(settings) = dedup_settings {
            let mut index = DedupIndex::new(settings);
            if let Some(path) = &options.against {
                index.against(load_index(path, &index.settings())?);
            }
            let spool = match encoder {
                Some(_) => Spool::on_disk()?,
                None => Spool::in_memory(),
            };
            Some(Held { index, spool })
        } else {
            None
        };
        if let Feed::Files(expanded) = &feed {
            for (dir, names) in &expanded.ignored {
                observer.notice(&ignored_notice(dir, names));
            }
        }
        let mut stats = Stats::default();
        let main_phase = match job {
            Job::Clean if dedup => "cleaning and signing",
            _ if dedup => "signing",
            _ => "cleaning",
        };
        // Counting repeated lines reads the input twice: stdin and pipes are copied to
        // temporary files, which live until the end of the run.
        let mut _spooled = None;
        let repeated = if let Some(path) = &options.line_table {
            let table = self.read_line_table(path, job)?;
            observer.start(total_size(&feed));
            observer.phase(main_phase);
            Some(self.repeated_lines(table.counter, &mut stats))
        } else if job == Job::Clean && self.counts_repeated_lines() {
            if let Feed::Files(expanded) = &mut feed {
                _spooled = Some(io::spool_once_inputs(&mut expanded.files)?);
            }
            observer.start(total_size(&feed));
            observer.phase("counting repeated lines");
            let repeated = self.count_repeated_lines(&feed, &mut stats, observer)?;
            observer.phase(main_phase);
            Some(repeated)
        } else {
            observer.start(total_size(&feed));
            observer.phase(main_phase);
            None
        };

        if let (Some(header), Kept::Sink(Some(sink))) =
            (encoder.and_then(RecordEncoder::header), &mut kept)
        {
            sink.write("", &header)?;
        }
        let (stages, filter) = self.stages_of(job);
        let context = PassContext {
            encoder,
            stages,
            filter,
            repeated: repeated.as_ref(),
            signer: held.as_ref().map(|h| h.index.entry_maker()),
            keep_bytes: kept.wanted() || options.html.is_some(),
            verbatim: job == Job::Dedup
                && !self.annotates()
                && output.is_some_and(|spec| spec.format == OutputFormat::Jsonl),
            annotate: self.annotates(),
            rejects: rejects_sink.is_some(),
        };
        let (items, bytes_read, empty_inputs) = items_of(feed);
        let mut first_problem: Option<String> = None;
        let mut samples = options.html.is_some().then(Samples::default);
        std::thread::scope(|scope| -> Result<()> {
            let (sender, batches) = sync_channel(BATCHES_IN_FLIGHT);
            let (max_docs, max_bytes) = (self.config.batch_documents, self.config.batch_bytes);
            scope.spawn(move || send_batches(items, &sender, max_docs, max_bytes));
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
                        let (id, removals) = &outcome.removals;
                        write_explanations(id, removals, explain.as_mut())?;
                    }
                    if let Some(samples) = samples.as_mut() {
                        let (id, removals) = &outcome.removals;
                        samples.add_removals(id, removals);
                    }
                    self.account(
                        outcome,
                        &mut stats,
                        &mut kept,
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
                            .map(|item| self.process_item(item, context))
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
                &mut kept,
                rejects_sink.as_mut(),
                report_sink,
                options,
                &mut stats,
                samples.as_mut(),
                observer,
            )?);
        }
        let documents = match kept {
            Kept::Sink(Some(sink)) => {
                ready.add(sink.finish()?);
                Vec::new()
            }
            Kept::Sink(None) => Vec::new(),
            Kept::Documents(documents) => documents,
        };
        if let Some(explain) = explain_sink {
            ready.add(explain.finish()?);
        }
        if let Some(rejects) = rejects_sink {
            ready.add(rejects.finish()?);
        }
        stats.seconds = started.elapsed().as_secs_f64();
        if let (Some(path), Some(samples)) = (&options.html, samples) {
            ready.add(self.write_html(path, job, &stats, samples)?);
        }
        commit_with_stats(ready, &stats, options.stats.as_deref())?;
        Ok((stats, documents))
    }

    /// After the main pass: finds the clusters, writes the held documents that are kept (or
    /// every one, annotated), the report and the index; hands back the report and the index
    /// ready to be renamed into place.
    #[allow(clippy::too_many_arguments)]
    fn write_held(
        &self,
        held: Held,
        encoder: Option<&RecordEncoder>,
        kept: &mut Kept,
        mut rejects: Option<&mut Box<dyn Sink>>,
        report: Option<Box<dyn Sink>>,
        options: &RunOptions,
        stats: &mut Stats,
        mut samples: Option<&mut Samples>,
        observer: &mut dyn Observer,
    ) -> Result<Ready> {
        observer.phase("finding near-duplicates");
        let Held { index, spool } = held;
        let documents = index.len();
        let resolution = self.pool.install(|| index.resolve())?;
        stats.dedup = Some(resolution.summary().clone());
        if let Some(samples) = samples.as_mut() {
            samples.pick_clusters(&resolution, documents);
        }
        observer.phase("writing");
        let annotate = self.annotates();
        let mut fields_replaced = 0u64;
        for (i, record) in spool.into_records()?.enumerate() {
            let record = record?;
            if let Some(samples) = samples.as_mut()
                && samples.wants(i)
                && let Some(text) = self.held_text(&record.body)
            {
                samples.text(i, text);
            }
            if !annotate && resolution.is_duplicate(i) {
                stats.count_drop(DropReason::Duplicate);
                if let Some(rejects) = rejects.as_mut() {
                    let [_, _, (_, kept)] = resolution.annotation(i, &record.id);
                    // The document as it would have been written, when it was kept in full.
                    let held = match &record.body {
                        Body::Bytes(bytes) => String::from_utf8_lossy(bytes),
                        Body::Document(_) => "".into(),
                    };
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
            if kept.wanted() {
                let body = if annotate {
                    let mut doc = match record.body {
                        Body::Document(doc) => *doc,
                        Body::Bytes(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                            Error::io("temporary file of held documents", std::io::Error::other(e))
                        })?,
                    };
                    let mut replaced = false;
                    for (field, value) in resolution.annotation(i, &doc.id) {
                        replaced |= doc.meta.insert(field.into(), value).is_some();
                    }
                    if replaced {
                        fields_replaced += 1;
                    }
                    match encoder {
                        Some(encoder) => Body::Bytes(encoder.encode(&doc)?),
                        None => Body::Document(Box::new(doc)),
                    }
                } else {
                    record.body
                };
                kept.write(&record.id, body)?;
            }
            stats.documents_out += 1;
            stats.bytes_out += record.text_len;
            count_language(stats, record.lang.as_deref());
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

    /// The line table of an earlier count, checked against this pipeline's settings.
    fn read_line_table(&self, path: &std::path::Path, job: Job) -> Result<LineTable> {
        if job != Job::Clean || !self.counts_repeated_lines() {
            return Err(Error::config(
                "line_table",
                "`line_table` gives the lines repeated across the corpus to the boilerplate \
                 stage, which does not count them in this run (cleaning, with \
                 `boilerplate.repeated_line_min_docs` above 0)",
            ));
        }
        let display = path.display().to_string();
        let table = LineTable::read(&mut io::open_decompressed(path)?, &display)?;
        if Some(table.max_chars) != self.repeated_max_chars
            || table.settings != self.line_settings()
        {
            return Err(Error::BadLineTable {
                path: display,
                reason: "counted with other header, repair or repeated-line settings than this \
                         run's: count the shards with the pipeline file you clean with (`tamis \
                         clean --print-config` with your flags writes it; `tamis lines count \
                         --config FILE` counts with it)"
                    .into(),
            });
        }
        if !table.part.is_whole() {
            return Err(Error::BadLineTable {
                path: display,
                reason: format!(
                    "only part {}/{} of the line table: join every part with `tamis lines merge`",
                    table.part.index, table.part.count
                ),
            });
        }
        let min_docs = self.repeated_line_min_docs();
        if table.min_docs > min_docs.max(1) {
            return Err(Error::BadLineTable {
                path: display,
                reason: format!(
                    "pruned to lines of at least {} documents, but this run removes lines of {} \
                     (`boilerplate.repeated_line_min_docs`): merge with `min_docs` at most {}",
                    table.min_docs, min_docs, min_docs
                ),
            });
        }
        Ok(table)
    }

    /// The text of a held document: its own, or read back from its encoded record (JSON under
    /// the text field, or a .txt document's bytes).
    fn held_text(&self, body: &Body) -> Option<String> {
        match body {
            Body::Document(doc) => Some(doc.text.clone()),
            Body::Bytes(bytes) if bytes.is_empty() => None,
            Body::Bytes(bytes) => match serde_json::from_slice::<serde_json::Value>(bytes) {
                Ok(serde_json::Value::Object(record)) => {
                    let field = &self.config.read.text_field;
                    record
                        .get(field)
                        .or_else(|| record.get("text"))
                        .and_then(serde_json::Value::as_str)
                        .map(str::to_owned)
                }
                _ => Some(String::from_utf8_lossy(bytes).into_owned()),
            },
        }
    }

    /// The run's report page, ready to be renamed into place with the other outputs.
    fn write_html(
        &self,
        path: &std::path::Path,
        job: Job,
        stats: &Stats,
        samples: Samples,
    ) -> Result<Ready> {
        let settings = self.config.to_toml().ok();
        let page = crate::report::render(&Report {
            command: match job {
                Job::Clean => "clean",
                Job::Dedup => "dedup",
                Job::Detect { .. } => "detect",
            }
            .to_owned(),
            stats,
            settings,
            removals: samples.removals,
            clusters: samples.clusters,
            clusters_total: samples.clusters_total,
        });
        io::write_file_ready(path, page.as_bytes())
    }

    /// The first pass: the distinct line keys of every readable document, counted.
    fn count_repeated_lines(
        &self,
        feed: &Feed,
        stats: &mut Stats,
        observer: &mut dyn Observer,
    ) -> Result<RepeatedLines> {
        let table = self.count_lines_in(feed, stats, observer)?;
        Ok(self.repeated_lines(table.counter, stats))
    }

    /// The line counts of every readable document of `inputs`: what `tamis lines count` writes
    /// for a shard, to merge with the other shards' and clean each against the whole corpus
    /// ([`Run::line_table`](super::Run::line_table)).
    pub fn count_lines(&self, inputs: &[Input], observer: &mut dyn Observer) -> Result<LineTable> {
        let mut feed = Feed::Files(io::expand_inputs(inputs, self.config.read.format)?);
        if let Feed::Files(expanded) = &mut feed {
            for (dir, names) in &expanded.ignored {
                observer.notice(&ignored_notice(dir, names));
            }
        }
        observer.start(total_size(&feed));
        observer.phase("counting lines");
        self.count_lines_in(&feed, &mut Stats::default(), observer)
    }

    /// The line table of `feed`.
    fn count_lines_in(
        &self,
        feed: &Feed,
        stats: &mut Stats,
        observer: &mut dyn Observer,
    ) -> Result<LineTable> {
        let mut table = LineTable::new(self.repeated_max_chars.unwrap_or(0), self.line_settings());
        let counter = &mut table.counter;
        let documents = &mut table.documents;
        match feed {
            Feed::Documents(docs) => {
                for batch in docs.chunks(self.config.batch_documents.max(1)) {
                    let keys: Vec<Vec<u64>> = self.pool.install(|| {
                        batch
                            .par_iter()
                            .map(|doc| self.line_keys(&doc.text))
                            .collect()
                    });
                    for document in &keys {
                        counter.add(document);
                    }
                    *documents += keys.len() as u64;
                }
            }
            Feed::Files(expanded) => {
                let reader = RawReader::new(expanded.files.clone());
                let bytes_read = reader.raw_bytes_read();
                let items = reader.map(|raw| raw.map(Item::Raw));
                // A reader thread reads and splits the input while the workers key the batch
                // before.
                std::thread::scope(|scope| -> Result<()> {
                    let (sender, batches) = sync_channel(BATCHES_IN_FLIGHT);
                    let (max_docs, max_bytes) =
                        (self.config.batch_documents, self.config.batch_bytes);
                    scope.spawn(move || send_batches(items, &sender, max_docs, max_bytes));
                    for batch in batches {
                        let keys: Vec<Option<Vec<u64>>> = self.pool.install(|| {
                            batch?
                                .into_par_iter()
                                .map(|item| match item {
                                    Item::Raw(raw) => {
                                        match io::parse_record(raw, &self.config.read) {
                                            Parsed::Document { doc, .. } => {
                                                Ok(Some(self.line_keys(&doc.text)))
                                            }
                                            // Reported by the main pass.
                                            Parsed::Bad(_) => Ok(None),
                                        }
                                    }
                                    Item::Document(doc) => Ok(Some(self.line_keys(&doc.text))),
                                })
                                .collect::<Result<_>>()
                        })?;
                        for document in keys.iter().flatten() {
                            counter.add(document);
                            *documents += 1;
                        }
                        observer.progress(bytes_read.load(Ordering::Relaxed), stats);
                    }
                    Ok(())
                })?;
            }
        }
        Ok(table)
    }

    fn process_item(&self, item: Item, context: &PassContext<'_>) -> Outcome {
        let (doc, problem, origin, verbatim) = match item {
            Item::Document(doc) => (doc, None, None, None),
            Item::Raw(raw) => {
                // A JSONL record read as it is goes out byte for byte (numeric ids, key order
                // and escapes kept); one repaired from invalid UTF-8 is written re-encoded.
                let verbatim = (context.verbatim && raw.format == Format::Jsonl).then(|| {
                    let mut line = raw.bytes.clone();
                    line.push(b'\n');
                    line
                });
                let origin = context.rejects.then(|| Box::new(Origin::of(&raw)));
                match io::parse_record(raw, &self.config.read) {
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
                    Parsed::Document { doc, invalid_utf8 } => (doc, invalid_utf8, origin, verbatim),
                }
            }
        };
        let bytes_in = doc.text.len() as u64;
        let id = doc.id.clone();
        let Processed {
            verdict,
            events,
            removals,
        } = self.process_with(doc, context.stages, context.filter, context.repeated);
        let fate = match verdict {
            Verdict::Drop(reason) => Fate::Drop(reason),
            Verdict::Keep(doc) => {
                let entry = context.signer.map(|signer| Box::new(signer.entry(&doc)));
                let text_len = doc.text.len() as u64;
                let lang = doc
                    .meta
                    .get("lang")
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_owned);
                let record = match context.encoder {
                    None => Ok(OutRecord {
                        id: doc.id.clone(),
                        text_len,
                        lang,
                        body: Body::Document(Box::new(doc)),
                    }),
                    Some(encoder) => {
                        let bytes = match (entry.is_some(), verbatim) {
                            (true, _) if context.annotate => {
                                serde_json::to_vec(&doc).map_err(|e| Error::Encode {
                                    id: doc.id.clone(),
                                    message: e.to_string(),
                                })
                            }
                            (true, _) if !context.keep_bytes => Ok(Vec::new()),
                            (_, Some(line)) if problem.is_none() => Ok(line),
                            _ => encoder.encode(&doc),
                        };
                        bytes.map(|bytes| OutRecord {
                            id: doc.id,
                            text_len,
                            lang,
                            body: Body::Bytes(bytes),
                        })
                    }
                };
                match (record, entry) {
                    (Err(error), _) => Fate::Fail(error),
                    (Ok(record), Some(entry)) => Fate::Hold(record, entry),
                    (Ok(record), None) => Fate::Write(record),
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
        kept: &mut Kept,
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
            Fate::Write(record) => {
                stats.documents_out += 1;
                stats.bytes_out += record.text_len;
                count_language(stats, record.lang.as_deref());
                kept.write(&record.id, record.body)?;
            }
            Fate::Hold(record, entry) => {
                let Some(held) = held else {
                    return Err(Error::Internal(
                        "a document was held without deduplication".into(),
                    ));
                };
                held.spool.push(record)?;
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

/// Counts a written document under its language.
pub(super) fn count_language(stats: &mut Stats, lang: Option<&str>) {
    if let Some(lang) = lang {
        match stats.languages.get_mut(lang) {
            Some(count) => *count += 1,
            None => {
                stats.languages.insert(lang.to_owned(), 1);
            }
        }
    }
}

/// The records of `feed` for the reader thread, with the count of bytes read so far and the
/// list of empty inputs met.
#[allow(clippy::type_complexity)]
fn items_of(
    feed: Feed,
) -> (
    Box<dyn Iterator<Item = Result<Item>> + Send>,
    Arc<AtomicU64>,
    Arc<Mutex<Vec<String>>>,
) {
    match feed {
        Feed::Files(expanded) => {
            let reader = RawReader::new(expanded.files);
            let bytes_read = reader.raw_bytes_read();
            let empty = reader.empty_inputs();
            (
                Box::new(reader.map(|raw| raw.map(Item::Raw))),
                bytes_read,
                empty,
            )
        }
        Feed::Documents(docs) => {
            let bytes_read = Arc::new(AtomicU64::new(0));
            let counted = Arc::clone(&bytes_read);
            let items = docs.into_iter().map(move |doc| {
                counted.fetch_add(doc.text.len() as u64, Ordering::Relaxed);
                Ok(Item::Document(doc))
            });
            (Box::new(items), bytes_read, Arc::default())
        }
    }
}

/// The size of the inputs, when every one is known.
fn total_size(feed: &Feed) -> Option<u64> {
    match feed {
        Feed::Files(expanded) => expanded.files.iter().map(|f| f.size).sum(),
        Feed::Documents(docs) => Some(docs.iter().map(|d| d.text.len() as u64).sum()),
    }
}

/// Sends records in batches of at most `max_docs` records and about `max_bytes` bytes; stops
/// at the first error (sent on) or when the receiver is gone.
pub(super) fn send_batches(
    items: impl Iterator<Item = Result<Item>>,
    sender: &SyncSender<Result<Vec<Item>>>,
    max_docs: usize,
    max_bytes: usize,
) {
    let mut batch = Vec::new();
    let mut bytes = 0usize;
    for item in items {
        match item {
            Err(error) => {
                if !batch.is_empty() && sender.send(Ok(std::mem::take(&mut batch))).is_err() {
                    return;
                }
                let _ = sender.send(Err(error));
                return;
            }
            Ok(item) => {
                bytes += item.len();
                batch.push(item);
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

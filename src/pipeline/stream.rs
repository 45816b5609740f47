//! The one loop that runs a pipeline, over input files or documents in memory, into output
//! files or a `Vec`: a reader thread sends records in bounded batches, the workers parse and
//! process each batch in parallel, and this thread accounts for the results and writes them in
//! input order. With near-duplicate detection the kept documents are held (spooled to disk in a
//! file run) until the clusters are known.

use std::sync::atomic::Ordering;
use std::sync::mpsc::sync_channel;
use std::time::Instant;

use rayon::prelude::*;

use super::feed::{BATCHES_IN_FLIGHT, Feed, items_of, send_batches, total_size};
use super::held::{Body, Spool};
use super::outputs::{
    commit_with_stats, ignored_notice, load_index, write_drop_explanation, write_explanations,
};
use super::run::{Job, RunOptions};
use super::worker::{Fate, Outcome, PassContext};
use super::{Observer, Pipeline};
use crate::dedup::DedupIndex;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::io::{self, Input, OutputFormat, OutputSpec, Ready, RecordEncoder, Sink};
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

/// Where the kept documents are written.
pub(super) enum Kept {
    /// Encoded, to the main output when there is one.
    Sink(Option<Box<dyn Sink>>),
    /// As they are.
    Documents(Vec<Document>),
}

impl Kept {
    /// Whether kept records are written anywhere.
    pub(super) fn wanted(&self) -> bool {
        !matches!(self, Kept::Sink(None))
    }

    pub(super) fn write(&mut self, id: &str, body: Body) -> Result<()> {
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
pub(super) struct Held {
    pub(super) index: DedupIndex,
    pub(super) spool: Spool,
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
    pub(super) fn stages_of(&self, job: Job) -> (&[Box<dyn Stage>], bool) {
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
            Source::Inputs(inputs) => Feed::Files(self.expand(inputs)?),
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
            Some(_) => Kept::Sink(match (output, &feed) {
                (Some(spec), Feed::Files(expanded)) => {
                    Some(self.open_output(spec, &expanded.files, options)?)
                }
                (Some(spec), Feed::Documents(_)) => Some(self.open_output(spec, &[], options)?),
                (None, _) => None,
            }),
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
        let mut unchanged = None;
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
            let (repeated, kept) = self.count_repeated_lines(&feed, &mut stats, observer)?;
            unchanged = kept;
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
            unchanged: unchanged.as_ref(),
            signer: held.as_ref().map(|h| h.index.entry_maker()),
            keep_bytes: kept.wanted() || options.html.is_some(),
            verbatim: job == Job::Dedup
                && !self.annotates()
                && output.is_some_and(|spec| spec.format == OutputFormat::Jsonl),
            annotate: self.annotates(),
            rejects: rejects_sink.is_some(),
            explain: explain_sink.is_some(),
        };
        let (items, bytes_read, empty_inputs, skipped_records) = items_of(
            feed,
            self.config.has("html"),
            self.config.on_bad_input == crate::io::BadInputPolicy::Skip,
            &self.config.read.text_field,
        );
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
                        if let Fate::Drop(reason, Some(detail)) = &outcome.fate {
                            write_drop_explanation(id, *reason, detail, explain.as_mut())?;
                        }
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
            // The reading order of the batch's first record.
            let mut first = 0;
            for batch in batches {
                let batch = batch?;
                let context = &context;
                let batch_first = first;
                first += batch.len();
                let working = scope.spawn(move || {
                    self.pool.install(|| {
                        batch
                            .into_par_iter()
                            .enumerate()
                            .map(|(i, item)| self.process_item(item, batch_first + i, context))
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
        // WARC records that are not pages (requests, redirects, images…): counted, not
        // documents; malformed ones (skipped under on_bad_input = skip) said too.
        for (counter, count) in skipped_records
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .iter()
        {
            stats.count_stage("warc", counter, *count);
            if *counter == "malformed_records" {
                observer.notice(&format!(
                    "{count} malformed WARC record(s) skipped, reading resumed at the next \
                     record (stages.warc.malformed_records)"
                ));
            }
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

    /// The run's report page, ready to be renamed into place with the other outputs.
    pub(super) fn write_html(
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
}

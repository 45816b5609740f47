//! Builds the stages from a [`Config`] and runs them over a corpus: documents stream through in
//! batches, each batch is processed in parallel with rayon and written back in input order.

mod config;
mod observer;

use std::borrow::Cow;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::time::Instant;

use rayon::prelude::*;
use serde_json::Value;

pub use config::Config;
pub use observer::Observer;

use crate::document::Document;
use crate::error::{Error, Result};
use crate::header::{HeaderOutcome, extract_header};
use crate::io::{
    self, BadInput, BadInputPolicy, Input, OutputSpec, Parsed, RawReader, RawRecord, RecordEncoder,
};
use crate::lang::{Detection, LANG_FIELDS, LanguageDetector, UNDETERMINED};
use crate::normalize::Typography;
use crate::stats::{DropReason, Stats};

/// Batches waiting between the reader thread and the workers.
const BATCHES_IN_FLIGHT: usize = 2;

/// What the stages decided for one document.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The cleaned document, to be written.
    Keep(Document),
    /// Not written, for this reason.
    Drop(DropReason),
}

/// The result of [`Pipeline::process`]: the verdict and the stage counters it bumped.
#[derive(Debug, Clone, PartialEq)]
pub struct Processed {
    /// Keep or drop.
    pub verdict: Verdict,
    /// `(stage, counter)` pairs to add 1 to in the stats.
    pub events: Vec<(&'static str, &'static str)>,
}

/// The outcome of [`Pipeline::clean`]: kept documents in input order, and the stats.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaned {
    /// Documents kept, cleaned, in input order.
    pub documents: Vec<Document>,
    /// Counters; `documents_in == documents.len() + dropped`.
    pub stats: Stats,
}

/// The cleaning pipeline: header extraction, repair, empty-document filter, language detection
/// and filter, typography.
///
/// Build it once from a [`Config`] and use it for in-memory documents ([`Pipeline::clean`],
/// [`Pipeline::process`]) or for files ([`Pipeline::run`], [`Pipeline::detect`]).
pub struct Pipeline {
    config: Config,
    pool: rayon::ThreadPool,
    detector: Option<LanguageDetector>,
}

/// What a run does with each document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Every stage, and documents are dropped (empty, language filter).
    Clean,
    /// Stages up to language detection; every readable document is kept.
    Detect,
}

/// One raw record after parsing and processing, ready to be accounted for and written.
struct Outcome {
    problem: Option<BadInput>,
    bytes_in: u64,
    events: Vec<(&'static str, &'static str)>,
    fate: Fate,
}

enum Fate {
    Write(Encoded),
    Drop(DropReason),
    Fail(Error),
}

struct Encoded {
    id: String,
    bytes: Vec<u8>,
    text_len: u64,
}

impl Pipeline {
    /// Checks `config` and builds the worker pool.
    pub fn new(config: Config) -> Result<Self> {
        config.validate()?;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(config.threads)
            .thread_name(|i| format!("tamis-worker-{i}"))
            .build()
            .map_err(|e| {
                Error::Config(format!(
                    "cannot start {} worker threads: {e}",
                    config.threads
                ))
            })?;
        let detector = if config.lang.enabled {
            Some(LanguageDetector::new(config.lang.clone())?)
        } else {
            None
        };
        Ok(Pipeline {
            config,
            pool,
            detector,
        })
    }

    /// The configuration this pipeline was built from.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Number of worker threads.
    pub fn threads(&self) -> usize {
        self.pool.current_num_threads()
    }

    /// Runs the per-document stages on one document.
    pub fn process(&self, doc: Document) -> Processed {
        self.process_in(doc, Mode::Clean)
    }

    fn process_in(&self, mut doc: Document, mode: Mode) -> Processed {
        let mut events = Vec::new();
        if self.config.extract_header {
            match extract_header(&mut doc) {
                HeaderOutcome::None => {}
                HeaderOutcome::Extracted => events.push(("header", "extracted")),
                HeaderOutcome::ConflictKeptExisting => {
                    events.push(("header", "conflicting_date_kept_existing"))
                }
            }
        }
        doc.text = self
            .config
            .normalize
            .apply(std::mem::take(&mut doc.text), |step| {
                events.push(("normalize", step))
            });
        let filter = mode == Mode::Clean;
        if filter && doc.text.is_empty() {
            return Processed {
                verdict: Verdict::Drop(DropReason::Empty),
                events,
            };
        }
        let mut lang = UNDETERMINED;
        if let Some(detector) = &self.detector {
            let detection = detector.detect(&doc.text);
            lang = detection.lang;
            events.push(("lang", detection.lang));
            if doc.meta.contains_key(LANG_FIELDS[0]) {
                events.push(("lang", "replaced_input_field"));
            }
            annotate(&mut doc, &detection);
            if filter && !detector.keeps(detection.lang) {
                return Processed {
                    verdict: Verdict::Drop(DropReason::Language),
                    events,
                };
            }
        }
        let typography = Typography::new(self.config.typography);
        if mode == Mode::Clean
            && let Cow::Owned(text) = typography.apply(&doc.text, lang)
        {
            doc.text = text;
            events.push(("typography", "changed"));
        }
        Processed {
            verdict: Verdict::Keep(doc),
            events,
        }
    }

    /// Cleans in-memory documents in parallel; the kept ones come back in input order.
    pub fn clean(&self, docs: Vec<Document>) -> Cleaned {
        let started = Instant::now();
        let mut stats = Stats::default();
        let processed: Vec<(u64, Processed)> = self.pool.install(|| {
            docs.into_par_iter()
                .map(|doc| (doc.text.len() as u64, self.process(doc)))
                .collect()
        });
        let mut documents = Vec::with_capacity(processed.len());
        for (bytes_in, Processed { verdict, events }) in processed {
            stats.documents_in += 1;
            stats.bytes_in += bytes_in;
            count_events(&mut stats, &events);
            match verdict {
                Verdict::Keep(doc) => {
                    stats.documents_out += 1;
                    stats.bytes_out += doc.text.len() as u64;
                    documents.push(doc);
                }
                Verdict::Drop(reason) => stats.count_drop(reason),
            }
        }
        stats.seconds = started.elapsed().as_secs_f64();
        Cleaned { documents, stats }
    }

    /// Reads `inputs`, cleans every document and writes the kept ones to `output`, which only
    /// appears (atomically) if the whole run succeeds.
    pub fn run(
        &self,
        inputs: &[Input],
        output: &OutputSpec,
        observer: &mut dyn Observer,
    ) -> Result<Stats> {
        let encoder = RecordEncoder::new(
            output.format,
            &self.config.read.id_field,
            &self.config.read.text_field,
        );
        self.run_with(inputs, output, &encoder, Mode::Clean, observer)
    }

    /// Reads `inputs` and writes one line per readable document with its id and language
    /// (`{id, lang, lang_script, lang_confidence}` as JSON, or tab-separated with a header line
    /// when `tsv`). Nothing is dropped but bad records.
    pub fn detect(
        &self,
        inputs: &[Input],
        output: &OutputSpec,
        tsv: bool,
        observer: &mut dyn Observer,
    ) -> Result<Stats> {
        if self.detector.is_none() {
            return Err(Error::Config(
                "language detection is disabled in this configuration".into(),
            ));
        }
        let encoder = RecordEncoder::Languages { tsv };
        self.run_with(inputs, output, &encoder, Mode::Detect, observer)
    }

    fn run_with(
        &self,
        inputs: &[Input],
        output: &OutputSpec,
        encoder: &RecordEncoder,
        mode: Mode,
        observer: &mut dyn Observer,
    ) -> Result<Stats> {
        let started = Instant::now();
        let expanded = io::expand_inputs(inputs, self.config.read.format)?;
        // The sink creates missing parent directories, so the paths are comparable only after.
        let mut sink = io::open_sink(output)?;
        io::check_output_not_input(output, &expanded)?;
        for (dir, names) in &expanded.ignored {
            observer.notice(&ignored_notice(dir, names));
        }
        let total_bytes = expanded.files.iter().map(|f| f.size).sum::<Option<u64>>();
        observer.start(total_bytes);

        if let Some(header) = encoder.header() {
            sink.write("", header)?;
        }
        let reader = RawReader::new(expanded.files);
        let bytes_read = reader.raw_bytes_read();
        let mut stats = Stats::default();
        std::thread::scope(|scope| -> Result<()> {
            let (sender, batches) = sync_channel(BATCHES_IN_FLIGHT);
            let (max_docs, max_bytes) = (self.config.batch_documents, self.config.batch_bytes);
            scope.spawn(move || send_batches(reader, &sender, max_docs, max_bytes));
            for batch in batches {
                let batch = batch?;
                let outcomes: Vec<Outcome> = self.pool.install(|| {
                    batch
                        .into_par_iter()
                        .map(|raw| self.process_raw(raw, encoder, mode))
                        .collect()
                });
                for outcome in outcomes {
                    self.account(outcome, &mut stats, sink.as_mut(), observer)?;
                }
                observer.progress(bytes_read.load(Ordering::Relaxed), &stats);
            }
            Ok(())
        })?;
        sink.finish()?;
        stats.seconds = started.elapsed().as_secs_f64();
        Ok(stats)
    }

    fn process_raw(&self, raw: RawRecord, encoder: &RecordEncoder, mode: Mode) -> Outcome {
        let (doc, problem) = match io::parse_record(raw, &self.config.read) {
            Parsed::Bad(bad) => {
                return Outcome {
                    problem: Some(bad),
                    bytes_in: 0,
                    events: Vec::new(),
                    fate: Fate::Drop(DropReason::BadRecord),
                };
            }
            Parsed::Document { doc, invalid_utf8 } => (doc, invalid_utf8),
        };
        let bytes_in = doc.text.len() as u64;
        let Processed { verdict, events } = self.process_in(doc, mode);
        let fate = match verdict {
            Verdict::Drop(reason) => Fate::Drop(reason),
            Verdict::Keep(doc) => match encoder.encode(&doc) {
                Ok(bytes) => Fate::Write(Encoded {
                    bytes,
                    text_len: doc.text.len() as u64,
                    id: doc.id,
                }),
                Err(error) => Fate::Fail(error),
            },
        };
        Outcome {
            problem,
            bytes_in,
            events,
            fate,
        }
    }

    fn account(
        &self,
        outcome: Outcome,
        stats: &mut Stats,
        sink: &mut dyn io::Sink,
        observer: &mut dyn Observer,
    ) -> Result<()> {
        if let Some(problem) = outcome.problem {
            if self.config.on_bad_input == BadInputPolicy::Fail {
                return Err(Error::BadInput(problem));
            }
            if !problem.drops_record() {
                stats.invalid_utf8_documents += 1;
            }
            observer.bad_input(&problem);
        }
        stats.documents_in += 1;
        stats.bytes_in += outcome.bytes_in;
        count_events(stats, &outcome.events);
        match outcome.fate {
            Fate::Write(encoded) => {
                sink.write(&encoded.id, &encoded.bytes)?;
                stats.documents_out += 1;
                stats.bytes_out += encoded.text_len;
            }
            Fate::Drop(reason) => stats.count_drop(reason),
            Fate::Fail(error) => return Err(error),
        }
        Ok(())
    }
}

/// Writes a detection into the document's metadata.
fn annotate(doc: &mut Document, detection: &Detection) {
    let [lang, script, confidence] = LANG_FIELDS;
    doc.meta.insert(lang.into(), Value::from(detection.lang));
    doc.meta.insert(
        script.into(),
        detection.script.map_or(Value::Null, Value::from),
    );
    let rounded = (detection.confidence * 1000.0).round() / 1000.0;
    doc.meta.insert(confidence.into(), Value::from(rounded));
}

fn count_events(stats: &mut Stats, events: &[(&'static str, &'static str)]) {
    for (stage, counter) in events {
        stats.count_stage(stage, counter, 1);
    }
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

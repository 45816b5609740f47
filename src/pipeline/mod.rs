//! Builds the stages from a [`Config`] and runs them over a corpus: documents stream through in
//! batches, each batch is processed in parallel with rayon and written back in input order.

mod config;
mod file;
mod held;
mod observer;
mod run;
mod stream;

use std::time::Instant;

use rayon::prelude::*;

pub use config::Config;
pub use file::{PipelineFile, StageConfig};
pub use observer::Observer;
pub use run::{Job, Run};
pub use stream::RunOptions;

use crate::boilerplate::{LineCounter, Removal, RepeatedLines, Stripper, document_keys};
use crate::dedup::DedupIndex;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::header::parse_date_header;
use crate::lang::{LanguageDetector, UNDETERMINED};
use crate::stage::{
    BoilerplateStage, Decision, HeaderStage, LanguageStage, MinWordsStage, RepairStage, Stage,
    StageRun, TypographyStage,
};
use crate::stats::{DropReason, Stats};

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
    /// Lines the boilerplate stage removed, in order.
    pub removals: Vec<Removal>,
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
/// and filter, boilerplate stripping, typography.
///
/// Build it once from a [`Config`] and use it for in-memory documents ([`Pipeline::clean`],
/// [`Pipeline::process`]) or for files (a [`Run`]: cleaning, near-duplicates alone, languages alone).
pub struct Pipeline {
    config: Config,
    pool: rayon::ThreadPool,
    /// The per-document stages, in order.
    stages: Vec<Box<dyn Stage>>,
    /// How many stages `detect` runs (up to and with the language stage); `None` without one.
    detect_stages: Option<usize>,
}

/// What a run does with each document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Every stage, and documents are dropped (empty, language filter).
    Clean,
    /// Stages up to language detection; every readable document is kept.
    Detect,
    /// No stage: documents as read (for near-duplicate detection alone).
    PassThrough,
}

impl Pipeline {
    /// Checks `config` and builds the worker pool.
    pub fn new(config: Config) -> Result<Self> {
        config.validate()?;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(config.threads)
            .thread_name(|i| format!("tamis-worker-{i}"))
            .build()
            .map_err(|e| Error::Threads {
                threads: config.threads,
                message: e.to_string(),
            })?;
        let mut stages: Vec<Box<dyn Stage>> = Vec::new();
        if config.extract_header {
            stages.push(Box::new(HeaderStage));
        }
        stages.push(Box::new(RepairStage {
            sequence: config.normalize.clone(),
        }));
        let mut detect_stages = None;
        if config.lang.enabled {
            stages.push(Box::new(LanguageStage {
                detector: LanguageDetector::new(config.lang.clone())?,
            }));
            detect_stages = Some(stages.len());
        }
        if config.boilerplate.enabled {
            stages.push(Box::new(BoilerplateStage {
                stripper: Stripper::new(&config.boilerplate)?,
            }));
        }
        if config.min_words > 0 {
            stages.push(Box::new(MinWordsStage {
                min_words: config.min_words,
            }));
        }
        stages.push(Box::new(TypographyStage {
            policy: config.typography,
        }));
        Ok(Pipeline {
            config,
            pool,
            stages,
            detect_stages,
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

    /// Runs the per-document stages on one document (lines repeated across a corpus need the
    /// corpus: see [`Pipeline::clean`] and a [`Run`]).
    pub fn process(&self, doc: Document) -> Processed {
        self.process_in(doc, Mode::Clean, None)
    }

    /// `text` after header extraction and repair: what the later stages see, and
    /// what the repeated-line count is made on.
    fn repaired_text(&self, text: &str) -> String {
        let body = match parse_date_header(text) {
            Some((_, rest)) if self.config.extract_header => &text[rest..],
            _ => text,
        };
        self.config.normalize.apply(body.to_owned(), |_| {})
    }

    /// Whether runs count corpus-repeated lines first.
    fn counts_repeated_lines(&self) -> bool {
        self.config.boilerplate.enabled && self.config.boilerplate.repeated_line_min_docs > 0
    }

    /// The line keys of one document, for the repeated-line count.
    fn line_keys(&self, text: &str) -> Vec<u64> {
        document_keys(
            &self.repaired_text(text),
            self.config.boilerplate.repeated_line_max_chars,
        )
    }

    fn process_in(
        &self,
        mut doc: Document,
        mode: Mode,
        repeated: Option<&RepeatedLines>,
    ) -> Processed {
        let stages = match mode {
            Mode::Clean => &self.stages[..],
            Mode::Detect => &self.stages[..self.detect_stages.unwrap_or(0)],
            Mode::PassThrough => &[],
        };
        let mut run = StageRun {
            lang: UNDETERMINED,
            repeated: repeated.map(|r| (r, self.config.boilerplate.repeated_line_max_chars)),
            filter: mode == Mode::Clean,
            events: Vec::new(),
            removals: Vec::new(),
            mojibake_fixes: None,
        };
        for stage in stages {
            if let Decision::Drop(reason) = stage.process(&mut doc, &mut run) {
                return Processed {
                    verdict: Verdict::Drop(reason),
                    events: run.events,
                    removals: run.removals,
                };
            }
        }
        Processed {
            verdict: Verdict::Keep(doc),
            events: run.events,
            removals: run.removals,
        }
    }

    /// The lines to remove, from the counts of the first pass; the sizes go to the stats.
    fn repeated_lines(&self, counter: LineCounter, stats: &mut Stats) -> RepeatedLines {
        let distinct = counter.distinct_lines() as u64;
        let repeated = counter.repeated(self.config.boilerplate.repeated_line_min_docs);
        stats.count_stage("repeated_lines", "distinct_lines", distinct);
        stats.count_stage("repeated_lines", "repeated_lines", repeated.len() as u64);
        repeated
    }

    /// Cleans in-memory documents in parallel; the kept ones come back in input order. Lines
    /// repeated across the documents are counted first (see
    /// [`BoilerplateConfig`](crate::boilerplate::BoilerplateConfig)), and near-duplicates are
    /// removed (or annotated) last.
    ///
    /// Fails only when near-duplicate detection cannot write its temporary file (past 64 MiB of
    /// keys).
    pub fn clean(&self, docs: Vec<Document>) -> Result<Cleaned> {
        let started = Instant::now();
        let mut stats = Stats::default();
        let repeated = self.counts_repeated_lines().then(|| {
            let mut counter = LineCounter::default();
            let keys: Vec<Vec<u64>> = self.pool.install(|| {
                docs.par_iter()
                    .map(|doc| self.line_keys(&doc.text))
                    .collect()
            });
            for document in &keys {
                counter.add(document);
            }
            self.repeated_lines(counter, &mut stats)
        });
        let processed: Vec<(u64, Processed)> = self.pool.install(|| {
            docs.into_par_iter()
                .map(|doc| {
                    (
                        doc.text.len() as u64,
                        self.process_in(doc, Mode::Clean, repeated.as_ref()),
                    )
                })
                .collect()
        });
        let mut documents = Vec::with_capacity(processed.len());
        for (bytes_in, processed) in processed {
            stats.documents_in += 1;
            stats.bytes_in += bytes_in;
            count_events(&mut stats, &processed.events, &processed.removals);
            match processed.verdict {
                Verdict::Keep(doc) => documents.push(doc),
                Verdict::Drop(reason) => stats.count_drop(reason),
            }
        }
        if self.config.dedup.enabled {
            documents = self.drop_duplicates(documents, &mut stats)?;
        }
        for doc in &documents {
            stats.documents_out += 1;
            stats.bytes_out += doc.text.len() as u64;
        }
        stats.seconds = started.elapsed().as_secs_f64();
        Ok(Cleaned { documents, stats })
    }

    /// Near-duplicate detection over in-memory documents: duplicates dropped (counted), or every
    /// document annotated.
    fn drop_duplicates(&self, docs: Vec<Document>, stats: &mut Stats) -> Result<Vec<Document>> {
        let mut index = DedupIndex::new(&self.config.dedup);
        let entries: Vec<_> = self
            .pool
            .install(|| docs.par_iter().map(|doc| index.entry(doc)).collect());
        for entry in entries {
            index.push(entry)?;
        }
        let resolution = self.pool.install(|| index.resolve())?;
        stats.dedup = Some(resolution.summary().clone());
        let annotate = self.config.dedup.annotate;
        let mut kept = Vec::with_capacity(docs.len());
        for (i, mut doc) in docs.into_iter().enumerate() {
            if annotate {
                for (field, value) in resolution.annotation(i, &doc.id) {
                    doc.meta.insert(field.into(), value);
                }
            } else if resolution.is_duplicate(i) {
                stats.count_drop(DropReason::Duplicate);
                continue;
            }
            kept.push(doc);
        }
        Ok(kept)
    }
}

fn count_events(stats: &mut Stats, events: &[(&'static str, &'static str)], removals: &[Removal]) {
    for (stage, counter) in events {
        stats.count_stage(stage, counter, 1);
    }
    for removal in removals {
        stats.count_stage("boilerplate", &removal.rule, 1);
        stats.count_stage("boilerplate_kinds", removal.kind.as_str(), 1);
    }
}

//! Builds the stages from a [`Config`] and runs them over a corpus: documents stream through in
//! batches, each batch is processed in parallel with rayon and written back in input order.

mod calibrate;
mod config;
mod feed;
mod file;
mod held;
mod line_pass;
mod locate;
mod near_duplicates;
mod observer;
mod outputs;
mod run;
mod shards;
mod stream;
mod unchanged;
mod worker;

pub use crate::stage::StageConfig;
pub use calibrate::Calibrated;
pub use config::Config;
pub use observer::Observer;
pub use outputs::{MergeLines, load_index, merge_line_tables, merge_line_tables_with, save_index};
pub use run::{Job, Run, RunOptions};
pub use shards::SignedShard;

use rayon::prelude::*;

use crate::boilerplate::{Kind, LineCounter, Removal, RepeatedLines, document_keys};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::stage::{Decision, Stage, StageRun};
use crate::stats::{DropReason, Stats};
use stream::{Destination, Source};

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
    /// What the stage that dropped the document measured, keyed by the stage (`quality`).
    pub drop_detail: Option<(&'static str, serde_json::Value)>,
}

/// The outcome of [`Pipeline::clean`]: kept documents in input order, and the stats.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaned {
    /// Documents kept, cleaned, in input order.
    pub documents: Vec<Document>,
    /// Counters; `documents_in == documents.len() + dropped`.
    pub stats: Stats,
}

/// The cleaning pipeline: the stages of a [`Config`], in its order (by default header
/// extraction, repair, language detection and filter, boilerplate stripping, minimum length,
/// typography, then near-duplicates across the corpus).
///
/// Build it once from a [`Config`] and use it for in-memory documents ([`Pipeline::clean`],
/// [`Pipeline::process`]) or for files (a [`Run`]: cleaning, near-duplicates alone, languages alone).
pub struct Pipeline {
    config: Config,
    pool: rayon::ThreadPool,
    /// The per-document stages, in order (near-duplicates, across the corpus, are not one).
    stages: Vec<Box<dyn Stage>>,
    /// How many stages `detect` runs (up to and with the language stage); `None` without one.
    detect_stages: Option<usize>,
    /// The stages the repeated-line count runs before keying the lines (those before the
    /// boilerplate stage that removes repeated lines which change the text, and the language
    /// stage when one of them reads it), by position in `stages`.
    key_stages: Vec<usize>,
    /// The first of `key_stages` whose work follows from the text alone
    /// ([`Stage::text_only`]): the main pass skips it for the texts the count saw it keep.
    text_only_key_stage: Option<usize>,
    /// Fingerprint of the settings that shape line keys (see [`Pipeline::line_settings`]).
    line_settings: u64,
}

impl Pipeline {
    /// The files `inputs` name. Without an html stage, web pages (`.html`, `.warc`) found in a
    /// directory are ignored with the other files tamis does not read (as before it read
    /// pages), and a page named on the command line is refused.
    pub(crate) fn expand(&self, inputs: &[crate::io::Input]) -> Result<crate::io::Expanded> {
        let mut expanded = crate::io::expand_inputs(inputs, self.config.read.format)?;
        if self.config.has("html") {
            return Ok(expanded);
        }
        let is_page =
            |file: &crate::io::SourceFile| file.format.is_some_and(crate::io::Format::is_web_page);
        let walked: Vec<String> = expanded
            .files
            .iter()
            .filter(|file| !file.explicit && is_page(file))
            .map(|file| file.display.clone())
            .collect();
        if !walked.is_empty() {
            expanded
                .files
                .retain(|file| file.explicit || !is_page(file));
            expanded
                .ignored
                .push(("web pages, without the html stage".to_owned(), walked));
        }
        if let Some(page) = expanded.files.iter().find(|file| is_page(file)) {
            return Err(Error::config(
                "stages",
                format!(
                    "{} holds web pages, but the pipeline has no \"html\" stage to extract \
                     their text: list `[[stages]] type = \"html\"` first in the pipeline file \
                     (tamis clean adds it by itself when no --config is given), or read a page \
                     as plain text with read.format = \"txt\"",
                    page.display
                ),
            ));
        }
        Ok(expanded)
    }

    /// Checks `config` (the order of its stages included) and builds its stages and the worker
    /// pool.
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
        let mut built: Vec<&StageConfig> = Vec::new();
        let mut detect_stages = None;
        let mut key_stages = Vec::new();
        for stage_config in &config.stages {
            if stage_config.counts_repeated_lines() {
                let reads_language = built.iter().any(|s| s.reads_language());
                key_stages = (0..stages.len())
                    .filter(|&i| {
                        stages[i].changes_text()
                            || (reads_language && matches!(built[i], StageConfig::Language(_)))
                    })
                    .collect();
            }
            let Some(stage) = stage_config.build()? else {
                continue;
            };
            stages.push(stage);
            built.push(stage_config);
            if matches!(stage_config, StageConfig::Language(_)) {
                detect_stages = Some(stages.len());
            }
        }
        let max_chars = config
            .repeated_line_settings()
            .map(|b| b.repeated_line_max_chars);
        let key_configs: Vec<&StageConfig> = key_stages.iter().map(|&i| built[i]).collect();
        let shaping = serde_json::json!([key_configs, max_chars]);
        let line_settings = xxhash_rust::xxh3::xxh3_64(shaping.to_string().as_bytes());
        let text_only_key_stage = key_stages.iter().copied().find(|&i| stages[i].text_only());
        Ok(Pipeline {
            config,
            pool,
            stages,
            detect_stages,
            key_stages,
            text_only_key_stage,
            line_settings,
        })
    }

    /// The configuration this pipeline was built from.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Adds a stage of the caller's after the built-in ones (after typography, before
    /// near-duplicates): it runs in [`Pipeline::clean`], [`Pipeline::process`] and cleaning
    /// [`Run`]s, in parallel like the others. Its counters go to the stats under the stage's
    /// name; a document it drops is counted under the reason it gives.
    ///
    /// ```
    /// use tamis::stage::{Decision, Stage, StageRun};
    /// use tamis::{Config, Document, DropReason, Pipeline};
    ///
    /// /// Drops documents that still hold a URL.
    /// struct NoUrls;
    ///
    /// impl Stage for NoUrls {
    ///     fn name(&self) -> &'static str {
    ///         "no_urls"
    ///     }
    ///     fn process(&self, doc: &mut Document, run: &mut StageRun<'_>) -> Decision {
    ///         if run.filter && doc.text.contains("http") {
    ///             run.events.push(("no_urls", "dropped"));
    ///             return Decision::Drop(DropReason::Other("url"));
    ///         }
    ///         Decision::Keep
    ///     }
    /// }
    ///
    /// let config = Config::default().without("min_words");
    /// let pipeline = Pipeline::new(config)?.with_stage(NoUrls);
    /// let cleaned = pipeline.clean(vec![
    ///     Document::new("a", "Voir https://example.org pour la suite."),
    ///     Document::new("b", "Le texte entier est ici, sans lien."),
    /// ])?;
    /// assert_eq!(cleaned.documents.len(), 1);
    /// assert_eq!(cleaned.stats.dropped["url"], 1);
    /// assert_eq!(cleaned.stats.stages["no_urls"]["dropped"], 1);
    /// # Ok::<(), tamis::Error>(())
    /// ```
    pub fn with_stage(mut self, stage: impl Stage + 'static) -> Self {
        self.stages.push(Box::new(stage));
        self
    }

    /// Number of worker threads.
    pub fn threads(&self) -> usize {
        self.pool.current_num_threads()
    }

    /// Runs the per-document stages on one document (lines repeated across a corpus need the
    /// corpus: see [`Pipeline::clean`] and a [`Run`]).
    pub fn process(&self, doc: Document) -> Processed {
        self.process_with(doc, &self.stages, true, None, true, None)
    }

    /// Runs the per-document stages on each document in parallel, on the pipeline's threads:
    /// one result per document, in input order, dropped ones included (as
    /// [`Verdict::Drop`]). Nothing is done across documents: for lines repeated across a corpus
    /// and near-duplicates, see [`Pipeline::clean`].
    ///
    /// ```
    /// use tamis::{Config, Document, DropReason, Pipeline, StageConfig, Verdict};
    ///
    /// let mut config = Config::default();
    /// config.set(StageConfig::MinWords { min_words: 3 });
    /// let pipeline = Pipeline::new(config)?;
    /// let results = pipeline.process_batch(vec![
    ///     Document::new("a", "Die Weinlese hat am Montag im Rheingau begonnen."),
    ///     Document::new("b", "Zu kurz."),
    /// ]);
    /// assert!(matches!(&results[0].verdict, Verdict::Keep(doc) if doc.meta["lang"] == "deu"));
    /// assert_eq!(results[1].verdict, Verdict::Drop(DropReason::TooShort));
    /// # Ok::<(), tamis::Error>(())
    /// ```
    pub fn process_batch(&self, docs: Vec<Document>) -> Vec<Processed> {
        self.pool
            .install(|| docs.into_par_iter().map(|doc| self.process(doc)).collect())
    }

    /// `text` as the boilerplate stage that removes repeated lines will see it: what the
    /// repeated-line count keys. Decisions are ignored: every readable document is counted.
    /// With it, the [hash](unchanged::text_hash) of the text the text-only key stage received,
    /// when it kept that text unchanged and raised no event.
    fn key_text(&self, text: &str) -> (String, Option<u64>) {
        let mut doc = Document::new("", text);
        let mut run = StageRun {
            filter: false,
            explain: false,
            ..StageRun::default()
        };
        let mut kept = None;
        for &i in &self.key_stages {
            if Some(i) != self.text_only_key_stage {
                self.stages[i].process(&mut doc, &mut run);
                continue;
            }
            let (hash, events) = (unchanged::text_hash(&doc.text), run.events.len());
            let decision = self.stages[i].process(&mut doc, &mut run);
            if decision == Decision::Keep
                && run.events.len() == events
                && !doc.text.is_empty()
                && unchanged::text_hash(&doc.text) == hash
            {
                kept = Some(hash);
            }
        }
        (doc.text, kept)
    }

    /// The near-duplicate stage's settings, which near-duplicate jobs need.
    pub(crate) fn dedup_settings(&self) -> Result<&crate::dedup::DedupConfig> {
        self.config.dedup().ok_or_else(|| {
            Error::config(
                "stages",
                "finding near-duplicates needs a dedup stage: this pipeline has none",
            )
        })
    }

    /// Whether runs count corpus-repeated lines first.
    fn counts_repeated_lines(&self) -> bool {
        self.config.repeated_line_settings().is_some()
    }

    /// The fewest documents a line is in to be removed as repeated (0 when none is).
    fn repeated_line_min_docs(&self) -> u32 {
        self.config
            .repeated_line_settings()
            .map_or(0, |b| b.repeated_line_min_docs)
    }

    /// The longest line counted as repeated (0 when none is).
    fn repeated_line_max_chars(&self) -> usize {
        self.config
            .repeated_line_settings()
            .map_or(0, |b| b.repeated_line_max_chars)
    }

    /// Fingerprint of the settings that shape line keys: the stages the count runs before
    /// keying and the longest line counted. Line tables carry it, so shards are counted and
    /// cleaned alike.
    pub fn line_settings(&self) -> u64 {
        self.line_settings
    }

    /// The line keys of one document, for the repeated-line count, and the hash of the text
    /// the text-only key stage kept unchanged (see [`Pipeline::key_text`]).
    fn line_keys(&self, text: &str) -> (Vec<u64>, Option<u64>) {
        let (text, kept) = self.key_text(text);
        (document_keys(&text, self.repeated_line_max_chars()), kept)
    }

    /// Runs `stages` on `doc`; they may drop it only when `filter` is true; the classifier's
    /// removals say why when `explain` is. `unchanged`: a stage (by position) and the hash of a
    /// text it is known to keep as it is, with no event ([`Stage::text_only`]): skipped when
    /// it receives that text.
    fn process_with(
        &self,
        mut doc: Document,
        stages: &[Box<dyn Stage>],
        filter: bool,
        repeated: Option<&RepeatedLines>,
        explain: bool,
        unchanged: Option<(usize, u64)>,
    ) -> Processed {
        let mut run = StageRun {
            repeated,
            filter,
            explain,
            ..StageRun::default()
        };
        for (i, stage) in stages.iter().enumerate() {
            if let Some((at, hash)) = unchanged
                && at == i
                && unchanged::text_hash(&doc.text) == hash
            {
                continue;
            }
            if let Decision::Drop(reason) = stage.process(&mut doc, &mut run) {
                return Processed {
                    verdict: Verdict::Drop(reason),
                    events: run.events,
                    removals: run.removals,
                    drop_detail: run.drop_detail,
                };
            }
        }
        Processed {
            verdict: Verdict::Keep(doc),
            events: run.events,
            removals: run.removals,
            drop_detail: None,
        }
    }

    /// The lines to remove, from the counts of the first pass; the sizes go to the stats.
    fn repeated_lines(&self, counter: LineCounter, stats: &mut Stats) -> RepeatedLines {
        let distinct = counter.distinct_lines() as u64;
        let repeated = counter.repeated(self.repeated_line_min_docs());
        stats.count_stage("repeated_lines", "distinct_lines", distinct);
        stats.count_stage("repeated_lines", "repeated_lines", repeated.len() as u64);
        repeated
    }

    /// Cleans in-memory documents in parallel; the kept ones come back in input order. Lines
    /// repeated across the documents are counted first (see
    /// [`BoilerplateConfig`](crate::boilerplate::BoilerplateConfig)), and near-duplicates are
    /// removed (or annotated) last. The same loop as a [`Run`] over files: the same documents
    /// give the same results and stats.
    ///
    /// Fails only when near-duplicate detection cannot write its temporary file (past 64 MiB of
    /// keys).
    pub fn clean(&self, docs: Vec<Document>) -> Result<Cleaned> {
        let (stats, documents) = self.drive(
            Source::Documents(docs),
            Destination::Memory,
            Job::Clean,
            &mut (),
        )?;
        Ok(Cleaned { documents, stats })
    }
}

fn count_events(stats: &mut Stats, events: &[(&'static str, &'static str)], removals: &[Removal]) {
    for (stage, counter) in events {
        stats.count_stage(stage, counter, 1);
    }
    for removal in removals {
        // Blocks the HTML stage left out count under it (`html.nav`…), lines C4's rules removed
        // under quality (`quality.c4_policy`…), lines under boilerplate.
        if removal.kind == Kind::LowQuality {
            stats.count_stage("quality", &removal.rule, 1);
            continue;
        }
        let stage = if removal.rule.starts_with("html.") {
            "html"
        } else {
            "boilerplate"
        };
        stats.count_stage(stage, &removal.rule, 1);
        stats.count_stage("boilerplate_kinds", removal.kind.as_str(), 1);
    }
}

//! [`Run`]: one run of a pipeline over files, described by a builder: what to read, what to
//! write, which job (clean, near-duplicates alone, languages alone), who hears about progress.

use std::path::PathBuf;

use super::stream::{Destination, Source};
use super::{Observer, Pipeline};
use crate::error::{Error, Result};
use crate::io::{Input, OutputFormat, OutputSpec, RecordEncoder};
use crate::lang::LANG_FIELDS;
use crate::stats::Stats;

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
    /// Lines repeated across the whole corpus, counted shard by shard and merged
    /// (`tamis lines count` / `merge`): used instead of counting this run's inputs.
    pub line_table: Option<PathBuf>,
    /// Where to write the run's report as one self-contained HTML page
    /// ([`report`](crate::report)).
    pub html: Option<PathBuf>,
    /// Cut the documents' output into numbered files (`out-00000.parquet`, …) of at most so
    /// many documents or bytes.
    pub shard: Option<crate::io::ShardLimit>,
    /// How a Parquet output's pages are compressed (zstd by default).
    pub parquet_compression: crate::io::ParquetCompression,
}

/// What a [`Run`] does with the documents it reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Job {
    /// Every stage, near-duplicates last (what `tamis clean` does); needs an output.
    #[default]
    Clean,
    /// Near-duplicate detection alone, on the documents as read (what `tamis dedup` does).
    Dedup,
    /// The stages up to language detection, nothing dropped; writes each document's id and
    /// language fields (what `tamis detect` does), as JSON or, with `tsv`, tab-separated values
    /// under a header line. Needs an output.
    Detect {
        /// Tab-separated instead of JSON.
        tsv: bool,
    },
}

/// One run of a [`Pipeline`] over files. The outputs appear together, atomically, only when
/// the whole run succeeds; an input is never overwritten.
///
/// ```no_run
/// use tamis::io::{Input, OutputFormat, OutputSpec};
/// use tamis::{Config, Pipeline, Run};
///
/// let pipeline = Pipeline::new(Config::default())?;
/// let stats = Run::new(&pipeline)
///     .inputs([Input::parse("corpus/")])
///     .output(OutputSpec::parse("cleaned.jsonl.zst", OutputFormat::Jsonl))
///     .report(OutputSpec::parse("duplicates.jsonl", OutputFormat::Jsonl))
///     .save_index("seen.idx")
///     .execute()?;
/// println!("{}", stats.summary());
/// # Ok::<(), tamis::Error>(())
/// ```
pub struct Run<'a> {
    pipeline: &'a Pipeline,
    inputs: Vec<Input>,
    job: Job,
    output: Option<OutputSpec>,
    options: RunOptions,
    observer: Option<&'a mut dyn Observer>,
}

impl<'a> Run<'a> {
    /// A run of `pipeline` that cleans, with no input and no output yet.
    pub fn new(pipeline: &'a Pipeline) -> Self {
        Run {
            pipeline,
            inputs: Vec::new(),
            job: Job::Clean,
            output: None,
            options: RunOptions::default(),
            observer: None,
        }
    }

    /// Adds inputs: files, directories or stdin (`Input::parse("-")`), read in order.
    pub fn inputs(mut self, inputs: impl IntoIterator<Item = Input>) -> Self {
        self.inputs.extend(inputs);
        self
    }

    /// What the run does (cleaning by default).
    pub fn job(mut self, job: Job) -> Self {
        self.job = job;
        self
    }

    /// Where the kept documents (or, for [`Job::Detect`], the languages) go.
    pub fn output(mut self, output: OutputSpec) -> Self {
        self.output = Some(output);
        self
    }

    /// One JSON line per removed boilerplate line: `{id, line, text, rule, kind, why}`.
    pub fn explain(mut self, explain: OutputSpec) -> Self {
        self.options.explain = Some(explain);
        self
    }

    /// The duplicates report: one JSON line per cluster of near-duplicates.
    pub fn report(mut self, report: OutputSpec) -> Self {
        self.options.report = Some(report);
        self
    }

    /// Saves the index of the kept documents here (compressed by a `.gz` / `.zst` name), for a
    /// later [`Run::against`].
    pub fn save_index(mut self, path: impl Into<PathBuf>) -> Self {
        self.options.save_index = Some(path.into());
        self
    }

    /// Deduplicates against an index saved by an earlier run.
    pub fn against(mut self, path: impl Into<PathBuf>) -> Self {
        self.options.against = Some(path.into());
        self
    }

    /// One JSON line per document not written, with its reason and where it was read.
    pub fn rejects(mut self, rejects: OutputSpec) -> Self {
        self.options.rejects = Some(rejects);
        self
    }

    /// Writes the run's [`Stats`] as JSON here (`-`: on stdout at the end).
    pub fn stats(mut self, path: impl Into<PathBuf>) -> Self {
        self.options.stats = Some(path.into());
        self
    }

    /// Writes the run's report as one self-contained HTML page here: the accounting, languages,
    /// boilerplate removals with examples, the largest duplicate clusters with word diffs.
    pub fn html(mut self, path: impl Into<PathBuf>) -> Self {
        self.options.html = Some(path.into());
        self
    }

    /// Removes the lines a line table (of the whole corpus) says are repeated, instead of
    /// counting this run's inputs: how a shard of a corpus is cleaned as the whole would be.
    pub fn line_table(mut self, path: impl Into<PathBuf>) -> Self {
        self.options.line_table = Some(path.into());
        self
    }

    /// Cuts the documents' output into numbered files (`out-00000.parquet`, …) of at most so
    /// many documents or bytes.
    pub fn shard(mut self, limit: crate::io::ShardLimit) -> Self {
        self.options.shard = Some(limit);
        self
    }

    /// How a Parquet output's pages are compressed (zstd by default).
    pub fn parquet_compression(mut self, compression: crate::io::ParquetCompression) -> Self {
        self.options.parquet_compression = compression;
        self
    }

    /// Every extra output at once.
    pub fn options(mut self, options: RunOptions) -> Self {
        self.options = options;
        self
    }

    /// Who hears about progress, notices and bad input.
    pub fn observe(mut self, observer: &'a mut dyn Observer) -> Self {
        self.observer = Some(observer);
        self
    }

    /// Runs: reads every input, writes every output, and returns the stats.
    pub fn execute(self) -> Result<Stats> {
        let Run {
            pipeline,
            inputs,
            job,
            output,
            options,
            observer,
        } = self;
        let mut silent = ();
        let observer: &mut dyn Observer = match observer {
            Some(observer) => observer,
            None => &mut silent,
        };
        let needs_output = |what: &str| {
            Error::config(
                "output",
                format!("{what} writes its result to an `output`: give one"),
            )
        };
        let (encoder, output) = match job {
            Job::Clean => {
                let output = output.ok_or_else(|| needs_output("cleaning"))?;
                (pipeline.document_encoder(&output), Some(output))
            }
            Job::Dedup => {
                pipeline.dedup_settings()?;
                let encoder = match &output {
                    Some(output) => pipeline.document_encoder(output),
                    None => RecordEncoder::new(OutputFormat::Jsonl, "id", "text"),
                };
                (encoder, output)
            }
            Job::Detect { tsv } => {
                if pipeline.detect_stages.is_none() {
                    return Err(Error::config(
                        "stages",
                        "language detection needs a language stage: this pipeline has none",
                    ));
                }
                let output = output.ok_or_else(|| needs_output("language detection"))?;
                let encoder = RecordEncoder::Languages {
                    tsv,
                    fields: &LANG_FIELDS,
                };
                (encoder, Some(output))
            }
        };
        let destination = Destination::Files {
            output: output.as_ref(),
            encoder: &encoder,
            options: &options,
        };
        let (stats, _) = pipeline.drive(Source::Inputs(&inputs), destination, job, observer)?;
        Ok(stats)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    #[test]
    fn a_run_without_its_output_or_its_stage_says_what_is_missing() {
        let pipeline = Pipeline::new(Config::default()).unwrap();
        let error = Run::new(&pipeline)
            .inputs([Input::parse("corpus")])
            .execute()
            .unwrap_err();
        assert!(
            matches!(&error, Error::Config(c) if c.field == "output"),
            "{error}"
        );
        let error = Run::new(&pipeline)
            .job(Job::Detect { tsv: true })
            .inputs([Input::parse("corpus")])
            .execute()
            .unwrap_err();
        assert!(error.to_string().contains("language detection"), "{error}");
        let mut no_lang = Config::default();
        no_lang.remove("language");
        let pipeline = Pipeline::new(no_lang).unwrap();
        let error = Run::new(&pipeline)
            .job(Job::Detect { tsv: false })
            .output(OutputSpec::parse("-", OutputFormat::Jsonl))
            .execute()
            .unwrap_err();
        assert!(
            matches!(&error, Error::Config(c) if c.field == "stages"),
            "{error}"
        );
    }
}

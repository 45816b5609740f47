//! Running a pipeline over files: a reader thread streams raw records in bounded batches, the
//! workers parse and process each batch in parallel, and the results are accounted for and
//! written in input order.

use std::sync::atomic::Ordering;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::time::Instant;

use rayon::prelude::*;

use super::{Mode, Observer, Pipeline, Processed, Verdict, count_events};
use crate::boilerplate::{LineCounter, Removal, RepeatedLines};
use crate::error::{Error, Result};
use crate::io::{
    self, BadInput, BadInputPolicy, Input, OutputSpec, Parsed, RawReader, RawRecord, RecordEncoder,
};
use crate::stats::{DropReason, Stats};

/// Batches waiting between the reader thread and the workers.
const BATCHES_IN_FLIGHT: usize = 2;

/// One raw record after parsing and processing, ready to be accounted for and written.
struct Outcome {
    problem: Option<BadInput>,
    bytes_in: u64,
    events: Vec<(&'static str, &'static str)>,
    /// The document's id and the lines the boilerplate stage removed from it.
    removals: (String, Vec<Removal>),
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
    /// How cleaned documents are written to `output`, with the configured field names.
    fn document_encoder(&self, output: &OutputSpec) -> RecordEncoder {
        let read = &self.config.read;
        RecordEncoder::new(output.format, &read.id_field, &read.text_field)
    }

    /// Reads `inputs`, cleans every document and writes the kept ones to `output`, which only
    /// appears (atomically) if the whole run succeeds.
    pub fn run(
        &self,
        inputs: &[Input],
        output: &OutputSpec,
        observer: &mut dyn Observer,
    ) -> Result<Stats> {
        let encoder = self.document_encoder(output);
        self.run_with(inputs, output, None, &encoder, Mode::Clean, observer)
    }

    /// Like [`Pipeline::run`], and also writes to `explain` one JSON line per removed
    /// boilerplate line: `{id, line, text, rule, kind}`, in input order.
    pub fn run_explaining(
        &self,
        inputs: &[Input],
        output: &OutputSpec,
        explain: &OutputSpec,
        observer: &mut dyn Observer,
    ) -> Result<Stats> {
        let encoder = self.document_encoder(output);
        self.run_with(
            inputs,
            output,
            Some(explain),
            &encoder,
            Mode::Clean,
            observer,
        )
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
        self.run_with(inputs, output, None, &encoder, Mode::Detect, observer)
    }

    fn run_with(
        &self,
        inputs: &[Input],
        output: &OutputSpec,
        explain: Option<&OutputSpec>,
        encoder: &RecordEncoder,
        mode: Mode,
        observer: &mut dyn Observer,
    ) -> Result<Stats> {
        let started = Instant::now();
        let mut expanded = io::expand_inputs(inputs, self.config.read.format)?;
        // The sinks create missing parent directories, so the paths are comparable only after.
        let mut sink = io::open_sink(output)?;
        io::check_output_not_input(output, &expanded)?;
        if let (Some(spec), Some(out)) = (explain, &output.path)
            && spec.path.as_ref() == Some(out)
        {
            return Err(Error::Config(format!(
                "--explain and -o both name {}; give the explanations a file of their own",
                out.display()
            )));
        }
        let mut explain_sink = match explain {
            Some(spec) => {
                let explain_sink = io::open_sink(spec)?;
                io::check_output_not_input(spec, &expanded)?;
                Some(explain_sink)
            }
            None => None,
        };
        for (dir, names) in &expanded.ignored {
            observer.notice(&ignored_notice(dir, names));
        }
        let mut stats = Stats::default();
        // Counting repeated lines reads the input twice: stdin is copied to a temporary file,
        // which lives until the end of the run.
        let (repeated, _stdin_copy) = if mode == Mode::Clean && self.counts_repeated_lines() {
            let stdin_copy = io::spool_stdin(&mut expanded.files)?;
            observer.start(total_size(&expanded.files));
            observer.phase("counting repeated lines");
            let repeated =
                self.count_repeated_lines(expanded.files.clone(), &mut stats, observer)?;
            observer.phase("cleaning");
            (Some(repeated), stdin_copy)
        } else {
            observer.start(total_size(&expanded.files));
            (None, None)
        };

        if let Some(header) = encoder.header() {
            sink.write("", header)?;
        }
        let reader = RawReader::new(expanded.files);
        let bytes_read = reader.raw_bytes_read();
        std::thread::scope(|scope| -> Result<()> {
            let (sender, batches) = sync_channel(BATCHES_IN_FLIGHT);
            let (max_docs, max_bytes) = (self.config.batch_documents, self.config.batch_bytes);
            scope.spawn(move || send_batches(reader, &sender, max_docs, max_bytes));
            for batch in batches {
                let batch = batch?;
                let outcomes: Vec<Outcome> = self.pool.install(|| {
                    batch
                        .into_par_iter()
                        .map(|raw| self.process_raw(raw, encoder, mode, repeated.as_ref()))
                        .collect()
                });
                for outcome in outcomes {
                    if let Some(explain) = explain_sink.as_mut() {
                        write_explanations(&outcome.removals, explain.as_mut())?;
                    }
                    self.account(outcome, &mut stats, sink.as_mut(), observer)?;
                }
                observer.progress(bytes_read.load(Ordering::Relaxed), &stats);
            }
            Ok(())
        })?;
        sink.finish()?;
        if let Some(explain) = explain_sink {
            explain.finish()?;
        }
        stats.seconds = started.elapsed().as_secs_f64();
        Ok(stats)
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
        let mut reader = reader.peekable();
        while reader.peek().is_some() {
            let batch = reader
                .by_ref()
                .take(self.config.batch_documents)
                .collect::<Result<Vec<RawRecord>>>()?;
            let keys: Vec<Vec<u64>> = self.pool.install(|| {
                batch
                    .into_par_iter()
                    .map(|raw| match io::parse_record(raw, &self.config.read) {
                        Parsed::Document { doc, .. } => self.line_keys(&doc.text),
                        Parsed::Bad(_) => Vec::new(), // reported by the main pass
                    })
                    .collect()
            });
            for document in &keys {
                counter.add(document);
            }
            observer.progress(bytes_read.load(Ordering::Relaxed), stats);
        }
        Ok(self.repeated_lines(counter, stats))
    }

    fn process_raw(
        &self,
        raw: RawRecord,
        encoder: &RecordEncoder,
        mode: Mode,
        repeated: Option<&RepeatedLines>,
    ) -> Outcome {
        let (doc, problem) = match io::parse_record(raw, &self.config.read) {
            Parsed::Bad(bad) => {
                return Outcome {
                    problem: Some(bad),
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
        } = self.process_in(doc, mode, repeated);
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
            removals: (id, removals),
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
        count_events(stats, &outcome.events, &outcome.removals.1);
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

/// The size of the inputs on disk, when every one is known.
fn total_size(files: &[io::SourceFile]) -> Option<u64> {
    files.iter().map(|f| f.size).sum()
}

/// Writes one `{id, line, text, rule, kind}` line per removed line.
fn write_explanations(
    (id, removals): &(String, Vec<Removal>),
    sink: &mut dyn io::Sink,
) -> Result<()> {
    for removal in removals {
        let record = serde_json::json!({
            "id": id,
            "line": removal.line,
            "text": removal.text,
            "rule": removal.rule,
            "kind": removal.kind.as_str(),
        });
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

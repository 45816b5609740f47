//! The two stages of sharded near-duplicate detection that read documents: signing a shard
//! (`tamis dedup sign`) and filtering it with its part of the clusters (`tamis dedup filter`).
//! The stages in between exchange files only (see [`crate::dedup::sharded`]).

use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::mpsc::sync_channel;

use rayon::prelude::*;
use serde_json::Value;

use super::feed::{BATCHES_IN_FLIGHT, Item, send_batches};
use super::outputs::{commit_with_stats, ignored_notice};
use super::worker::count_language;
use super::{Observer, Pipeline};
use crate::dedup::sharded::{ShardClusters, ShardFingerprint, ShardInfo, ShardSigner};
use crate::dedup::{DedupIndex, Entry, annotation_fields};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::io::{
    self, BadInputPolicy, Format, Input, NamedPath, OutputFormat, OutputSpec, Parsed, RawReader,
    Ready, RecordEncoder,
};
use crate::stats::{DropReason, Stats};

/// A shard signed by [`Pipeline::sign_shard`].
#[derive(Debug)]
pub struct SignedShard {
    /// The shard as the later stages know it.
    pub shard: ShardInfo,
    /// Records skipped as bad input (not documents: `dedup filter` skips them too).
    pub bad_records: u64,
}

/// One record parsed, with its raw line when it may be written as it was read.
struct ParsedRecord {
    parsed: Parsed,
    line: Option<Vec<u8>>,
}

impl Pipeline {
    /// Reads `inputs` (one shard) in parallel batches and hands each parsed record to `each`,
    /// in input order. Bad records follow `on_bad_input`: an error, or reported to `observer`
    /// and handed on as [`Parsed::Bad`].
    fn for_each_record(
        &self,
        inputs: &[Input],
        keep_lines: bool,
        observer: &mut dyn Observer,
        mut each: impl FnMut(ParsedRecord, &mut dyn Observer) -> Result<()>,
    ) -> Result<()> {
        let expanded = self.expand(inputs)?;
        for (dir, names) in &expanded.ignored {
            observer.notice(&ignored_notice(dir, names));
        }
        observer.start(expanded.files.iter().map(|f| f.size).sum());
        let reader = RawReader::new(expanded.files).text_field(&self.config.read.text_field);
        let bytes_read = reader.raw_bytes_read();
        let items = reader.map(|raw| raw.map(Item::Raw));
        let read = &self.config.read;
        let stats = Stats::default();
        // A reader thread reads and splits the input while the workers parse the batch before,
        // as in the main loop.
        std::thread::scope(|scope| -> Result<()> {
            let (sender, batches) = sync_channel(BATCHES_IN_FLIGHT);
            let (max_docs, max_bytes) = (self.config.batch_documents, self.config.batch_bytes);
            scope.spawn(move || send_batches(items, &sender, max_docs, max_bytes));
            for batch in batches {
                let batch = match batch {
                    // A shard left empty by cleaning is a shard of no document.
                    Err(Error::EmptyInput { path, .. }) => {
                        observer.notice(&format!("{path}: input is empty (no documents)"));
                        break;
                    }
                    other => other?,
                };
                let parsed: Vec<ParsedRecord> = self.pool.install(|| {
                    batch
                        .into_par_iter()
                        .filter_map(|item| match item {
                            Item::Raw(raw) => Some(raw),
                            Item::Document(_) => None,
                        })
                        .map(|raw| {
                            let line = (keep_lines && raw.format == Format::Jsonl).then(|| {
                                let mut line = raw.bytes.clone();
                                line.push(b'\n');
                                line
                            });
                            ParsedRecord {
                                parsed: io::parse_record(raw, read),
                                line,
                            }
                        })
                        .collect()
                });
                for record in parsed {
                    let problem = match &record.parsed {
                        Parsed::Bad(bad) => Some(bad),
                        Parsed::Document { invalid_utf8, .. } => invalid_utf8.as_ref(),
                    };
                    if let Some(problem) = problem {
                        if self.config.on_bad_input == BadInputPolicy::Fail {
                            return Err(Error::BadInput(problem.clone()));
                        }
                        observer.bad_input(problem);
                    }
                    each(record, observer)?;
                }
                observer.progress(bytes_read.load(Ordering::Relaxed), &stats);
            }
            Ok(())
        })
    }

    /// Signs the documents of one shard (`inputs`, read in order) for sharded near-duplicate
    /// detection, with this pipeline's reading and `dedup` settings; `name` is how the later
    /// stages will name the shard (`tamis dedup filter` finds its part by it). Writes the
    /// signature file to `output` (whole or not at all; never compressed). The documents are
    /// signed as they are read: give the shard as it will be filtered (cleaned already).
    pub fn sign_shard(
        &self,
        inputs: &[Input],
        name: &str,
        output: &Path,
        observer: &mut dyn Observer,
    ) -> Result<SignedShard> {
        let config = self.dedup_settings()?;
        config.validate()?;
        crate::dedup::sharded::check_stage_output(output, inputs.iter().filter_map(Input::path))?;
        let maker = DedupIndex::new(config).entry_maker();
        let mut signer = ShardSigner::new(config, name);
        let mut bad_records = 0;
        observer.phase("signing");
        // Entries are made on the workers: collect a batch's documents, sign them in parallel.
        let mut pending: Vec<Document> = Vec::new();
        let sign = |docs: &mut Vec<Document>, signer: &mut ShardSigner| -> Result<()> {
            let entries: Vec<Entry> = self
                .pool
                .install(|| docs.par_iter().map(|doc| maker.entry(doc)).collect());
            docs.clear();
            entries.iter().try_for_each(|entry| signer.push(entry))
        };
        self.for_each_record(inputs, false, observer, |record, _| {
            match record.parsed {
                Parsed::Bad(_) => bad_records += 1,
                Parsed::Document { doc, .. } => pending.push(doc),
            }
            if pending.len() >= self.config.batch_documents.max(1) {
                sign(&mut pending, &mut signer)?;
            }
            Ok(())
        })?;
        sign(&mut pending, &mut signer)?;
        let shard = signer.info();
        let mut sink = io::open_sink(&OutputSpec {
            path: Some(output.to_path_buf()),
            format: OutputFormat::Jsonl,
        })?;
        signer.write(&mut |bytes| sink.write("", bytes))?;
        sink.finish()?.commit()?;
        Ok(SignedShard { shard, bad_records })
    }

    /// Writes the documents of one shard (`inputs`, read as they were signed) that its part of
    /// the clusters keeps to `output` (every one, annotated, when the run annotates), and the
    /// report lines of the clusters that start in the shard to `report`. Checks that the
    /// documents are those signed (count, ids and lengths): nothing is written otherwise.
    pub fn filter_shard(
        &self,
        inputs: &[Input],
        clusters: &ShardClusters,
        output: &OutputSpec,
        report: Option<&OutputSpec>,
        stats_path: Option<&Path>,
        observer: &mut dyn Observer,
    ) -> Result<Stats> {
        let started = std::time::Instant::now();
        let read: Vec<NamedPath<'_>> = inputs
            .iter()
            .filter_map(Input::path)
            .map(|path| NamedPath::new("inputs", path))
            .collect();
        let written: Vec<NamedPath<'_>> = [
            ("output", output.path.as_deref()),
            ("report", report.and_then(|r| r.path.as_deref())),
            ("stats", stats_path),
        ]
        .into_iter()
        .filter_map(|(setting, path)| path.map(|path| NamedPath::new(setting, path)))
        .collect();
        io::check_paths(&read, &written)?;
        let annotate = clusters.dedup.annotate;
        let encoder = RecordEncoder::new(
            output.format,
            &self.config.read.id_field,
            &self.config.read.text_field,
        );
        let mut sink = io::open_sink(output)?;
        if let Some(header) = encoder.header() {
            sink.write("", &header)?;
        }
        let mut stats = Stats::default();
        let mut fingerprint = ShardFingerprint::default();
        let mut position = 0u64;
        let mut members = clusters.members.iter().peekable();
        let verbatim = !annotate && output.format == OutputFormat::Jsonl;
        observer.phase("filtering");
        self.for_each_record(inputs, verbatim, observer, |record, _| {
            let (doc, repaired) = match record.parsed {
                Parsed::Bad(_) => {
                    stats.documents_in += 1;
                    stats.count_drop(DropReason::BadRecord);
                    return Ok(());
                }
                Parsed::Document { doc, invalid_utf8 } => (doc, invalid_utf8.is_some()),
            };
            stats.documents_in += 1;
            if repaired {
                stats.invalid_utf8_documents += 1;
            }
            stats.bytes_in += doc.text.len() as u64;
            fingerprint.add(&doc.id, doc.text.len());
            let member = members.next_if(|m| m.position == position);
            let here = position;
            position += 1;
            if !annotate && member.is_some_and(|m| !m.kept) {
                stats.count_drop(DropReason::Duplicate);
                return Ok(());
            }
            stats.documents_out += 1;
            stats.bytes_out += doc.text.len() as u64;
            count_language(&mut stats, doc.meta.get("lang").and_then(Value::as_str));
            let id = doc.id.clone();
            let bytes = match record.line {
                Some(line) if !repaired => line,
                _ if annotate => {
                    let mut doc = doc;
                    let (cluster, size, kept) = match member {
                        Some(m) => (m.cluster, m.size, m.kept_id.clone()),
                        None => (clusters.offset + here, 1, doc.id.clone()),
                    };
                    for (field, value) in annotation_fields(cluster, size, kept) {
                        doc.meta.insert(field.into(), value);
                    }
                    encoder.encode(&doc)?
                }
                _ => encoder.encode(&doc)?,
            };
            sink.write(&id, &bytes)
        })?;
        let shard = &clusters.shard;
        if position != shard.documents || fingerprint.value() != shard.fingerprint {
            let input = crate::dedup::sharded::default_shard_name(inputs);
            let reason = if position != shard.documents {
                format!(
                    "{position} documents, but the shard signed as {} held {}",
                    shard.name, shard.documents
                )
            } else {
                format!(
                    "{position} documents as the shard signed as {} held, but not the same ids \
                     or texts",
                    shard.name
                )
            };
            return Err(Error::BadShardFile {
                path: input,
                reason: format!(
                    "{reason}: filter the shard as it was signed (nothing was written)"
                ),
            });
        }
        let mut ready = Ready::default();
        ready.add(sink.finish()?);
        if let Some(report) = report {
            let mut sink = io::open_sink(report)?;
            for line in &clusters.report {
                let mut line = line.clone();
                line.push(b'\n');
                sink.write("", &line)?;
            }
            ready.add(sink.finish()?);
        }
        stats.seconds = started.elapsed().as_secs_f64();
        commit_with_stats(ready, &stats, stats_path)?;
        Ok(stats)
    }
}

//! The repeated-line pass: every document's line keys counted, or a shard's count read back.

use std::sync::atomic::Ordering;
use std::sync::mpsc::sync_channel;

use rayon::prelude::*;

use super::feed::{BATCHES_IN_FLIGHT, Feed, Item, send_batches, total_size};
use super::outputs::ignored_notice;
use super::run::Job;
use super::unchanged::UnchangedTexts;
use super::{Observer, Pipeline};
use crate::boilerplate::{LineTable, RepeatedLines};
use crate::error::{Error, Result};
use crate::io::{self, Input, Parsed, RawReader};
use crate::stats::Stats;

impl Pipeline {
    /// The line table of an earlier count, checked against this pipeline's settings.
    pub(super) fn read_line_table(&self, path: &std::path::Path, job: Job) -> Result<LineTable> {
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
        if table.max_chars != self.repeated_line_max_chars()
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

    /// The first pass: the distinct line keys of every readable document, counted, and the
    /// texts the text-only key stage kept unchanged (when the pipeline has one).
    pub(super) fn count_repeated_lines(
        &self,
        feed: &Feed,
        stats: &mut Stats,
        observer: &mut dyn Observer,
    ) -> Result<(RepeatedLines, Option<UnchangedTexts>)> {
        let mut unchanged = self.text_only_key_stage.map(UnchangedTexts::new);
        let table = self.count_lines_in(feed, stats, observer, unchanged.as_mut())?;
        Ok((self.repeated_lines(table.counter, stats), unchanged))
    }

    /// The line counts of every readable document of `inputs`: what `tamis lines count` writes
    /// for a shard, to merge with the other shards' and clean each against the whole corpus
    /// ([`Run::line_table`](super::Run::line_table)).
    pub fn count_lines(&self, inputs: &[Input], observer: &mut dyn Observer) -> Result<LineTable> {
        let mut feed = Feed::Files(self.expand(inputs)?);
        if let Feed::Files(expanded) = &mut feed {
            for (dir, names) in &expanded.ignored {
                observer.notice(&ignored_notice(dir, names));
            }
        }
        observer.start(total_size(&feed));
        observer.phase("counting lines");
        self.count_lines_in(&feed, &mut Stats::default(), observer, None)
    }

    /// The line table of `feed`; with `unchanged`, what the text-only key stage kept of each
    /// record read (bad ones included, as the main pass numbers them).
    pub(super) fn count_lines_in(
        &self,
        feed: &Feed,
        stats: &mut Stats,
        observer: &mut dyn Observer,
        mut unchanged: Option<&mut UnchangedTexts>,
    ) -> Result<LineTable> {
        let mut table = LineTable::new(self.repeated_line_max_chars(), self.line_settings());
        let counter = &mut table.counter;
        let documents = &mut table.documents;
        match feed {
            Feed::Documents(docs) => {
                for batch in docs.chunks(self.config.batch_documents.max(1)) {
                    let keys: Vec<(Vec<u64>, Option<u64>)> = self.pool.install(|| {
                        batch
                            .par_iter()
                            .map(|doc| self.line_keys(&doc.text))
                            .collect()
                    });
                    for (document, kept) in &keys {
                        counter.add(document);
                        if let Some(unchanged) = unchanged.as_deref_mut() {
                            unchanged.push(*kept);
                        }
                    }
                    *documents += keys.len() as u64;
                }
            }
            Feed::Files(expanded) => {
                // Read as the main pass reads, so that both number the records alike.
                let reader = RawReader::new(expanded.files.clone())
                    .skip_malformed_records(
                        self.config.on_bad_input == crate::io::BadInputPolicy::Skip,
                    )
                    .text_field(&self.config.read.text_field);
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
                        let keys: Vec<Option<(Vec<u64>, Option<u64>)>> =
                            self.pool.install(|| {
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
                        for keyed in &keys {
                            if let Some((document, _)) = keyed {
                                counter.add(document);
                                *documents += 1;
                            }
                            if let Some(unchanged) = unchanged.as_deref_mut() {
                                unchanged.push(keyed.as_ref().and_then(|(_, kept)| *kept));
                            }
                        }
                        observer.progress(bytes_read.load(Ordering::Relaxed), stats);
                    }
                    Ok(())
                })?;
            }
        }
        Ok(table)
    }
}

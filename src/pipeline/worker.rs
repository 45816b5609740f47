//! What the workers do with one record (parse it, run the stages, sign it, encode it) and how
//! this thread accounts for the outcome.

use super::feed::Item;
use super::held::{Body, OutRecord};
use super::outputs::{Origin, reject_line};
use super::stream::{Held, Kept};
use super::unchanged::UnchangedTexts;
use super::{Observer, Pipeline, Processed, Verdict, count_events};
use crate::boilerplate::{Removal, RepeatedLines};
use crate::dedup::{Entry, EntryMaker};
use crate::error::{Error, Result};
use crate::io::{self, BadInput, BadInputPolicy, Format, Parsed, RecordEncoder, Sink};
use crate::stage::Stage;
use crate::stats::{DropReason, Stats};

/// What the workers need to know besides the record.
pub(super) struct PassContext<'a> {
    /// How kept documents are encoded; `None`: they are kept as they are (in-memory runs).
    pub(super) encoder: Option<&'a RecordEncoder>,
    /// The stages this job runs.
    pub(super) stages: &'a [Box<dyn Stage>],
    /// Whether stages may drop documents (not when only detecting languages).
    pub(super) filter: bool,
    pub(super) repeated: Option<&'a RepeatedLines>,
    /// What the repeated-line count saw the text-only key stage keep unchanged, when it ran in
    /// this pass (records are numbered in reading order).
    pub(super) unchanged: Option<&'a UnchangedTexts>,
    /// Present when near-duplicate detection runs.
    pub(super) signer: Option<EntryMaker>,
    /// Whether held documents need their bytes (there is an output).
    pub(super) keep_bytes: bool,
    pub(super) annotate: bool,
    /// Write JSONL input records as they were read (`tamis dedup`: nothing changes them).
    pub(super) verbatim: bool,
    /// Keep where each record was read and its bytes, for `--rejects`.
    pub(super) rejects: bool,
    /// Say why the classifier removed each line (explanations are written).
    pub(super) explain: bool,
}

/// One record after parsing and processing, ready to be accounted for and written.
pub(super) struct Outcome {
    pub(super) problem: Option<BadInput>,
    /// Where the record was read and its bytes, when rejects are written.
    pub(super) origin: Option<Box<Origin>>,
    pub(super) bytes_in: u64,
    pub(super) events: Vec<(&'static str, &'static str)>,
    /// The document's id and the lines the boilerplate stage removed from it.
    pub(super) removals: (String, Vec<Removal>),
    pub(super) fate: Fate,
}

pub(super) enum Fate {
    Write(OutRecord),
    /// Held until the near-duplicates are known.
    Hold(OutRecord, Box<Entry>),
    /// Dropped, and what the stage that dropped it measured.
    Drop(DropReason, Option<Box<(&'static str, serde_json::Value)>>),
    Fail(Error),
}

impl Pipeline {
    /// Processes the record read `ordinal`-th (from 0).
    pub(super) fn process_item(
        &self,
        item: Item,
        ordinal: usize,
        context: &PassContext<'_>,
    ) -> Outcome {
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
                let origin = context
                    .rejects
                    .then(|| Box::new(Origin::of(&raw, &self.config.read.text_field)));
                match io::parse_record(raw, &self.config.read) {
                    Parsed::Bad(bad) => {
                        return Outcome {
                            problem: Some(bad),
                            origin,
                            bytes_in: 0,
                            events: Vec::new(),
                            removals: (String::new(), Vec::new()),
                            fate: Fate::Drop(DropReason::BadRecord, None),
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
            drop_detail,
        } = self.process_with(
            doc,
            context.stages,
            context.filter,
            context.repeated,
            context.explain,
            context
                .unchanged
                .and_then(|unchanged| unchanged.of(ordinal)),
        );
        let fate = match verdict {
            Verdict::Drop(reason) => Fate::Drop(reason, drop_detail.map(Box::new)),
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
        let origin = origin.filter(|_| matches!(fate, Fate::Drop(..)));
        Outcome {
            problem,
            origin,
            bytes_in,
            events,
            removals: (id, removals),
            fate,
        }
    }

    pub(super) fn account(
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
            Fate::Drop(reason, detail) => {
                stats.count_drop(reason);
                if let Some(rejects) = rejects {
                    let line = reject_line(
                        reason,
                        &outcome.removals.0,
                        outcome.origin.as_deref(),
                        problem.as_ref(),
                        detail.map(|detail| *detail),
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

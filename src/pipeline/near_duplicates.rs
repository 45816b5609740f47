//! After the main pass: the near-duplicate clusters resolved, and the held documents written.

use super::held::Body;
use super::outputs::{reject_line, write_index};
use super::run::RunOptions;
use super::stream::{Held, Kept};
use super::worker::count_language;
use super::{Observer, Pipeline};
use crate::error::{Error, Result};
use crate::io::{Ready, RecordEncoder, Sink};
use crate::report::Samples;
use crate::stats::{DropReason, Stats};

impl Pipeline {
    /// After the main pass: finds the clusters, writes the held documents that are kept (or
    /// every one, annotated), the report and the index; hands back the report and the index
    /// ready to be renamed into place.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn write_held(
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

    /// The text of a held document: its own, or read back from its encoded record (JSON under
    /// the text field, or a .txt document's bytes).
    pub(super) fn held_text(&self, body: &Body) -> Option<String> {
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
}

//! What the reader thread hands the workers: the records of the inputs (or documents in
//! memory), in bounded batches.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::SyncSender;
use std::sync::{Arc, Mutex};

use crate::document::Document;
use crate::error::Result;
use crate::io::{self, RawReader, RawRecord, SkippedRecords};

/// A source once its inputs are expanded.
pub(super) enum Feed {
    Files(io::Expanded),
    Documents(Vec<Document>),
}

/// One record before the workers take it.
pub(super) enum Item {
    Raw(RawRecord),
    Document(Document),
}

impl Item {
    pub(super) fn len(&self) -> usize {
        match self {
            Item::Raw(raw) => raw.bytes.len(),
            Item::Document(doc) => doc.text.len(),
        }
    }
}

/// Batches waiting between the reader thread and the workers.
pub(super) const BATCHES_IN_FLIGHT: usize = 2;

/// The records of `feed` for the reader thread, with the count of bytes read so far, the list
/// of empty inputs met and the count of records that are not documents.
#[allow(clippy::type_complexity)]
///
/// Without `pages` (a pipeline with no html stage), a source read as web pages — stdin found to
/// hold a page or a web archive — is refused rather than read as raw HTML.
pub(super) fn items_of(
    feed: Feed,
    pages: bool,
    skip_bad: bool,
    text_field: &str,
) -> (
    Box<dyn Iterator<Item = Result<Item>> + Send>,
    Arc<AtomicU64>,
    Arc<Mutex<Vec<String>>>,
    SkippedRecords,
) {
    match feed {
        Feed::Files(expanded) => {
            let reader = RawReader::new(expanded.files)
                .skip_malformed_records(skip_bad)
                .text_field(text_field);
            let bytes_read = reader.raw_bytes_read();
            let empty = reader.empty_inputs();
            let skipped = reader.skipped_records();
            let items = reader.map(move |raw| {
                let raw = raw?;
                if !pages && raw.format.is_web_page() {
                    return Err(crate::error::Error::config(
                        "stages",
                        format!(
                            "{} holds web pages ({}), but the pipeline has no \"html\" stage to \
                             extract their text: give --extract-html (or --format {}), or list \
                             `[[stages]] type = \"html\"` first in the pipeline file; to read \
                             it as plain text, --format txt",
                            raw.source.display,
                            if raw.format == io::Format::Warc {
                                "a WARC archive"
                            } else {
                                "HTML"
                            },
                            if raw.format == io::Format::Warc {
                                "warc"
                            } else {
                                "html"
                            },
                        ),
                    ));
                }
                Ok(Item::Raw(raw))
            });
            (Box::new(items), bytes_read, empty, skipped)
        }
        Feed::Documents(docs) => {
            let bytes_read = Arc::new(AtomicU64::new(0));
            let counted = Arc::clone(&bytes_read);
            let items = docs.into_iter().map(move |doc| {
                counted.fetch_add(doc.text.len() as u64, Ordering::Relaxed);
                Ok(Item::Document(doc))
            });
            (Box::new(items), bytes_read, Arc::default(), Arc::default())
        }
    }
}

/// The size of the inputs, when every one is known.
pub(super) fn total_size(feed: &Feed) -> Option<u64> {
    match feed {
        Feed::Files(expanded) => expanded.files.iter().map(|f| f.size).sum(),
        Feed::Documents(docs) => Some(docs.iter().map(|d| d.text.len() as u64).sum()),
    }
}

/// Sends records in batches of at most `max_docs` records and about `max_bytes` bytes; stops
/// at the first error (sent on) or when the receiver is gone.
pub(super) fn send_batches(
    items: impl Iterator<Item = Result<Item>>,
    sender: &SyncSender<Result<Vec<Item>>>,
    max_docs: usize,
    max_bytes: usize,
) {
    let mut batch = Vec::new();
    let mut bytes = 0usize;
    for item in items {
        match item {
            Err(error) => {
                if !batch.is_empty() && sender.send(Ok(std::mem::take(&mut batch))).is_err() {
                    return;
                }
                let _ = sender.send(Err(error));
                return;
            }
            Ok(item) => {
                bytes += item.len();
                batch.push(item);
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

//! Output cut into numbered files (`out-00000.parquet`, `out-00001.parquet`, …) of at most so
//! many documents or bytes, all renamed into place together when the run succeeds.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::output::{Ready, Sink};
use crate::error::Result;

/// When a sharded output starts its next file. A document is never split across files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardLimit {
    /// At most this many documents per file.
    pub documents: Option<u64>,
    /// A new file once this many bytes of records (as JSON, before compression) went into one.
    pub bytes: Option<u64>,
}

impl ShardLimit {
    /// Whether a file holding `documents` documents and `bytes` bytes is full.
    fn full(&self, documents: u64, bytes: u64) -> bool {
        self.documents.is_some_and(|max| documents >= max)
            || self.bytes.is_some_and(|max| bytes >= max)
    }
}

/// The name of file `n` of the output named `path`: `-` and five digits before the first
/// extension (`out.jsonl.zst` → `out-00002.jsonl.zst`).
pub fn shard_path(path: &Path, n: usize) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (stem, extensions) = split_name(&name);
    path.with_file_name(format!("{stem}-{n:05}{extensions}"))
}

/// `out.jsonl.zst` → (`out`, `.jsonl.zst`); a leading dot belongs to the stem.
fn split_name(name: &str) -> (&str, &str) {
    match name.get(1..).and_then(|rest| rest.find('.')) {
        Some(dot) => name.split_at(dot + 1),
        None => (name, ""),
    }
}

/// The files already there that a sharded output named `path` would name (`out-NNNNN.ext`).
pub fn existing_shards(path: &Path) -> Vec<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (stem, extensions) = split_name(&name);
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.strip_prefix(stem)
                .and_then(|rest| rest.strip_prefix('-'))
                .and_then(|rest| rest.strip_suffix(extensions))
                .is_some_and(|digits| {
                    digits.len() == 5 && digits.bytes().all(|b| b.is_ascii_digit())
                })
        })
        .map(|entry| path.with_file_name(entry.file_name()))
        .collect();
    found.sort();
    found
}

/// Documents written to numbered files, each opened by `open` when the one before is full.
pub(crate) struct ShardedSink<F> {
    open: F,
    limit: ShardLimit,
    current: Option<Box<dyn Sink>>,
    documents: u64,
    bytes: u64,
    shards: usize,
    ready: Ready,
}

impl<F: FnMut(usize) -> Result<Box<dyn Sink>> + Send> ShardedSink<F> {
    /// A sink that opens file `n` with `open(n)` as the documents come, at least one.
    pub(crate) fn new(open: F, limit: ShardLimit) -> Self {
        ShardedSink {
            open,
            limit,
            current: None,
            documents: 0,
            bytes: 0,
            shards: 0,
            ready: Ready::default(),
        }
    }
}

impl<F: FnMut(usize) -> Result<Box<dyn Sink>> + Send> Sink for ShardedSink<F> {
    fn write(&mut self, id: &str, encoded: &[u8]) -> Result<()> {
        if self.current.is_some() && self.limit.full(self.documents, self.bytes) {
            if let Some(full) = self.current.take() {
                self.ready.add(full.finish()?);
            }
            self.documents = 0;
            self.bytes = 0;
        }
        let sink = match &mut self.current {
            Some(sink) => sink,
            None => {
                let sink = (self.open)(self.shards)?;
                self.shards += 1;
                self.current.insert(sink)
            }
        };
        sink.write(id, encoded)?;
        self.documents += 1;
        self.bytes += encoded.len() as u64;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<Ready> {
        // No document at all still gives one (empty) file: the output exists.
        if self.current.is_none() && self.shards == 0 {
            self.current = Some((self.open)(0)?);
        }
        let mut ready = std::mem::take(&mut self.ready);
        if let Some(last) = self.current.take() {
            ready.add(last.finish()?);
        }
        Ok(ready)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_names_number_the_stem() {
        let cases = [
            ("out.parquet", "out-00003.parquet"),
            ("dir/clean.jsonl.zst", "dir/clean-00003.jsonl.zst"),
            ("noext", "noext-00003"),
            (".hidden.jsonl", ".hidden-00003.jsonl"),
        ];
        for (given, expected) in cases {
            assert_eq!(shard_path(Path::new(given), 3), PathBuf::from(expected));
        }
    }
}

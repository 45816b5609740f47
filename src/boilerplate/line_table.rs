//! The repeated-line counts as a file that shards can exchange (`tamis lines count`, `tamis
//! lines merge`, `tamis clean --line-table`): each shard counts the documents its line keys
//! occur in, the counts of every shard add up, and each shard is then cleaned against the
//! whole corpus's counts — the same lines removed as in one process over the whole corpus.
//!
//! Format (little-endian), version 1: the magic `TAMISLNS`, `u32` version, `u32` longest line
//! counted (the `repeated_line_max_chars` the keys were made with), `u64` fingerprint of the
//! settings that shape the keys (header extraction, repair steps, longest line), `u64`
//! documents counted, `u64` entries, then the entries sorted by key: `u64` line key, `u32`
//! documents. 12 bytes per distinct line. This module reads and writes bytes; the callers open
//! the files.

use std::io::Read;

use super::repeated::LineCounter;
use crate::error::{Error, Result};

const MAGIC: &[u8; 8] = b"TAMISLNS";
/// The format version this tamis writes and reads.
pub const LINE_TABLE_VERSION: u32 = 1;

/// Line counts of a shard, or of several merged.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineTable {
    /// The longest line (in characters) the counts hold: longer lines are never counted.
    pub max_chars: usize,
    /// Fingerprint of the settings the line keys were made with (see
    /// [`Pipeline`](crate::Pipeline)): tables merge, and clean, only with the same.
    pub settings: u64,
    /// Documents counted.
    pub documents: u64,
    /// Documents per line key.
    pub counter: LineCounter,
}

impl LineTable {
    /// An empty table for lines of at most `max_chars` characters, keyed under `settings`.
    pub fn new(max_chars: usize, settings: u64) -> Self {
        LineTable {
            max_chars,
            settings,
            documents: 0,
            counter: LineCounter::default(),
        }
    }

    /// Adds the counts of `other`, made with the same `max_chars`; `display` names it in the
    /// error.
    pub fn merge(&mut self, other: LineTable, display: &str) -> Result<()> {
        if other.max_chars != self.max_chars || other.settings != self.settings {
            return Err(Error::BadLineTable {
                path: display.to_owned(),
                reason: format!(
                    "counted with other settings than the tables before it (lines of up to {} \
                     characters, settings {:016x}, against {} and {:016x}): count every shard \
                     with the same header, repair and repeated-line settings",
                    other.max_chars, other.settings, self.max_chars, self.settings
                ),
            });
        }
        self.documents += other.documents;
        self.counter.merge(other.counter);
        Ok(())
    }

    /// The table as bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let entries = self.counter.sorted_counts();
        let mut out = Vec::with_capacity(40 + entries.len() * 12);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&LINE_TABLE_VERSION.to_le_bytes());
        out.extend_from_slice(&(self.max_chars.min(u32::MAX as usize) as u32).to_le_bytes());
        out.extend_from_slice(&self.settings.to_le_bytes());
        out.extend_from_slice(&self.documents.to_le_bytes());
        out.extend_from_slice(&(entries.len() as u64).to_le_bytes());
        for (key, count) in entries {
            out.extend_from_slice(&key.to_le_bytes());
            out.extend_from_slice(&count.to_le_bytes());
        }
        out
    }

    /// Reads a table from `reader`; `display` names it in messages.
    pub fn read(reader: &mut dyn Read, display: &str) -> Result<LineTable> {
        let bad = |reason: String| Error::BadLineTable {
            path: display.to_owned(),
            reason,
        };
        let mut head = [0u8; 40];
        reader.read_exact(&mut head).map_err(|_| {
            bad("too short to be a line table (tamis lines count writes them)".into())
        })?;
        if &head[..8] != MAGIC {
            return Err(bad(
                "not a line table (tamis lines count writes them)".into()
            ));
        }
        let word =
            |at: usize| u32::from_le_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
        let long = |at: usize| {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(&head[at..at + 8]);
            u64::from_le_bytes(bytes)
        };
        let version = word(8);
        if version != LINE_TABLE_VERSION {
            return Err(bad(format!(
                "format version {version}; this tamis reads version {LINE_TABLE_VERSION}: count \
                 the shards again with this tamis"
            )));
        }
        let mut table = LineTable::new(word(12) as usize, long(16));
        table.documents = long(24);
        let entries = long(32);
        let mut entry = [0u8; 12];
        for n in 0..entries {
            reader
                .read_exact(&mut entry)
                .map_err(|_| bad(format!("truncated after {n} of its {entries} lines")))?;
            let mut key = [0u8; 8];
            key.copy_from_slice(&entry[..8]);
            let count = u32::from_le_bytes([entry[8], entry[9], entry[10], entry[11]]);
            table.counter.insert(u64::from_le_bytes(key), count);
        }
        Ok(table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::boilerplate::document_keys;

    fn table_of(texts: &[&str]) -> LineTable {
        let mut table = LineTable::new(200, 7);
        for text in texts {
            table.counter.add(&document_keys(text, 200));
            table.documents += 1;
        }
        table
    }

    #[test]
    fn shards_counted_apart_and_merged_count_as_one_corpus() {
        let tagline = "Il Gazzettino del Lago — quotidiano online";
        let texts = [
            format!("{tagline}\nLa fiera apre sabato."),
            format!("{tagline}\nIl traghetto riparte."),
            format!("{tagline}\nIl derby finisce pari."),
            "Una frase sola.".to_owned(),
        ];
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let whole = table_of(&texts);
        let mut merged = table_of(&texts[..1]);
        let bytes = table_of(&texts[1..]).to_bytes();
        let second = LineTable::read(&mut bytes.as_slice(), "shard-2.lines").unwrap();
        merged.merge(second, "shard-2.lines").unwrap();
        assert_eq!(merged, whole);
        assert_eq!(merged.documents, 4);
        assert!(merged.counter.clone().repeated(3).contains(tagline));
        // Written, read back: the same table, byte for byte.
        let again = LineTable::read(&mut merged.to_bytes().as_slice(), "t").unwrap();
        assert_eq!(again.to_bytes(), merged.to_bytes());
    }

    #[test]
    fn a_table_that_cannot_be_used_says_why() {
        let error = LineTable::read(&mut &b"{\"id\": 1}"[..], "x.jsonl").unwrap_err();
        assert!(error.to_string().contains("x.jsonl"), "{error}");
        let mut bytes = table_of(&["Una riga.\nUn'altra riga."]).to_bytes();
        bytes.truncate(bytes.len() - 5);
        let error = LineTable::read(&mut bytes.as_slice(), "cut.lines").unwrap_err();
        assert!(
            error.to_string().contains("truncated after 1 of its 2"),
            "{error}"
        );
        let mut other = LineTable::new(80, 7);
        let error = other.merge(table_of(&["x"]), "wide.lines").unwrap_err();
        assert!(error.to_string().contains("wide.lines"), "{error}");
    }
}

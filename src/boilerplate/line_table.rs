//! The repeated-line counts as a file that shards can exchange (`tamis lines count`, `tamis
//! lines merge`, `tamis clean --line-table`): each shard counts the documents its line keys
//! occur in, the counts of every shard add up, and each shard is then cleaned against the
//! whole corpus's counts — the same lines removed as in one process over the whole corpus.
//!
//! A large corpus's table is merged in parts (`lines merge --part I/N`: the keys of one range,
//! so each merge holds 1/N of the corpus's lines) and pruned (`--min-docs N`: the lines of fewer
//! documents cannot be repeated lines, and are most of them); the parts then add up to one small
//! table.
//!
//! Format (little-endian), version 3: the magic `TAMISLNS`, `u32` version, `u32` longest line
//! counted (the `repeated_line_max_chars` the keys were made with), `u64` fingerprint of the
//! settings that shape the keys (header extraction, repair steps, longest line), `u64`
//! documents counted, `u32` part and `u32` parts (0 and 1 for every key), `u32` fewest
//! documents kept (0: nothing pruned), `u64` entries, then the entries sorted by key: `u64`
//! line key, `u32` documents, 12 bytes per distinct line; then the checksum of all that (`u64`
//! xxh3: a flipped bit is refused, not counted). Versions 1 (no part, nothing pruned) and 2 (no
//! checksum) are read too. This module reads and writes bytes; the callers open the files.

use std::io::Read;

use super::repeated::LineCounter;
use crate::error::{Error, Result};

const MAGIC: &[u8; 8] = b"TAMISLNS";
/// The format version this tamis writes (it reads versions 1 and 2 too).
pub const LINE_TABLE_VERSION: u32 = 3;

/// Which line keys a table holds: every one, or part `index` of `count` equal ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyPart {
    /// The part, from 0.
    pub index: u32,
    /// Parts in all.
    pub count: u32,
}

impl KeyPart {
    /// Every key.
    pub const WHOLE: KeyPart = KeyPart { index: 0, count: 1 };

    /// Whether `key` belongs to this part (by its high bits).
    pub fn holds(&self, key: u64) -> bool {
        (((key >> 32) * u64::from(self.count)) >> 32) as u32 == self.index
    }

    /// Whether this is every key.
    pub fn is_whole(&self) -> bool {
        self.count == 1
    }

    /// Parses `I/N` (part I of N, from 0).
    pub fn parse(text: &str) -> std::result::Result<KeyPart, String> {
        let bad = || format!("\"{text}\" is not a part: write I/N, as 0/8 (parts 0 to N−1)");
        let (index, count) = text.split_once('/').ok_or_else(bad)?;
        let index: u32 = index.trim().parse().map_err(|_| bad())?;
        let count: u32 = count.trim().parse().map_err(|_| bad())?;
        if count == 0 || index >= count {
            return Err(bad());
        }
        Ok(KeyPart { index, count })
    }
}

impl Default for KeyPart {
    fn default() -> Self {
        KeyPart::WHOLE
    }
}

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
    /// The keys it holds.
    pub part: KeyPart,
    /// Lines of fewer documents than this were dropped (0: none).
    pub min_docs: u32,
}

impl LineTable {
    /// An empty table for lines of at most `max_chars` characters, keyed under `settings`.
    pub fn new(max_chars: usize, settings: u64) -> Self {
        LineTable {
            max_chars,
            settings,
            documents: 0,
            counter: LineCounter::default(),
            part: KeyPart::WHOLE,
            min_docs: 0,
        }
    }

    /// Whether every line key counted is there, with its full count.
    pub fn is_complete(&self) -> bool {
        self.part.is_whole() && self.min_docs <= 1
    }

    /// Keeps the keys of `part` only (of a complete table).
    pub fn keep_part(&mut self, part: KeyPart) {
        self.counter.retain(|key, _| part.holds(key));
        self.part = part;
    }

    /// Drops the lines of fewer than `min_docs` documents.
    pub fn prune(&mut self, min_docs: u32) {
        if min_docs > 1 {
            self.counter.retain(|_, count| count >= min_docs);
            self.min_docs = self.min_docs.max(min_docs);
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
        if !self.is_complete() || !other.is_complete() {
            return Err(Error::BadLineTable {
                path: display.to_owned(),
                reason: "a part or a pruned table cannot be added to other counts: merge the \
                         shards' tables, or all the parts of one partition at once"
                    .into(),
            });
        }
        self.documents += other.documents;
        self.counter.merge(other.counter);
        Ok(())
    }

    /// The table as bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let entries = self.counter.sorted_counts();
        let mut out = Vec::with_capacity(52 + entries.len() * 12);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&LINE_TABLE_VERSION.to_le_bytes());
        out.extend_from_slice(&(self.max_chars.min(u32::MAX as usize) as u32).to_le_bytes());
        out.extend_from_slice(&self.settings.to_le_bytes());
        out.extend_from_slice(&self.documents.to_le_bytes());
        out.extend_from_slice(&self.part.index.to_le_bytes());
        out.extend_from_slice(&self.part.count.to_le_bytes());
        out.extend_from_slice(&self.min_docs.to_le_bytes());
        out.extend_from_slice(&(entries.len() as u64).to_le_bytes());
        for (key, count) in entries {
            out.extend_from_slice(&key.to_le_bytes());
            out.extend_from_slice(&count.to_le_bytes());
        }
        let checksum = xxhash_rust::xxh3::xxh3_64(&out);
        out.extend_from_slice(&checksum.to_le_bytes());
        out
    }

    /// Reads a table from `reader`; `display` names it in messages.
    pub fn read(reader: &mut dyn Read, display: &str) -> Result<LineTable> {
        let bad = |reason: String| Error::BadLineTable {
            path: display.to_owned(),
            reason,
        };
        let mut head = [0u8; 52];
        reader.read_exact(&mut head[..12]).map_err(|_| {
            bad("too short to be a line table (tamis lines count writes them)".into())
        })?;
        if &head[..8] != MAGIC {
            return Err(bad(
                "not a line table (tamis lines count writes them)".into()
            ));
        }
        let version = u32::from_le_bytes([head[8], head[9], head[10], head[11]]);
        let head_len = match version {
            1 => 40,
            2 | LINE_TABLE_VERSION => 52,
            _ => {
                return Err(bad(format!(
                    "format version {version}; this tamis reads versions 1 to \
                     {LINE_TABLE_VERSION}: count the shards again with this tamis"
                )));
            }
        };
        reader.read_exact(&mut head[12..head_len]).map_err(|_| {
            bad("too short to be a line table (tamis lines count writes them)".into())
        })?;
        let mut checksum = xxhash_rust::xxh3::Xxh3::new();
        checksum.update(&head[..head_len]);
        let word =
            |at: usize| u32::from_le_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
        let long = |at: usize| {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(&head[at..at + 8]);
            u64::from_le_bytes(bytes)
        };
        let mut table = LineTable::new(word(12) as usize, long(16));
        table.documents = long(24);
        let entries = if version == 1 {
            long(32)
        } else {
            let part = KeyPart {
                index: word(32),
                count: word(36),
            };
            if part.count == 0 || part.index >= part.count {
                return Err(bad(format!(
                    "part {}/{}: the file is damaged",
                    part.index, part.count
                )));
            }
            table.part = part;
            table.min_docs = word(40);
            long(44)
        };
        let mut entry = [0u8; 12];
        for n in 0..entries {
            reader
                .read_exact(&mut entry)
                .map_err(|_| bad(format!("truncated after {n} of its {entries} lines")))?;
            checksum.update(&entry);
            let mut key = [0u8; 8];
            key.copy_from_slice(&entry[..8]);
            let count = u32::from_le_bytes([entry[8], entry[9], entry[10], entry[11]]);
            table.counter.insert(u64::from_le_bytes(key), count);
        }
        if version == LINE_TABLE_VERSION {
            let mut stored = [0u8; 8];
            reader
                .read_exact(&mut stored)
                .map_err(|_| bad(format!("truncated after its {entries} lines")))?;
            if u64::from_le_bytes(stored) != checksum.digest() {
                return Err(bad(
                    "its lines do not match their checksum: the file is damaged (count the \
                     shards again)"
                        .into(),
                ));
            }
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
        // Cut inside the last line (12 bytes, then the 8-byte checksum).
        bytes.truncate(bytes.len() - 13);
        let error = LineTable::read(&mut bytes.as_slice(), "cut.lines").unwrap_err();
        assert!(
            error.to_string().contains("truncated after 1 of its 2"),
            "{error}"
        );
        let mut other = LineTable::new(80, 7);
        let error = other.merge(table_of(&["x"]), "wide.lines").unwrap_err();
        assert!(error.to_string().contains("wide.lines"), "{error}");
    }

    #[test]
    fn parts_cut_the_keys_in_ranges_that_cover_them_once() {
        let parts: Vec<KeyPart> = (0..5).map(|index| KeyPart { index, count: 5 }).collect();
        for key in [
            0,
            1,
            u64::MAX,
            1 << 63,
            0x1234_5678_9abc_def0,
            0xcccc_cccc_0000_0000,
        ] {
            assert_eq!(parts.iter().filter(|p| p.holds(key)).count(), 1, "{key:x}");
            assert!(KeyPart::WHOLE.holds(key));
        }
        assert_eq!(KeyPart::parse("3/8"), Ok(KeyPart { index: 3, count: 8 }));
        for bad in ["8/8", "1/0", "x", "1-2"] {
            assert!(KeyPart::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_version_1_table_is_read_as_complete() {
        let table = table_of(&["Una riga.", "Una riga."]);
        let v2 = table.to_bytes();
        // Version 1: the same without part, parts and pruning.
        let mut v1 = v2[..40].to_vec();
        v1[8..12].copy_from_slice(&1u32.to_le_bytes());
        v1[32..40].copy_from_slice(&v2[44..52]);
        v1.extend_from_slice(&v2[52..]);
        let read = LineTable::read(&mut v1.as_slice(), "old.lines").unwrap();
        assert_eq!(read, table);
        assert!(read.is_complete());
    }
}

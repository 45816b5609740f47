//! The saved index (`--save-index`, `--against`): the exact hash, sketch and id of every kept
//! document of earlier runs, so a new batch can be deduplicated against them.
//!
//! Format (little-endian), version 2: the magic `TAMISIDX`, `u32` version, the settings that
//! must match to compare sketches (`u32` slots, `u8` shingle kind, `u32` n-gram size, `u64`
//! seed), then entries `1u8, u32 id length, id, u128 exact hash, sketch`, the end marker
//! `0u8, u64 entry count`, and the checksum of the entries and end marker (`u64` xxh3: a flipped
//! bit is refused, not compared against). Version 1 (no checksum) is read too.
//!
//! This module knows the format only: [`IndexEncoder`] gives the bytes to write and
//! [`SavedIndex::read`] reads them from any reader; the pipeline opens, compresses and commits
//! the files.

use std::io::Read;

use super::shingle::ShingleKind;
use crate::error::{Error, Result};

const MAGIC: &[u8; 8] = b"TAMISIDX";
/// The format version this tamis writes (it reads version 1 too).
pub const INDEX_VERSION: u32 = 2;

/// The settings two sketches must share to be compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexSettings {
    /// MinHash slots.
    pub slots: u32,
    /// Shingle kind.
    pub shingle: ShingleKind,
    /// Characters or words per shingle.
    pub ngram: u32,
    /// Hash seed.
    pub seed: u64,
}

impl IndexSettings {
    fn describe(&self) -> String {
        format!(
            "`dedup.num_perm` {}, `dedup.shingle` {}, `dedup.ngram` {} (seed {:#x})",
            self.slots,
            self.shingle.as_str(),
            self.ngram,
            self.seed
        )
    }
}

/// The documents of an earlier run, read with [`SavedIndex::read`].
#[derive(Debug, Clone, Default)]
pub struct SavedIndex {
    /// Ids, in the order saved.
    pub ids: Vec<String>,
    /// xxh3-128 of each fold key.
    pub exact: Vec<u128>,
    /// Sketches, `slots` bytes each, concatenated.
    pub sketches: Vec<u8>,
}

impl SavedIndex {
    /// Number of documents.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Reads an index written with the same `settings` from `reader` (decompressed already),
    /// or says why it cannot be used; `display` names it in messages.
    pub fn read(
        reader: &mut dyn Read,
        display: &str,
        settings: &IndexSettings,
    ) -> Result<SavedIndex> {
        let bad = |reason: String| Error::BadIndex {
            path: display.to_owned(),
            reason,
        };
        let mut magic = [0u8; 8];
        if reader.read_exact(&mut magic).is_err() || &magic != MAGIC {
            return Err(bad("not a tamis index (write one with `save_index`)".into()));
        }
        let truncated = |e: std::io::Error, entries: usize| {
            if e.kind() == std::io::ErrorKind::UnexpectedEof {
                bad(format!("truncated after {entries} entries"))
            } else {
                Error::io(display, e)
            }
        };
        let version = read_u32(reader).map_err(|e| truncated(e, 0))?;
        if version != INDEX_VERSION && version != 1 {
            return Err(bad(format!(
                "index format version {version}; this tamis reads versions 1 and {INDEX_VERSION} \
                 (rebuild the index with this tamis)"
            )));
        }
        let slots = read_u32(reader).map_err(|e| truncated(e, 0))?;
        let shingle = match read_u8(reader).map_err(|e| truncated(e, 0))? {
            0 => ShingleKind::Char,
            1 => ShingleKind::Word,
            other => return Err(bad(format!("unknown shingle kind {other}"))),
        };
        let ngram = read_u32(reader).map_err(|e| truncated(e, 0))?;
        let seed = read_u64(reader).map_err(|e| truncated(e, 0))?;
        let found = IndexSettings {
            slots,
            shingle,
            ngram,
            seed,
        };
        if found != *settings {
            return Err(bad(format!(
                "built with {}, this run uses {}: run with the index's settings or rebuild it",
                found.describe(),
                settings.describe()
            )));
        }
        let mut index = SavedIndex::default();
        // What follows the settings, hashed as it is read (version 2's checksum).
        let reader = &mut Hashing {
            inner: reader,
            hash: xxhash_rust::xxh3::Xxh3::new(),
        };
        loop {
            let entries = index.len();
            match read_u8(reader).map_err(|e| truncated(e, entries))? {
                1 => {}
                0 => {
                    let count = read_u64(reader).map_err(|e| truncated(e, entries))?;
                    let read = reader.hash.digest();
                    if version == INDEX_VERSION {
                        let stored = read_u64(reader).map_err(|e| truncated(e, entries))?;
                        if stored != read {
                            return Err(bad(format!(
                                "its {entries} entries do not match their checksum: the file is \
                                 damaged (save the index again)"
                            )));
                        }
                    }
                    if count != entries as u64 {
                        return Err(bad(format!(
                            "holds {entries} entries but says {count}: the file is damaged"
                        )));
                    }
                    let mut rest = [0u8; 1];
                    let trailing = reader.read(&mut rest).map_err(|e| truncated(e, entries))?;
                    if trailing > 0 {
                        return Err(bad(format!(
                            "bytes follow the end of the index ({entries} entries): the file is \
                             damaged or two files were joined"
                        )));
                    }
                    return Ok(index);
                }
                other => {
                    return Err(bad(format!(
                        "unexpected byte {other} after {entries} entries: the file is damaged"
                    )));
                }
            }
            let len = read_u32(reader).map_err(|e| truncated(e, entries))? as usize;
            let mut id = vec![0; len];
            reader
                .read_exact(&mut id)
                .map_err(|e| truncated(e, entries))?;
            let id = String::from_utf8(id)
                .map_err(|_| bad(format!("entry {entries} has an id that is not UTF-8")))?;
            let mut exact = [0u8; 16];
            reader
                .read_exact(&mut exact)
                .map_err(|e| truncated(e, entries))?;
            let start = index.sketches.len();
            index.sketches.resize(start + slots as usize, 0);
            reader
                .read_exact(&mut index.sketches[start..])
                .map_err(|e| truncated(e, entries))?;
            index.ids.push(id);
            index.exact.push(u128::from_le_bytes(exact));
        }
    }
}

/// The bytes of an index, piece by piece: [`IndexEncoder::head`], one
/// [`IndexEncoder::entry`] per document, then [`IndexEncoder::end`].
#[derive(Default)]
pub struct IndexEncoder {
    entries: u64,
    /// The entries so far, hashed.
    checksum: xxhash_rust::xxh3::Xxh3,
}

impl std::fmt::Debug for IndexEncoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexEncoder")
            .field("entries", &self.entries)
            .finish_non_exhaustive()
    }
}

/// A reader that hashes what is read through it.
struct Hashing<'a> {
    inner: &'a mut dyn Read,
    hash: xxhash_rust::xxh3::Xxh3,
}

impl Read for Hashing<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
}

impl IndexEncoder {
    /// The magic, the version and `settings`.
    pub fn head(settings: &IndexSettings) -> Vec<u8> {
        let mut head = MAGIC.to_vec();
        head.extend_from_slice(&INDEX_VERSION.to_le_bytes());
        head.extend_from_slice(&settings.slots.to_le_bytes());
        head.push(match settings.shingle {
            ShingleKind::Char => 0,
            ShingleKind::Word => 1,
        });
        head.extend_from_slice(&settings.ngram.to_le_bytes());
        head.extend_from_slice(&settings.seed.to_le_bytes());
        head
    }

    /// One document's entry.
    pub fn entry(&mut self, id: &str, exact: u128, sketch: &[u8]) -> Result<Vec<u8>> {
        let mut entry = Vec::with_capacity(1 + 4 + id.len() + 16 + sketch.len());
        entry.push(1);
        let len = u32::try_from(id.len()).map_err(|_| Error::Encode {
            id: id.chars().take(40).collect::<String>() + "…",
            message: "an id over 4 GiB cannot be saved in an index".into(),
        })?;
        entry.extend_from_slice(&len.to_le_bytes());
        entry.extend_from_slice(id.as_bytes());
        entry.extend_from_slice(&exact.to_le_bytes());
        entry.extend_from_slice(sketch);
        self.entries += 1;
        self.checksum.update(&entry);
        Ok(entry)
    }

    /// The end marker, with the number of entries, and the checksum.
    pub fn end(&self) -> Vec<u8> {
        let mut end = vec![0u8];
        end.extend_from_slice(&self.entries.to_le_bytes());
        let mut checksum = self.checksum.clone();
        checksum.update(&end);
        end.extend_from_slice(&checksum.digest().to_le_bytes());
        end
    }

    /// Entries encoded so far.
    pub fn entries(&self) -> u64 {
        self.entries
    }
}

fn read_u8(r: &mut dyn Read) -> std::io::Result<u8> {
    let mut b = [0u8; 1];
    r.read_exact(&mut b)?;
    Ok(b[0])
}

fn read_u32(r: &mut dyn Read) -> std::io::Result<u32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

fn read_u64(r: &mut dyn Read) -> std::io::Result<u64> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An index of `entries` in memory.
    fn encode(settings: &IndexSettings, entries: &[(&str, u128, &[u8])]) -> Vec<u8> {
        let mut encoder = IndexEncoder::default();
        let mut bytes = IndexEncoder::head(settings);
        for (id, exact, sketch) in entries {
            bytes.extend(encoder.entry(id, *exact, sketch).unwrap());
        }
        bytes.extend(encoder.end());
        bytes
    }

    fn load(bytes: &[u8], settings: &IndexSettings) -> Result<SavedIndex> {
        SavedIndex::read(&mut &bytes[..], "seen.idx", settings)
    }

    fn settings() -> IndexSettings {
        IndexSettings {
            slots: 4,
            shingle: ShingleKind::Char,
            ngram: 5,
            seed: 9,
        }
    }

    #[test]
    fn round_trip() {
        let bytes = encode(
            &settings(),
            &[
                ("fr-1", 7, &[1, 2, 3, 4]),
                ("北京-2", u128::MAX, &[9, 9, 9, 9]),
            ],
        );
        let index = load(&bytes, &settings()).unwrap();
        assert_eq!(index.ids, ["fr-1", "北京-2"]);
        assert_eq!(index.exact, [7, u128::MAX]);
        assert_eq!(index.sketches, [1, 2, 3, 4, 9, 9, 9, 9]);
    }

    #[test]
    fn wrong_settings_truncation_and_other_files_are_explained() {
        let bytes = encode(&settings(), &[("a", 1, &[1, 2, 3, 4])]);
        let other = IndexSettings {
            shingle: ShingleKind::Word,
            ..settings()
        };
        let message = load(&bytes, &other).unwrap_err().to_string();
        assert!(
            message.contains("`dedup.shingle` char") && message.contains("`dedup.shingle` word"),
            "{message}"
        );
        let message = load(&bytes[..bytes.len() - 5], &settings())
            .unwrap_err()
            .to_string();
        assert!(message.contains("truncated after 1 entries"), "{message}");
        let message = load(b"{\"id\": 1}\n", &settings()).unwrap_err().to_string();
        assert!(message.contains("not a tamis index"), "{message}");
    }

    #[test]
    fn trailing_bytes_after_a_saved_index_are_refused() {
        let mut bytes = encode(&settings(), &[("a", 1, &[1, 2, 3, 4])]);
        let whole = bytes.clone();
        bytes.extend_from_slice(&whole); // two indexes joined with cat
        let message = load(&bytes, &settings()).unwrap_err().to_string();
        assert!(message.contains("bytes follow the end"), "{message}");
    }
}

//! The signature file of one shard, written by `tamis dedup sign`: every document's exact hash,
//! sketch, length, date and id, then, for each LSH band, the band keys of the shard sorted, so
//! that `dedup pairs` merges the shards band by band without loading them.
//!
//! Format (little-endian), version 2: the magic `TAMISSIG`, `u32` version, a JSON header (`u32`
//! length; the dedup settings, the shard and the banding) and its checksum (`u64` xxh3 of all
//! before it), then
//! - one fixed record per document: `u8` signed, `u128` exact hash, `u32` length, `u64` date
//!   rank, the sketch (`num_perm` bytes), `u32` checksum of the id, `u32` checksum of the
//!   record (each read is checked: a stage reads the records it needs, here and there);
//! - the end of each id (`u64`, cumulative), then the ids;
//! - for each band, one `(u64 key, u32 position)` per signed document, sorted;
//! - the offsets of those sections (`u64` × 4), each band's checksum (`u64`, checked when the
//!   band has been read), the checksum of those, and the end marker `TAMISEND`.

use std::path::Path;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::binary::{self, Bytes, END, Reader};
use super::corpus::Nodes;
use crate::dedup::{Banding, DedupConfig, Entry, Verify};
use crate::error::{Error, Result};

const MAGIC: &[u8; 8] = b"TAMISSIG";
/// The signature file format this tamis writes and reads.
pub const SIGNATURES_VERSION: u32 = 2;
/// Bytes of a band key entry: the key and the position in the shard.
pub(super) const BAND_ENTRY: u64 = 12;
/// Bytes of the trailer of a file of `bands` bands: four offsets, the bands' checksums, the
/// trailer's checksum and the end marker.
fn trailer_size(bands: usize) -> u64 {
    (4 + bands as u64 + 1) * 8 + 8
}

/// One shard as the later stages know it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardInfo {
    /// The shard's path as it was given to `dedup sign`.
    pub name: String,
    /// Documents read (bad records skipped are not documents).
    pub documents: u64,
    /// Documents with a signature (the others have no letter or digit to compare).
    pub signed: u64,
    /// A hash of every document's id and text length, in order: `dedup filter` checks that it
    /// reads the shard that was signed.
    pub fingerprint: u64,
}

/// What a signature file says of itself.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Header {
    pub(super) dedup: DedupConfig,
    pub(super) shard: ShardInfo,
    pub(super) banding: Banding,
}

/// Fingerprints a shard's documents, in order, by id and text length.
#[derive(Clone)]
pub struct ShardFingerprint(Xxh3);

impl Default for ShardFingerprint {
    fn default() -> Self {
        ShardFingerprint(Xxh3::new())
    }
}

impl std::fmt::Debug for ShardFingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ShardFingerprint")
    }
}

impl ShardFingerprint {
    /// Adds the next document.
    pub fn add(&mut self, id: &str, text_len: usize) {
        self.0.update(&(id.len() as u64).to_le_bytes());
        self.0.update(id.as_bytes());
        self.0.update(&(text_len as u64).to_le_bytes());
    }

    /// The fingerprint so far.
    pub fn value(&self) -> u64 {
        self.0.digest()
    }
}

/// Builds the signature file of one shard from its documents' entries, in order.
#[derive(Debug)]
pub struct ShardSigner {
    config: DedupConfig,
    banding: Banding,
    name: String,
    fixed: Bytes,
    id_ends: Vec<u64>,
    ids: Vec<u8>,
    band_keys: Vec<Vec<(u64, u32)>>,
    signed: u64,
    fingerprint: ShardFingerprint,
}

impl ShardSigner {
    /// A signer for the shard `name` with the near-duplicate settings `config`.
    /// Pairs are verified by their sketches in the sharded stages: the settings recorded say
    /// `verify = "estimate"`.
    pub fn new(config: &DedupConfig, name: &str) -> Self {
        let banding = config.banding();
        ShardSigner {
            config: DedupConfig {
                verify: Verify::Estimate,
                ..config.clone()
            },
            banding,
            name: name.to_owned(),
            fixed: Bytes::default(),
            id_ends: Vec::new(),
            ids: Vec::new(),
            band_keys: vec![Vec::new(); banding.bands],
            signed: 0,
            fingerprint: ShardFingerprint::default(),
        }
    }

    /// Documents pushed.
    pub fn len(&self) -> usize {
        self.id_ends.len()
    }

    /// Whether no document was pushed.
    pub fn is_empty(&self) -> bool {
        self.id_ends.is_empty()
    }

    /// Appends the next document's entry (made by [`DedupIndex::entry`](crate::dedup::DedupIndex::entry)
    /// or an [`EntryMaker`](crate::dedup::EntryMaker) of the same settings).
    pub fn push(&mut self, entry: &Entry) -> Result<()> {
        let position = u32::try_from(self.len()).map_err(|_| {
            Error::config(
                "dedup",
                "a shard holds at most 4,294,967,295 documents: cut it in smaller shards",
            )
        })?;
        self.fingerprint.add(&entry.id, entry.length);
        let slots = self.config.num_perm;
        let record_start = self.fixed.0.len();
        match &entry.signature {
            Some(signature) => {
                self.fixed.u8(1);
                self.fixed.u128(signature.exact);
                for (band, keys) in self.band_keys.iter_mut().enumerate() {
                    keys.push((self.banding.band_key(&signature.sketch, band), position));
                }
                self.signed += 1;
            }
            None => {
                self.fixed.u8(0);
                self.fixed.u128(0);
            }
        }
        self.fixed
            .u32(u32::try_from(entry.length).unwrap_or(u32::MAX));
        self.fixed.u64(entry.date);
        match &entry.signature {
            Some(signature) => self.fixed.raw(&signature.sketch),
            None => self.fixed.0.resize(self.fixed.0.len() + slots, 0),
        }
        self.fixed.u32(binary::checksum(entry.id.as_bytes()) as u32);
        let check = binary::checksum(&self.fixed.0[record_start..]) as u32;
        self.fixed.u32(check);
        self.ids.extend_from_slice(entry.id.as_bytes());
        self.id_ends.push(self.ids.len() as u64);
        Ok(())
    }

    /// The shard as the later stages will know it.
    pub fn info(&self) -> ShardInfo {
        ShardInfo {
            name: self.name.clone(),
            documents: self.len() as u64,
            signed: self.signed,
            fingerprint: self.fingerprint.value(),
        }
    }

    /// Hands the signature file to `write`, piece by piece (no second copy of the shard's
    /// signatures in memory).
    pub fn write(self, write: &mut dyn FnMut(&[u8]) -> Result<()>) -> Result<()> {
        let header = Header {
            dedup: self.config.clone(),
            shard: self.info(),
            banding: self.banding,
        };
        let mut head = Bytes(MAGIC.to_vec());
        head.u32(SIGNATURES_VERSION);
        let json = serde_json::to_vec(&header)
            .map_err(|e| Error::Internal(format!("signature header: {e}")))?;
        head.text(&json)?;
        head.u64(binary::checksum(&head.0));
        write(&head.0)?;
        let fixed_at = head.len();
        write(&self.fixed.0)?;
        let ends_at = fixed_at + self.fixed.len();
        let mut ends = Bytes::default();
        for end in &self.id_ends {
            ends.u64(*end);
        }
        write(&ends.0)?;
        let ids_at = ends_at + ends.len();
        write(&self.ids)?;
        let bands_at = ids_at + self.ids.len() as u64;
        let mut band_checksums = Vec::with_capacity(self.band_keys.len());
        for mut keys in self.band_keys {
            keys.sort_unstable();
            let mut band = Xxh3::new();
            for chunk in keys.chunks(1 << 16) {
                let mut bytes = Bytes(Vec::with_capacity(chunk.len() * BAND_ENTRY as usize));
                for &(key, position) in chunk {
                    bytes.u64(key);
                    bytes.u32(position);
                }
                band.update(&bytes.0);
                write(&bytes.0)?;
            }
            band_checksums.push(band.digest());
        }
        let mut tail = Bytes::default();
        for offset in [fixed_at, ends_at, ids_at, bands_at] {
            tail.u64(offset);
        }
        for checksum in band_checksums {
            tail.u64(checksum);
        }
        tail.u64(binary::checksum(&tail.0));
        tail.raw(END);
        write(&tail.0)
    }
}

/// Bytes of one document's fixed record.
pub(super) fn record_size(slots: usize) -> u64 {
    (1 + 16 + 4 + 8 + slots + 4 + 4) as u64
}

/// An open signature file: its header and where its sections start.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    pub(super) path: std::path::PathBuf,
    pub(super) header: Header,
    fixed_at: u64,
    ends_at: u64,
    ids_at: u64,
    bands_at: u64,
    /// Each band's checksum.
    band_checksums: Vec<u64>,
}

impl Layout {
    /// Reads the header and the trailer of the signature file `path`.
    pub(super) fn open(path: &Path) -> Result<Layout> {
        let mut reader = binary::open(path)?;
        reader.expect_head(
            MAGIC,
            SIGNATURES_VERSION,
            "a signature file (write one with `tamis dedup sign`)",
        )?;
        let header: Header = reader.header()?;
        reader.expect_checksum("header")?;
        let bands = header.banding.bands;
        let trailer = trailer_size(bands);
        let size = reader.seek_from_end(trailer)?;
        reader.start_section();
        let offsets = [reader.u64()?, reader.u64()?, reader.u64()?, reader.u64()?];
        let band_checksums = (0..bands)
            .map(|_| reader.u64())
            .collect::<Result<Vec<u64>>>()?;
        reader.expect_checksum_and_end("section offsets")?;
        let [fixed_at, ends_at, ids_at, bands_at] = offsets;
        let shard = &header.shard;
        let slots = header.dedup.num_perm;
        let consistent = ends_at == fixed_at + shard.documents * record_size(slots)
            && ids_at == ends_at + 8 * shard.documents
            && bands_at >= ids_at
            && bands_at + bands as u64 * shard.signed * BAND_ENTRY + trailer == size;
        if !consistent {
            return Err(reader.bad("its sections do not add up: the file is damaged"));
        }
        Ok(Layout {
            path: path.to_path_buf(),
            header,
            fixed_at,
            ends_at,
            ids_at,
            bands_at,
            band_checksums,
        })
    }

    fn reader(&self) -> Result<Reader<std::io::BufReader<std::fs::File>>> {
        binary::open(&self.path)
    }

    /// The sorted band keys of `band`, streamed.
    pub(super) fn band(&self, band: usize) -> Result<BandKeys> {
        let mut reader = self.reader()?;
        reader.seek(self.bands_at + band as u64 * self.header.shard.signed * BAND_ENTRY)?;
        reader.start_section();
        Ok(BandKeys {
            reader,
            left: self.header.shard.signed,
            checksum: Some(self.band_checksums[band]),
        })
    }

    /// Appends the records of the documents at `positions` (sorted, each signed) to
    /// `records`, numbered from `offset` on; their ids too when `ids`.
    pub(super) fn records(
        &self,
        positions: &[u64],
        offset: u64,
        ids: bool,
        records: &mut Nodes,
    ) -> Result<()> {
        let mut reader = binary::open_with_buffer(&self.path, 512)?;
        let slots = self.header.dedup.num_perm;
        let mut sketch = vec![0u8; slots];
        for &position in positions {
            if position >= self.header.shard.documents {
                return Err(reader.bad(format!(
                    "no document {position}: the file does not match the others"
                )));
            }
            reader.seek(self.fixed_at + position * record_size(slots))?;
            reader.start_section();
            if reader.u8()? != 1 {
                return Err(reader.bad(format!(
                    "document {position} has band keys but no signature: the file is damaged"
                )));
            }
            let exact = reader.u128()?;
            let length = reader.u32()?;
            let date = reader.u64()?;
            reader.exact(&mut sketch)?;
            let id_checksum = reader.u32()?;
            let read = reader.section_checksum() as u32;
            if reader.u32()? != read {
                return Err(reader.bad(format!(
                    "document {position}'s record does not match its checksum: the file is damaged \
                     (make it again)"
                )));
            }
            if !ids {
                records.push(offset + position, exact, length, date, &sketch, "");
                continue;
            }
            // Where the id starts and ends: the end of the one before, and its own.
            let (start, end) = match position {
                0 => {
                    reader.seek(self.ends_at)?;
                    (0, reader.u64()?)
                }
                _ => {
                    reader.seek(self.ends_at + (position - 1) * 8)?;
                    (reader.u64()?, reader.u64()?)
                }
            };
            if end < start || self.ids_at + end > self.bands_at {
                return Err(reader.bad("an id lies outside the file: the file is damaged"));
            }
            reader.seek(self.ids_at + start)?;
            let id = reader.vec((end - start) as usize)?;
            if binary::checksum(&id) as u32 != id_checksum {
                return Err(reader.bad(format!(
                    "document {position}'s id does not match its checksum: the file is damaged \
                     (make it again)"
                )));
            }
            let id = String::from_utf8(id)
                .map_err(|_| reader.bad("an id is not UTF-8: the file is damaged"))?;
            records.push(offset + position, exact, length, date, &sketch, &id);
        }
        Ok(())
    }
}

/// The band keys of one band of one shard, in order.
pub(super) struct BandKeys {
    reader: Reader<std::io::BufReader<std::fs::File>>,
    left: u64,
    /// The band's checksum, until the band has been read and checked.
    checksum: Option<u64>,
}

impl BandKeys {
    /// The next `(key, position)`, or `None` at the end of the band (once its checksum is
    /// checked: a damaged band is an error, not a short one).
    pub(super) fn next_key(&mut self) -> Result<Option<(u64, u32)>> {
        if self.left == 0 {
            if let Some(expected) = self.checksum.take()
                && self.reader.section_checksum() != expected
            {
                return Err(self.reader.bad(
                    "its band keys do not match their checksum: the file is damaged (make it \
                     again)",
                ));
            }
            return Ok(None);
        }
        self.left -= 1;
        Ok(Some((self.reader.u64()?, self.reader.u32()?)))
    }
}

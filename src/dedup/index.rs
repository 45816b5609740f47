//! The corpus-wide state of near-duplicate detection, a column store: a few hundred bytes per
//! document, pushed in input order, then resolved into clusters (`resolve.rs`, `resolution.rs`).

use super::cluster::date_rank;
use super::keys::KeyStore;
use super::lsh::Banding;
use super::minhash::{Signature, Signer};
use super::saved::{IndexSettings, SavedIndex};
use super::shingle::Shingler;
use super::{DedupConfig, Verify};
use crate::document::Document;
use crate::error::Result;

/// Documents per chunk of sketches.
const SKETCH_CHUNK_DOCS: usize = 1 << 16;

/// The shingle sets (and keys read back from disk) verified together hold at most about this
/// many bytes ([`ShingleSet::bytes_for`](super::shingle::ShingleSet::bytes_for) of their keys).
pub(super) const VERIFY_CHUNK_SET_BYTES: usize = 128 << 20;

/// What [`DedupIndex::push`] needs of one document; made by [`DedupIndex::entry`] on any
/// thread.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The document's id.
    pub id: String,
    /// Its fold key (kept for exact verification).
    pub key: String,
    /// Its signature; `None` when the key is empty.
    pub signature: Option<Signature>,
    /// Text length in bytes, for `--keep longest`.
    pub length: usize,
    /// Rank of its `date` field, for the `newest` keep policy.
    pub date: u64,
}

/// Makes [`Entry`]s for a [`DedupIndex`], on any thread.
#[derive(Debug, Clone, Copy)]
pub struct EntryMaker {
    signer: Signer,
}

impl EntryMaker {
    /// The entry of `doc`: fold key, signature, length and date rank.
    pub fn entry(&self, doc: &Document) -> Entry {
        let (key, signature) = self.signer.sign_text(&doc.text);
        Entry {
            id: doc.id.clone(),
            key,
            signature,
            length: doc.text.len(),
            date: doc.meta.get("date").map_or(0, date_rank),
        }
    }
}

/// Signatures of a corpus, in input order, and the settings to compare them.
#[derive(Debug)]
pub struct DedupIndex {
    pub(super) config: DedupConfig,
    pub(super) signer: Signer,
    pub(super) banding: Banding,
    /// Every id, one after the other (`id_ends` says where each ends).
    pub(super) ids: String,
    pub(super) id_ends: Vec<u64>,
    pub(super) signed: Vec<bool>,
    pub(super) exact: Vec<u128>,
    /// Sketches, in chunks of [`SKETCH_CHUNK_DOCS`] documents (a growing corpus never copies
    /// them all to a larger buffer).
    pub(super) sketches: Vec<Vec<u8>>,
    pub(super) lengths: Vec<u32>,
    pub(super) dates: Vec<u64>,
    pub(super) keys: Option<KeyStore>,
    pub(super) earlier: SavedIndex,
}

impl DedupIndex {
    /// An empty index for `config` (assumed valid: see [`DedupConfig::validate`]).
    pub fn new(config: &DedupConfig) -> Self {
        let seed = config.effective_seed();
        let shingler = Shingler::new(config.shingle, config.ngram, seed);
        DedupIndex {
            config: config.clone(),
            signer: Signer::new(shingler, config.num_perm, seed).with_numbers(config.numbers),
            banding: config.banding(),
            ids: String::new(),
            id_ends: Vec::new(),
            signed: Vec::new(),
            exact: Vec::new(),
            sketches: Vec::new(),
            lengths: Vec::new(),
            dates: Vec::new(),
            keys: (config.verify == Verify::Exact).then(KeyStore::default),
            earlier: SavedIndex::default(),
        }
    }

    /// The settings a saved index must share with this one.
    pub fn settings(&self) -> IndexSettings {
        IndexSettings {
            slots: self.config.num_perm as u32,
            shingle: self.config.shingle,
            ngram: self.config.ngram as u32,
            seed: self.config.effective_seed(),
        }
    }

    /// The chosen banding.
    pub fn banding(&self) -> Banding {
        self.banding
    }

    /// Number of documents pushed.
    pub fn len(&self) -> usize {
        self.signed.len()
    }

    /// Whether no document was pushed.
    pub fn is_empty(&self) -> bool {
        self.signed.is_empty()
    }

    /// Documents of an earlier run to deduplicate against: a new document matching one of them
    /// is the duplicate, and they are never reported as duplicates themselves.
    pub fn against(&mut self, earlier: SavedIndex) {
        self.earlier = earlier;
    }

    /// The entry of `doc` (fold key, signature, length, date): the costly part, for any thread.
    pub fn entry(&self, doc: &Document) -> Entry {
        self.entry_maker().entry(doc)
    }

    /// What makes entries, apart from the index (so documents can be signed while the index
    /// takes the entries of earlier ones).
    pub fn entry_maker(&self) -> EntryMaker {
        EntryMaker {
            signer: self.signer,
        }
    }

    /// Appends the next document.
    pub fn push(&mut self, entry: Entry) -> Result<()> {
        if let Some(keys) = &mut self.keys {
            keys.push(&entry.key)?;
        }
        self.ids.push_str(&entry.id);
        self.id_ends.push(self.ids.len() as u64);
        let k = self.config.num_perm;
        if self.signed.len().is_multiple_of(SKETCH_CHUNK_DOCS) {
            self.sketches
                .push(Vec::with_capacity(SKETCH_CHUNK_DOCS * k));
        }
        let chunk = self.sketches.last_mut().expect("a chunk was just ensured");
        match entry.signature {
            Some(signature) => {
                self.signed.push(true);
                self.exact.push(signature.exact);
                chunk.extend_from_slice(&signature.sketch);
            }
            None => {
                self.signed.push(false);
                self.exact.push(0);
                chunk.resize(chunk.len() + k, 0);
            }
        }
        self.lengths
            .push(u32::try_from(entry.length).unwrap_or(u32::MAX));
        self.dates.push(entry.date);
        Ok(())
    }

    /// Bytes of memory held per document (ids at their actual length).
    pub fn bytes_per_document(&self) -> u64 {
        let n = self.len().max(1) as u64;
        let fixed = (self.config.num_perm + 16 + 1 + 4 + 8 + 8) as u64
            + if self.keys.is_some() { 8 } else { 0 }
            + 4; // cluster lookup after resolution
        fixed + self.ids.len() as u64 / n
    }

    pub(super) fn id(&self, doc: u32) -> &str {
        let end = self.id_ends[doc as usize] as usize;
        let start = match doc {
            0 => 0,
            _ => self.id_ends[doc as usize - 1] as usize,
        };
        &self.ids[start..end]
    }

    pub(super) fn sketch(&self, node: u32) -> &[u8] {
        let k = self.config.num_perm;
        match (node as usize).checked_sub(self.len()) {
            None => {
                let (chunk, i) = (
                    node as usize / SKETCH_CHUNK_DOCS,
                    node as usize % SKETCH_CHUNK_DOCS,
                );
                &self.sketches[chunk][i * k..(i + 1) * k]
            }
            Some(old) => &self.earlier.sketches[old * k..(old + 1) * k],
        }
    }

    pub(super) fn exact(&self, node: u32) -> u128 {
        match (node as usize).checked_sub(self.len()) {
            None => self.exact[node as usize],
            Some(old) => self.earlier.exact[old],
        }
    }

    pub(super) fn is_earlier(&self, node: u32) -> bool {
        node as usize >= self.len()
    }
}

//! Near-duplicate detection: exact duplicates by a hash of the [`fold`](crate::normalize::fold)
//! key, near-duplicates by MinHash and LSH, every candidate pair verified against the
//! threshold, clusters by union-find, and a deterministic choice of the document each cluster
//! keeps.
//!
//! ```
//! use tamis::Document;
//! use tamis::dedup::{DedupConfig, DedupIndex, Fate};
//!
//! let docs = [
//!     Document::new("a", "Le conseil municipal a voté le budget 2019 mardi soir, après trois heures de débat."),
//!     Document::new("b", "Le conseil municipal a vote le budget 2019 mardi soir apres trois heures de debat"),
//!     Document::new("c", "La météo annonce de la pluie sur toute la Bretagne pour le week-end prochain."),
//! ];
//! let mut index = DedupIndex::new(&DedupConfig::default());
//! for doc in &docs {
//!     let entry = index.entry(doc);
//!     index.push(entry)?;
//! }
//! let clusters = index.resolve()?;
//! assert!(matches!(clusters.fate(0), Fate::Kept(_)));
//! assert!(clusters.is_duplicate(1));
//! assert_eq!(clusters.fate(2), Fate::Unique);
//! # Ok::<(), tamis::Error>(())
//! ```

mod cluster;
mod config;
mod index;
mod keys;
mod lsh;
mod minhash;
mod passage;
mod resolution;
mod resolve;
mod saved;
pub mod sharded;
mod shingle;

pub use cluster::KeepPolicy;
pub use config::{
    DEFAULT_MIN_REPLACED_CHARS, DedupConfig, DedupSummary, REPORTED_SIMILARITIES, Verify,
};
pub use index::{DedupIndex, Entry, EntryMaker};
pub use lsh::Banding;
pub use minhash::{Signature, Signer};
pub use resolution::{
    ClusterView, Fate, ReportDuplicate, ReportLine, Resolution, annotation_fields,
};
pub use saved::{INDEX_VERSION, IndexEncoder, IndexSettings, SavedIndex};
pub use shingle::{MAX_NGRAM, ShingleKind, ShingleSet, Shingler};

pub use crate::normalize::Numbers;
